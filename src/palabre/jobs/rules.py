"""A job may show personal data (an import's rows, a mailing list): only its creator sees it."""

import rules

from palabre.core.rules import is_site_admin


@rules.predicate
def is_job_creator(user, job) -> bool:
    return job is not None and user.is_authenticated and job.created_by_id == user.pk


rules.add_perm("jobs.view_job", is_job_creator | is_site_admin)
# Checking the workers queues real work on them: an administrator's action.
rules.add_perm("jobs.run_selftest", is_site_admin)
