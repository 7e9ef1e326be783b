"""Addresses of the indicators of a space, under /espaces/<space>/indicateurs/."""

from . import dashboard, management

app_name = "indicators"

urlpatterns = [*dashboard.urlpatterns, *management.urlpatterns]
