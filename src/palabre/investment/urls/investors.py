"""Addresses of the investors part."""

urlpatterns: list = []
