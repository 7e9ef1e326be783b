from django.db.models import QuerySet

from .models import Job


def jobs_visible_to(user) -> QuerySet[Job]:
    """Administrators follow every job; everyone else follows their own."""
    jobs = Job.objects.select_related("created_by")
    if user.is_staff or user.is_superuser:
        return jobs
    return jobs.filter(created_by=user)
