"""Capitalisation reports through the workflow. Assembling the figures from the data lives in
services/assembly.py."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes
from palabre.spaces.models import Visibility
from palabre.workflow.models import Action
from palabre.workflow.services import ensure_editable

from ..models import CapitalisationReport, Lesson, Recommendation
from .approvals import announce_transition


def figures_text(report: CapitalisationReport) -> str:
    """The assembled figures as text, so that the difference between versions shows them too."""
    lines = []
    for row in report.figures.get("indicators", []):
        value = "—" if row.get("value") is None else row["value"]
        lines.append(f"{row['code']} {row['title']}: {value} / {row['target']}")
    participation = report.figures.get("participation") or {}
    if participation:
        lines.append(
            _("Participants: %(total)s, of whom %(women)s women (%(unknown)s not recorded)")
            % {
                "total": participation.get("total", 0),
                "women": participation.get("women", 0),
                "unknown": participation.get("unknown", 0),
            }
        )
    meetings = report.figures.get("meetings", [])
    if meetings:
        lines.append(_("Meetings held: %(count)s") % {"count": len(meetings)})
    return "\n".join(lines)


def report_sections(report: CapitalisationReport) -> list[tuple[str, str, str]]:
    lessons = "\n".join(f"- {lesson.title}: {lesson.statement}" for lesson in report.lessons.all())
    recommendations = "\n".join(
        f"- {rec.title}: {rec.statement}" for rec in report.recommendations.all()
    )
    return [
        ("context", str(_("Context")), report.context),
        ("process", str(_("Process")), report.process),
        ("figures", str(_("Figures")), figures_text(report)),
        ("results", str(_("Results")), report.results),
        ("lessons", str(_("Lessons learned")), lessons),
        ("recommendations", str(_("Recommendations")), recommendations),
        ("replication", str(_("Conditions for replication")), report.replication),
    ]


def report_check(*, report: CapitalisationReport, action: str) -> None:
    if action == Action.SUBMIT:
        missing = [
            label
            for label, text in (
                (_("context"), report.context),
                (_("process"), report.process),
                (_("results"), report.results),
            )
            if not text.strip()
        ]
        if missing:
            raise ValidationError(
                _("Write these sections before submitting the report: %(sections)s.")
                % {"sections": ", ".join(str(label) for label in missing)}
            )
        if not report.figures:
            raise ValidationError(_("Assemble the figures before submitting the report."))


def report_transitioned(*, report: CapitalisationReport, action: str, actor) -> None:
    announce_transition(
        obj=report,
        action=action,
        actor=actor,
        kind="capitalisation_report",
        name=lambda: report.title,
    )


# --- writing the draft ---------------------------------------------------------------------------

TEXT_FIELDS = ["title", "stage", "context", "process", "results", "replication", "visibility"]


def checked_fields(report: CapitalisationReport, **fields) -> None:
    """Set the fields given (texts stripped) and validate the report, or raise."""
    if "visibility" in fields and fields["visibility"] not in Visibility.values:
        raise ValidationError({"visibility": _("Choose a valid visibility.")})
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    if not report.title:
        raise ValidationError({"title": _("Give the report a title.")})
    report.full_clean(exclude=["space", "created_by", "lessons", "recommendations"])


def lock_draft(report: CapitalisationReport) -> None:
    """Inside a transaction: the report's row is locked and still a draft (it may have been
    submitted since the page was shown)."""
    state = (
        CapitalisationReport.objects.select_for_update()
        .values("workflow_state", "version")
        .get(pk=report.pk)
    )
    report.workflow_state, report.version = state["workflow_state"], state["version"]
    ensure_editable(report)


# How widely each visibility shows: a report tells only what its readers could read anyway.
OPENNESS = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.RESTRICTED: 2}


def shown_in(report: CapitalisationReport) -> list[str]:
    """The visibilities of what the report's readers may read."""
    return [value for value, rank in OPENNESS.items() if rank <= OPENNESS[report.visibility]]


def _entries_of(report: CapitalisationReport, entries: Iterable) -> list:
    """Only the space's own lessons or recommendations, open to the report's readers."""
    entries = list(entries)
    if any(entry.space_id != report.space_id for entry in entries):
        raise ValidationError(_("Choose lessons and recommendations of this space only."))
    hidden = [entry.title for entry in entries if entry.visibility not in shown_in(report)]
    if hidden:
        raise ValidationError(
            _("These are not open to the readers of the report: %(titles)s.")
            % {"titles": ", ".join(hidden)}
        )
    return entries


def _state(report: CapitalisationReport, lessons: Iterable, recommendations: Iterable) -> dict:
    state = {name: getattr(report, name) for name in TEXT_FIELDS}
    state["period"] = f"{report.period_start} – {report.period_end}"
    state["lessons"] = ", ".join(sorted(str(lesson.pk) for lesson in lessons))
    state["recommendations"] = ", ".join(sorted(str(rec.pk) for rec in recommendations))
    return state


def report_update(
    *,
    report: CapitalisationReport,
    actor,
    lessons: Iterable[Lesson] = (),
    recommendations: Iterable[Recommendation] = (),
    **fields,
) -> CapitalisationReport:
    """Change the texts, period and chosen lessons and recommendations of a draft. Another period
    or visibility means other figures: they are assembled again."""
    from .assembly import assemble_figures  # assembly builds on the helpers above

    ensure_editable(report)
    before = _state(report, report.lessons.all(), report.recommendations.all())
    scope = (report.period_start, report.period_end, report.visibility)
    checked_fields(report, **fields)
    lessons = _entries_of(report, lessons)
    recommendations = _entries_of(report, recommendations)
    update = [*TEXT_FIELDS, "period_start", "period_end", "updated_at"]
    if (report.period_start, report.period_end, report.visibility) != scope:
        report.figures = assemble_figures(report)
        report.assembled_at = timezone.now()
        update += ["figures", "assembled_at"]
    with transaction.atomic():
        lock_draft(report)
        changes = field_changes(before, _state(report, lessons, recommendations))
        if changes:
            report.save(update_fields=update)
            report.lessons.set(lessons)
            report.recommendations.set(recommendations)
            audit_record(
                actor=actor, action="capitalisation_report.update", target=report, changes=changes
            )
    return report
