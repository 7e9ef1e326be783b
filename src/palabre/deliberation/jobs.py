"""Deliberation's long work, run by the task layer (in a worker when Redis is configured)."""

from django.urls import reverse

from palabre.jobs.registry import register_job
from palabre.jobs.services import job_progress

from .models import Consultation
from .selectors_consultations import ANALYSIS_JOB
from .services.consultations import ANALYSIS_STEPS, consultation_analysis_run


@register_job(ANALYSIS_JOB)
def consultation_analysis(job, *, consultation_id: int) -> dict:
    """Opinion groups, consensus and division of a consultation's votes; progress in steps
    (loading the votes, PCA, clustering, statistics, saving)."""
    consultation = Consultation.objects.select_related("space").get(pk=consultation_id)
    analysis = consultation_analysis_run(
        consultation=consultation,
        actor=job.created_by,
        job=job,
        on_step=lambda done: job_progress(job, done, len(ANALYSIS_STEPS)),
    )
    return {
        "participants": analysis.participant_count,
        "statements": analysis.statement_count,
        "votes": analysis.vote_count,
        "opinion_groups": analysis.group_count,
        "results_url": reverse(
            "deliberation:consultation_results", args=[consultation.space.slug, consultation.pk]
        ),
    }
