"""Addresses of the decision part."""

urlpatterns: list = []
