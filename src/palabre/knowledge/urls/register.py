"""Addresses of the register part of the knowledge of a space."""

urlpatterns = []
