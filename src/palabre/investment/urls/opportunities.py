"""Addresses of the opportunities part."""

urlpatterns: list = []
