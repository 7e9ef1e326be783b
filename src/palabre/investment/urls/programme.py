"""Addresses of the programme part."""

urlpatterns: list = []
