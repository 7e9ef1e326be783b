"""Addresses of the consultations of a space."""

urlpatterns: list = []
