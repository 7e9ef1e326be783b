"""Addresses of the charter part of the knowledge of a space."""

urlpatterns = []
