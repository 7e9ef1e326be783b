from celery import shared_task


@shared_task(name="palabre.run_job", acks_late=True)
def run_job(job_id: str) -> None:
    from .services import job_run

    job_run(job_id=job_id)
