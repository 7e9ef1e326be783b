"""Reads for applicants: the call they submit to, their submissions and what replaced them."""

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Call, Part, Submission, SubmissionFile


def call_for_applicant(user, pk: int) -> Call:
    """The call, hidden (404) from whoever may not read it."""
    call = get_object_or_404(Call.objects.select_related("space"), pk=pk)
    if not user.has_perm("calls.view_call", call):
        raise Http404
    return call


def _replaced_at() -> Subquery:
    """When the same applicant sent their next offer to the same call (None while it counts)."""
    later = Submission.objects.filter(
        call=OuterRef("call"),
        applicant=OuterRef("applicant"),
        submitted_at__gt=OuterRef("submitted_at"),
    ).order_by("submitted_at", "pk")
    return Subquery(later.values("submitted_at")[:1])


def current_submission(call: Call, user) -> Submission | None:
    if not user.is_authenticated:
        return None
    return call.submissions.filter(applicant=user, is_current=True).first()


def submissions_of(user) -> QuerySet:
    """The user's submissions across calls: those that count first, then the newest."""
    return (
        Submission.objects.filter(applicant=user)
        .select_related("call")
        .annotate(replaced_at=_replaced_at())
        .order_by("-is_current", "-submitted_at", "-pk")
    )


def submission_for(pk: int) -> Submission:
    files = SubmissionFile.objects.select_related("requirement").order_by(
        "requirement__order", "requirement__pk"
    )
    return get_object_or_404(
        Submission.objects.select_related("call__space")
        .annotate(replaced_at=_replaced_at())
        .prefetch_related(Prefetch("files", queryset=files)),
        pk=pk,
    )


def files_by_part(submission: Submission) -> list[tuple[str, list[SubmissionFile]]]:
    """The submitted files grouped by part of the offer, technical first."""
    files = list(submission.files.all())
    return [
        (label, [f for f in files if f.requirement.part == value])
        for value, label in Part.choices
        if any(f.requirement.part == value for f in files)
    ]
