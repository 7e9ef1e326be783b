"""The directory's long work, run by the task layer (in a worker when Redis is configured)."""

from palabre.imports.services import people_import
from palabre.jobs.registry import register_job
from palabre.jobs.services import job_progress


@register_job("directory.import_people")
def import_people(job, *, filename: str, dry_run: bool = False) -> dict:
    """Imports the job's input file; bad rows are a normal outcome shown on the job page, not a
    failure of the job, so they come back in the result."""
    with job.input_file.open("rb") as source:
        report = people_import(
            source=source,
            filename=filename,
            actor=job.created_by,
            dry_run=dry_run,
            on_progress=lambda done, total: job_progress(job, done, total),
        )
    return report.as_dict()
