"""The one task layer: Celery through Redis when REDIS_URL is set, in the web process otherwise."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from kombu.exceptions import OperationalError

from .models import Job, JobStatus
from .registry import job_function

logger = logging.getLogger(__name__)

QUEUE_UNREACHABLE = gettext_noop(
    "The background workers could not be reached. Please try again later or tell the site "
    "administrator."
)


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
        transaction.on_commit(lambda: _enqueue(job))
    return job


def _enqueue(job: Job) -> None:
    from .tasks import run_job

    try:
        run_job.delay(str(job.pk))
    except OperationalError:
        # Redis is down: the user must see a failed job at once, not one queued forever.
        logger.exception("Job %s (%s) could not be queued", job.pk, job.name)
        _finish(job, status=JobStatus.FAILED, error=gettext(QUEUE_UNREACHABLE))


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
        _finish(job, status=JobStatus.FAILED, error=str(error) or error.__class__.__name__)
        return
    _finish(job, status=JobStatus.SUCCEEDED, result=result)


def _finish(job: Job, **fields) -> None:
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)


def job_progress(job: Job, done: int, total: int) -> None:
    """Cheap enough to call every few rows: one UPDATE, no read."""
    job.progress_done, job.progress_total = done, total
    Job.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)


def job_attach_file(job: Job, filename: str, content: bytes) -> None:
    """Store the job's downloadable output (a document, an export, a report of bad rows)."""
    job.result_file.save(filename, ContentFile(content), save=False)
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name)
