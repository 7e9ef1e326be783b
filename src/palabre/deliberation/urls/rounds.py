"""Addresses of the rounds of a space."""

urlpatterns: list = []
