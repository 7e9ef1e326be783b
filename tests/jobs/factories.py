"""Jobs for tests, in any state, without running anything."""

import factory
from django.utils import timezone

from palabre.jobs.models import Job, JobStatus


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    name = "jobs.selftest"
    label = factory.Sequence(lambda n: f"Export des participants {n}")
    params = factory.LazyFunction(lambda: {"steps": 3})
    status = JobStatus.QUEUED


class FinishedJobFactory(JobFactory):
    status = JobStatus.SUCCEEDED
    progress_done = 3
    progress_total = 3
    result = factory.LazyFunction(lambda: {"steps": 3, "rows_imported": 42})
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
