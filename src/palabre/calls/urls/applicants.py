"""Addresses of the applicants part."""

urlpatterns: list = []
