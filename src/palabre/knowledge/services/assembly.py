"""Assembling a capitalisation report's figures from the data of its space and period.

The figures are a snapshot (plain JSON, dates as ISO strings): what the approver read stays what
the report says, however the meetings, plans and indicators move afterwards. Labels are stored as
they read when the figures were assembled, in the language of whoever assembled them.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import ngettext, pgettext

from palabre.actions.models import Action as PlanAction
from palabre.actions.models import ActionPlan
from palabre.actions.models import ActionStatus as PlanActionStatus
from palabre.audit.services import audit_record
from palabre.directory.models import Gender
from palabre.indicators.computations import RULES, Scope
from palabre.indicators.computations.base import UNKNOWN
from palabre.indicators.selectors.figures import (
    figures_as_data,
    figures_for,
    plain_number,
    spaces_under,
)
from palabre.investment.models import MobilisedAmount
from palabre.meetings.models import Meeting, MeetingStatus, Outcome, OutcomeKind
from palabre.spaces.models import Visibility
from palabre.workflow.models import State
from palabre.workflow.services import ensure_editable

from ..models import CapitalisationReport, Lesson, Recommendation
from .reports import checked_fields, lock_draft, shown_in

# The participation breakdowns a report shows (by country is left to the indicators' pages).
BREAKDOWNS = ("gender", "college", "origin", "mode", "meeting_kind")


def _scope(report: CapitalisationReport, space_ids: tuple[int, ...]) -> Scope:
    return Scope(
        space_ids=space_ids,
        country_id=report.space.country_id,
        start=report.period_start,
        end=report.period_end,
    )


def _meetings(report: CapitalisationReport, scope: Scope) -> list[dict]:
    """The meetings held; the title of a meeting less visible than the report is left out."""
    meetings = (
        Meeting.objects.filter(space_id__in=scope.space_ids, **scope.during("starts_at"))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("space", "minutes")
        .annotate(
            attendees=Count(
                "attendances",
                filter=Q(attendances__removed_at__isnull=True),
            )
        )
        .order_by("starts_at", "pk")
    )
    rows = []
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        rows.append(
            {
                "date": meeting.starts_at.date().isoformat(),
                "title": meeting.title if meeting.visibility in shown_in(report) else "",
                "space": meeting.space.name,
                "kind": meeting.kind,
                "kind_label": meeting.get_kind_display(),
                "mode": meeting.mode,
                "mode_label": meeting.get_mode_display(),
                "attendees": meeting.attendees,
                "minutes_state": minutes.workflow_state if minutes else "",
                "minutes_label": minutes.get_workflow_state_display()
                if minutes
                else pgettext("minutes", "None"),
            }
        )
    return rows


def _participation(scope: Scope) -> dict:
    result = RULES["unique_participants"].compute(scope, BREAKDOWNS)
    breakdowns = {
        breakdown.dimension: [
            {"key": part.key, "label": str(part.label), "value": plain_number(part.value)}
            for part in breakdown.parts
        ]
        for breakdown in result.breakdowns
    }
    genders = {part["key"]: part["value"] for part in breakdowns["gender"]}
    share = RULES["women_share"].compute(scope, ()).value
    return {
        "total": plain_number(result.value),
        "women": genders.get(Gender.FEMALE, 0),
        "men": genders.get(Gender.MALE, 0),
        "other": genders.get(Gender.OTHER, 0),
        "unknown": genders.get(UNKNOWN, 0),
        "women_share": None if share is None else float(share),
        "breakdowns": breakdowns,
    }


def _decisions(report: CapitalisationReport, scope: Scope) -> list[dict]:
    """The decisions of the approved minutes that the report's readers may read."""
    decisions = (
        Outcome.objects.filter(
            minutes__visibility__in=shown_in(report),
            kind=OutcomeKind.DECISION,
            minutes__workflow_state__in=[State.APPROVED, State.PUBLISHED],
            minutes__meeting__space_id__in=scope.space_ids,
            **scope.during("minutes__meeting__starts_at"),
        )
        .exclude(minutes__meeting__status=MeetingStatus.CANCELLED)
        .select_related("minutes__meeting")
        .order_by("minutes__meeting__starts_at", "order", "pk")
    )
    return [
        {
            "date": decision.minutes.meeting.starts_at.date().isoformat(),
            "meeting": decision.minutes.meeting.title,
            "text": decision.text,
        }
        for decision in decisions
    ]


def _actions(scope: Scope) -> list[dict]:
    """The plans that overlap the period, with their actions counted by status."""
    plans = list(
        ActionPlan.objects.filter(
            space_id__in=scope.space_ids,
            period_start__lte=scope.end,
            period_end__gte=scope.start,
        ).order_by("period_start", "pk")
    )
    counts: dict[int, dict[str, int]] = {plan.pk: {} for plan in plans}
    rows = (
        PlanAction.objects.filter(plan__in=plans)
        .order_by()
        .values("plan_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault(row["plan_id"], {})[row["status"]] = row["n"]
    return [
        {
            "plan": plan.title,
            "period_start": plan.period_start.isoformat(),
            "period_end": plan.period_end.isoformat(),
            "state": plan.workflow_state,
            "state_label": plan.get_workflow_state_display(),
            "total": sum(counts[plan.pk].values()),
            "by_status": [
                {"key": status, "label": str(label), "count": counts[plan.pk].get(status, 0)}
                for status, label in PlanActionStatus.choices
            ],
        }
        for plan in plans
    ]


def _amounts(scope: Scope) -> list[dict]:
    """Money mobilised by the space's incentive tools in the period, added up per currency."""
    rows = (
        MobilisedAmount.objects.filter(
            tool__space_id__in=scope.space_ids, **scope.during_dates("date")
        )
        .order_by("currency")
        .values("currency")
        .annotate(total=Sum("amount"))
    )
    return [{"currency": row["currency"], "total": plain_number(row["total"])} for row in rows]


def assemble_figures(report: CapitalisationReport) -> dict:
    """The figures of the report's space, and of the spaces under it, for its period, as far as
    the report's readers may know them."""
    space_ids = spaces_under(report.space)
    scope = _scope(report, space_ids)
    # Each indicator at the period that contains the end of the report's period, in its own
    # frequency: the latest figure the report can speak for.
    indicators = figures_as_data(
        figures_for(report.space, with_series=False, today=report.period_end)
    )
    return {
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "meetings": _meetings(report, scope),
        "participation": _participation(scope),
        "decisions": _decisions(report, scope),
        "actions": _actions(scope),
        "indicators": indicators,
        "amounts": _amounts(scope),
    }


def process_paragraph(figures: dict) -> str:
    """A first paragraph for the "process" section, from the figures, in the active language."""
    meetings = len(figures.get("meetings", []))
    participation = figures.get("participation") or {}
    total, women = participation.get("total", 0), participation.get("women", 0)
    unknown, share = participation.get("unknown", 0), participation.get("women_share")
    sentences = [
        ngettext(
            "%(count)s meeting was held during the period.",
            "%(count)s meetings were held during the period.",
            meetings,
        )
        % {"count": meetings},
        ngettext(
            "%(count)s unique participant took part.",
            "%(count)s unique participants took part.",
            total,
        )
        % {"count": total},
    ]
    if share is not None:
        sentences.append(
            ngettext(
                "%(count)s of them is a woman (%(share)s %% of the participants whose gender "
                "is recorded).",
                "%(count)s of them are women (%(share)s %% of the participants whose gender "
                "is recorded).",
                women,
            )
            % {"count": women, "share": f"{share:g}"}
        )
    if unknown:
        sentences.append(
            ngettext(
                "The gender of %(count)s participant is not recorded.",
                "The gender of %(count)s participants is not recorded.",
                unknown,
            )
            % {"count": unknown}
        )
    decisions = len(figures.get("decisions", []))
    sentences.append(
        ngettext(
            "The approved minutes record %(count)s decision.",
            "The approved minutes record %(count)s decisions.",
            decisions,
        )
        % {"count": decisions}
    )
    return " ".join(sentences)


def _in_period(report: CapitalisationReport):
    start, end = report.period_start, report.period_end
    lessons = Lesson.objects.filter(
        space=report.space, learned_on__range=(start, end), visibility__in=shown_in(report)
    )
    recommendations = Recommendation.objects.filter(
        space=report.space, created_at__date__range=(start, end), visibility__in=shown_in(report)
    )
    return lessons, recommendations


def report_create(
    *,
    space,
    title: str,
    stage: str,
    period_start: datetime.date,
    period_end: datetime.date,
    actor,
    visibility: str = Visibility.PUBLIC,
) -> CapitalisationReport:
    """A draft prefilled from the data: the space's description as context, a paragraph of
    figures as process, the lessons and recommendations of the period, and the figures."""
    report = CapitalisationReport(space=space, created_by=actor, context=space.description.strip())
    checked_fields(
        report,
        title=title,
        stage=stage,
        period_start=period_start,
        period_end=period_end,
        visibility=visibility,
    )
    report.figures = assemble_figures(report)
    report.assembled_at = timezone.now()
    report.process = process_paragraph(report.figures)
    lessons, recommendations = _in_period(report)
    with transaction.atomic():
        report.save()
        report.lessons.set(lessons)
        report.recommendations.set(recommendations)
        audit_record(
            actor=actor,
            action="capitalisation_report.create",
            target=report,
            changes={
                "title": [None, report.title],
                "period": [None, f"{period_start.isoformat()} – {period_end.isoformat()}"],
            },
        )
    return report


def refresh_figures(*, report: CapitalisationReport, actor) -> CapitalisationReport:
    """Assemble the figures again from today's data; a draft only, since an approved report
    must keep saying what was approved."""
    ensure_editable(report)
    figures = assemble_figures(report)
    with transaction.atomic():
        lock_draft(report)
        report.figures = figures
        report.assembled_at = timezone.now()
        report.save(update_fields=["figures", "assembled_at", "updated_at"])
        audit_record(
            actor=actor,
            action="capitalisation_report.refresh_figures",
            target=report,
            changes={"assembled_at": [None, report.assembled_at.isoformat()]},
        )
    return report
