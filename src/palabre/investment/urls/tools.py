"""Addresses of the tools part."""

urlpatterns: list = []
