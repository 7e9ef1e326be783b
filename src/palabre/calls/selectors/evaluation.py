"""Reads for the committee's pages, each in a fixed number of queries whatever the number of
offers. The evaluators' lists never load the price: it stays out of their pages until the
technical scoring is closed."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from ..models import Call, Evaluator, Part, Score, Submission, SubmissionFile


def seat_of(user, call: Call) -> Evaluator | None:
    if not user.is_authenticated:
        return None
    return call.evaluators.filter(user=user).first()


def committee_of(call: Call):
    return (
        call.evaluators.select_related("user")
        .annotate(score_count=Count("scores"))
        .order_by("user__email")
    )


def _files(part: str) -> Prefetch:
    return Prefetch(
        "files",
        queryset=SubmissionFile.objects.filter(requirement__part=part)
        .select_related("requirement")
        .order_by("requirement__order", "requirement__pk"),
    )


def offers_to_score(call: Call, seat: Evaluator):
    """The current offers with their technical files and how many criteria this seat scored."""
    return (
        call.submissions.filter(is_current=True)
        .defer("price", "is_eligible", "ineligibility_reason")
        .annotate(scored=Count("scores", filter=Q(scores__evaluator=seat)))
        .prefetch_related(_files(Part.TECHNICAL))
        .order_by("applicant_name", "pk")
    )


def offer_to_score(call: Call, pk: int) -> Submission:
    return get_object_or_404(
        call.submissions.filter(is_current=True)
        .defer("price", "is_eligible", "ineligibility_reason")
        .prefetch_related(_files(Part.TECHNICAL)),
        pk=pk,
    )


def technical_criteria(call: Call) -> list:
    return list(call.criteria.filter(is_price=False))


def others_scores(seat: Evaluator, submission: Submission) -> list[Score]:
    """The scores the other evaluators handed in for this offer."""
    return list(
        Score.objects.filter(submission=submission, evaluator__submitted_at__isnull=False)
        .exclude(evaluator=seat)
        .select_related("evaluator__user", "criterion")
        .order_by("criterion__order", "criterion__pk", "evaluator__user__email")
    )


def financial_offers(call: Call):
    return (
        call.submissions.filter(is_current=True)
        .prefetch_related(_files(Part.FINANCIAL))
        .order_by("applicant_name", "pk")
    )


def file_for(call: Call, pk: int) -> SubmissionFile:
    return get_object_or_404(
        SubmissionFile.objects.select_related("requirement", "submission"),
        pk=pk,
        submission__call=call,
        submission__is_current=True,
    )
