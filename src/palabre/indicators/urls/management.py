"""Addresses of the management part of the indicators."""

urlpatterns = []
