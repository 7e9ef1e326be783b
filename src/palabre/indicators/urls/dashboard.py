"""Addresses of the dashboard part of the indicators."""

urlpatterns = []
