from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "palabre.calls"
    verbose_name = _("Calls for expertise and for projects")
