"""Capitalisation reports through the workflow. Assembling the figures from the data lives in
services/assembly.py."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from palabre.workflow.models import Action

from ..models import CapitalisationReport
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
