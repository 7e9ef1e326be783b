"""Addresses of the evaluation part."""

urlpatterns: list = []
