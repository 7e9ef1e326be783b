"""Reading capitalisation reports: which reports a user may see, a report's figures as a page and a
document show them (tables and charts drawn from the frozen snapshot, never from live data)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from palabre.core.rules import is_site_admin
from palabre.documents.charts import number
from palabre.documents.charts.bars import Bar, horizontal_bars
from palabre.documents.charts.progress import progress_bar
from palabre.indicators.computations import DIMENSIONS
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.selectors import roles_of, space_for
from palabre.workflow.models import State

from ..models import CapitalisationReport, Lesson, Recommendation

ISSUED_STATES = (State.APPROVED, State.PUBLISHED)


def reports_visible_to(user, space: Space) -> QuerySet[CapitalisationReport]:
    """The space's reports this user may read (the same rule as `knowledge.view`)."""
    reports = CapitalisationReport.objects.filter(space=space).select_related("space")
    roles = roles_of(user).get(space.pk, set())
    if not (is_site_admin.test(user) or roles & {Role.SECRETARIAT, Role.APPROVER}):
        visible = Q(visibility=Visibility.PUBLIC, space__visibility=Visibility.PUBLIC) & (
            Q(workflow_state=State.PUBLISHED) | Q(version__gt=1)
        )
        if roles:
            visible |= ~Q(visibility=Visibility.RESTRICTED)
        reports = reports.filter(visible)
    return reports.order_by("-period_end", "-pk")


def report_for(user, slug: str, pk: int) -> CapitalisationReport:
    """The report if the user may see it; 404 otherwise. An anonymous visitor of a report they
    may not read yet is sent to the login page by the view's permission check instead."""
    space = space_for(user, slug)
    report = get_object_or_404(
        CapitalisationReport.objects.select_related("space", "approved_by", "created_by"),
        space=space,
        pk=pk,
    )
    if user.is_authenticated and not user.has_perm("knowledge.view", report):
        raise Http404
    return report


def lessons_of(space: Space) -> QuerySet[Lesson]:
    return Lesson.objects.filter(space=space).order_by("-learned_on", "title")


def recommendations_of(space: Space) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(space=space).order_by("-created_at", "title")


def chosen_entries(report: CapitalisationReport) -> tuple[list, list]:
    """The report's lessons and recommendations, in reading order."""
    lessons = list(report.lessons.order_by("learned_on", "title"))
    recommendations = list(
        report.recommendations.select_related("addressee_organisation").order_by(
            "priority", "title"
        )
    )
    return lessons, recommendations


# --- the figures as shown ------------------------------------------------------------------------


@dataclass
class Chart:
    title: str
    svg: SafeString


def _parts_chart(parts: list[dict], title: str) -> Chart:
    description = "; ".join(f"{part['label']}: {number(part['value'])}" for part in parts)
    bars = [Bar(part["label"], part["value"]) for part in parts]
    return Chart(title, horizontal_bars(bars, title=title, description=description))


def participation_charts(figures: dict) -> list[Chart]:
    """Participants by gender (the unrecorded counted apart), by origin and by mode."""
    breakdowns = (figures.get("participation") or {}).get("breakdowns", {})
    titles = {
        "gender": _("Participants by gender"),
        "origin": _("Participants living in the country or abroad"),
        "mode": _("Participants by mode of participation"),
    }
    return [
        _parts_chart(breakdowns[dimension], title)
        for dimension, title in titles.items()
        if breakdowns.get(dimension)
    ]


def indicator_rows(figures: dict) -> list[dict]:
    """Each indicator of the snapshot with a bar towards its target."""
    rows = []
    for row in figures.get("indicators", []):
        title = _("%(code)s %(title)s: value against target") % row
        chart = None
        if row.get("target"):
            chart = progress_bar(row.get("value"), row["target"], title=title)
        rows.append({**row, "chart": chart})
    return rows


def breakdown_tables(figures: dict) -> list[tuple[str, list[dict]]]:
    """The attendance statistics annex: every breakdown of the participation, titled."""
    breakdowns = (figures.get("participation") or {}).get("breakdowns", {})
    return [
        (str(DIMENSIONS.get(dimension, dimension)), parts)
        for dimension, parts in breakdowns.items()
    ]


def meetings_summary(figures: dict) -> dict:
    meetings = figures.get("meetings", [])
    return {
        "count": len(meetings),
        "attendances": sum(meeting["attendees"] for meeting in meetings),
    }


def report_figures(report: CapitalisationReport) -> dict:
    """Everything the page and the document show of the report's figures."""
    figures = report.figures or {}
    return {
        "figures": figures,
        "participation": figures.get("participation") or {},
        "charts": participation_charts(figures),
        "indicators": indicator_rows(figures),
        "breakdowns": breakdown_tables(figures),
        "meetings": figures.get("meetings", []),
        "meetings_summary": meetings_summary(figures),
        "decisions": figures.get("decisions", []),
        "plans": figures.get("actions", []),
        "amounts": figures.get("amounts", []),
    }


def report_document(report: CapitalisationReport) -> dict:
    """What the documents app needs to render or issue the report (all but format and issuer).
    The content is frozen once approved: one document per approval (sending an approved report
    back to draft and approving it again makes another)."""
    lessons, recommendations = chosen_entries(report)
    return {
        "subject": report,
        "kind": "capitalisation_report",
        "title": report.title,
        "template_name": "knowledge/reports/document.html",
        "context": {
            "report": report,
            "lessons": lessons,
            "recommendations": recommendations,
            **report_figures(report),
        },
        "version": report.version,
        "key": f"{report.approved_at:%Y%m%dT%H%M%S%f}" if report.approved_at else "",
        "space": report.space,
        "approved_by": report.approved_by,
        "approved_at": report.approved_at,
    }
