"""The pilot stage of an incentive tool: identified → designed → piloted → analysed →
capitalised.

A tool moves forward when it holds what each stage it reaches means; it may go through several
stages at once (a pilot recorded after the fact) if it holds what every one of them means. It
may step back one stage, with a reason (an analysis found wanting). Nothing else is allowed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record

from ..models import STAGE_ORDER, IncentiveTool, PilotStage, StageChange


def missing_for_stage(tool: IncentiveTool, stage: str) -> list[str]:
    """What the tool lacks to be at `stage` itself (not counting the stages before it)."""
    missing = []
    if stage == PilotStage.DESIGNED:
        if not tool.description.strip():
            missing.append(_("a description of the tool"))
        if tool.period_start is None:
            missing.append(_("the start of its period"))
    elif stage == PilotStage.PILOTED:
        if not tool.activities.filter(date__lte=timezone.localdate()).exists():
            missing.append(_("at least one pilot activity that has taken place, with its date"))
    elif stage == PilotStage.ANALYSED:
        measured = tool.people_reached or tool.projects_supported or tool.amounts.exists()
        if not measured:
            missing.append(
                _("measured results (people reached, projects supported or amounts mobilised)")
            )
        if not tool.results.strip():
            missing.append(_("a summary of the results"))
        if not tool.analysis.strip():
            missing.append(_("an analysis"))
    elif stage == PilotStage.CAPITALISED:
        # Captured in the knowledge register (its capture page for a tool).
        if not tool.lessons.exists():
            missing.append(_("at least one lesson learnt, captured in the knowledge register"))
        if not tool.recommendations.exists():
            missing.append(_("at least one recommendation, captured in the knowledge register"))
    return missing


def missing_to_reach(tool: IncentiveTool, stage: str) -> dict[str, list[str]]:
    """Per stage between the tool's and `stage` (included), what is missing; empty when none."""
    start, end = STAGE_ORDER.index(tool.stage), STAGE_ORDER.index(stage)
    gaps = {}
    for step in STAGE_ORDER[start + 1 : end + 1]:
        missing = missing_for_stage(tool, step)
        if missing:
            gaps[step] = missing
    return gaps


def allowed_stages(tool: IncentiveTool) -> list[str]:
    """The stages the tool may be moved to from where it is: any later one, or the one before."""
    index = STAGE_ORDER.index(tool.stage)
    before = STAGE_ORDER[index - 1 : index] if index > 0 else []
    return before + STAGE_ORDER[index + 1 :]


def _refusal(gaps: dict[str, list[str]]) -> ValidationError:
    labels = dict(PilotStage.choices)
    lines = [
        _("To be %(stage)s, the tool needs %(missing)s.")
        % {"stage": str(labels[stage]).lower(), "missing": _(", ").join(missing)}
        for stage, missing in gaps.items()
    ]
    return ValidationError(" ".join(lines), code="stage_requirements")


@transaction.atomic
def change_stage(*, tool: IncentiveTool, stage: str, actor, note: str = "") -> IncentiveTool:
    tool = IncentiveTool.objects.select_for_update().get(pk=tool.pk)
    if stage not in allowed_stages(tool):
        raise ValidationError(
            _("A tool cannot go from “%(current)s” to “%(stage)s”.")
            % {"current": tool.get_stage_display(), "stage": PilotStage(stage).label},
            code="stage_not_allowed",
        )
    going_back = STAGE_ORDER.index(stage) < tool.stage_index
    if going_back and not note.strip():
        raise ValidationError(
            _("Say why the tool goes back to an earlier stage."), code="stage_back_reason"
        )
    if not going_back:
        gaps = missing_to_reach(tool, stage)
        if gaps:
            raise _refusal(gaps)
    previous = tool.stage
    tool.stage = stage
    tool.save(update_fields=["stage", "updated_at"])
    StageChange.objects.create(tool=tool, from_stage=previous, to_stage=stage, note=note, by=actor)
    audit_record(
        actor=actor,
        action="investment.tool_stage",
        target=tool,
        changes={"stage": [previous, stage]},
        note=note,
    )
    return tool
