"""Celery application, used only when REDIS_URL is set (see palabre.jobs)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palabre.settings")

app = Celery("palabre")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
