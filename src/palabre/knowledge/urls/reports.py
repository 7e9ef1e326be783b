"""Addresses of the reports part of the knowledge of a space."""

urlpatterns = []
