"""Addresses of the action plans of a space."""

app_name = "actions"

urlpatterns: list = []
