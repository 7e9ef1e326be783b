from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "palabre.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app declares its long work in a `jobs.py` module with @register_job.
        autodiscover_modules("jobs")
