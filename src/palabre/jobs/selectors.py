from django.db.models import QuerySet

from palabre.core.rules import is_site_admin

from .models import Job


def jobs_visible_to(user) -> QuerySet[Job]:
    """Administrators follow every job; everyone else follows their own."""
    jobs = Job.objects.select_related("created_by")
    if is_site_admin.test(user):
        return jobs
    return jobs.filter(created_by=user)
