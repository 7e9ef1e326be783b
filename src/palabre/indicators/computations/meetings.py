"""Meetings whose minutes were approved: the committee met, and what it decided is on record.

A meeting counts in the period in which it started, unless it was cancelled. Its minutes count
as approved at the end of the period when a version of them had been approved by then: the
approved version on record (kept even once a later version is started), or the minutes' own
approval date. Minutes in draft or in review, or sent back after their approval, do not count.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy

from palabre.meetings.models import Meeting, MeetingKind, MeetingMode, MeetingStatus, Minutes
from palabre.workflow.models import Revision, State

from ..models import Unit
from .base import Breakdown, Part, Result, Rule, Scope, register

DIMENSION_FIELDS = {"meeting_kind": ("kind", MeetingKind), "mode": ("mode", MeetingMode)}


def choice_parts(counts: dict, choices) -> list[Part]:
    """One part per choice, in the choices' order, even those with nothing counted."""
    return [Part(code, str(label), counts.get(code, 0)) for code, label in choices.choices]


def _approved_by_end(scope: Scope) -> Q:
    revisions = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(Minutes),
        object_id=OuterRef("minutes__pk"),
        approved_at__lt=scope.end_before,
    )
    return Q(Exists(revisions)) | Q(
        minutes__workflow_state__in=(State.APPROVED, State.PUBLISHED),
        minutes__approved_at__lt=scope.end_before,
    )


def meetings_counted(scope: Scope) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(space_id__in=scope.space_ids, **scope.during("starts_at"))
        .exclude(status=MeetingStatus.CANCELLED)
        .filter(_approved_by_end(scope))
    )


def count_meetings(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    meetings = meetings_counted(scope)
    breakdowns = []
    for dimension in dimensions:
        field, choices = DIMENSION_FIELDS[dimension]
        counts = dict(
            meetings.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
        )
        breakdowns.append(Breakdown(dimension, choice_parts(counts, choices)))
    return Result(value=meetings.count(), breakdowns=breakdowns)


def meeting_records(scope: Scope, dimension: str = "", key: str = "") -> QuerySet[Meeting]:
    meetings = meetings_counted(scope)
    if dimension in DIMENSION_FIELDS:
        meetings = meetings.filter(**{DIMENSION_FIELDS[dimension][0]: key})
    return meetings.select_related("space", "minutes").order_by("starts_at", "pk")


register(
    Rule(
        key="meetings_with_approved_minutes",
        label=gettext_lazy("Meetings held whose minutes are approved"),
        unit=Unit.NUMBER,
        dimensions=tuple(DIMENSION_FIELDS),
        compute=count_meetings,
        records=meeting_records,
        records_kind="meetings",
        description=gettext_lazy(
            "Meetings that started in the period and were not cancelled, whose minutes had been "
            "approved by the end of the period."
        ),
    )
)
