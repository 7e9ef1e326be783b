"""Addresses of the interests part."""

urlpatterns: list = []
