from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "palabre.indicators"
    verbose_name = _("Logframe indicators")

    def ready(self):
        # The rules register themselves on import; the registry must be full before any form
        # offers the choice of a rule.
        from . import computations  # noqa: F401
