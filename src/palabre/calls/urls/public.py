"""Addresses of the public part."""

urlpatterns: list = []
