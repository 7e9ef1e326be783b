"""The one task layer: Celery through Redis when REDIS_URL is set, in the web process otherwise."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Job, JobStatus
from .registry import job_function

logger = logging.getLogger(__name__)


def job_start(
    *, name: str, user=None, params: dict | None = None, label: str = "", input_file=None
) -> Job:
    """Create the job and have it run: queued to a worker, or right away in this process."""
    job_function(name)  # an unknown name fails here, in front of the user, not in a worker
    job = Job.objects.create(
        name=name,
        label=label,
        params=params or {},
        created_by=user,
        **({"input_file": input_file} if input_file is not None else {}),
    )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        job_run(job_id=job.pk)
        job.refresh_from_db()
    else:
        from .tasks import run_job

        transaction.on_commit(lambda: run_job.delay(str(job.pk)))
    return job


def job_run(*, job_id) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    job.status = JobStatus.RUNNING
    try:
        result = job_function(job.name)(job, **job.params) or {}
    except Exception as error:  # noqa: BLE001 - any failure must reach the user as a failed job
        logger.exception("Job %s (%s) failed", job.pk, job.name)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=str(error) or error.__class__.__name__,
            finished_at=timezone.now(),
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now()
    )


def job_progress(job: Job, done: int, total: int) -> None:
    """Cheap enough to call every few rows: one UPDATE, no read."""
    job.progress_done, job.progress_total = done, total
    Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)
