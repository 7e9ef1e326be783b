"""Addresses of the themes of a space."""

urlpatterns: list = []
