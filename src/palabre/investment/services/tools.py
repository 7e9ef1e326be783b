"""Incentive tools and what their pilot records: the tool itself with its measured results, its
dated activities, the amounts it mobilised and the lessons and recommendations drawn from it.

The stage is not changed here but by services/stages.change_stage. An edit may not take away
what the tool's current stage stands on (an analysed tool keeps its analysis): the stage would
then claim what the record no longer shows, so such an edit is refused with what it would remove.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes

from ..models import (
    STAGE_ORDER,
    IncentiveTool,
    MobilisedAmount,
    PilotActivity,
    PilotStage,
)
from .stages import missing_for_stage

# What the pilot measured and concluded: entered once the tool is under way.
RESULT_FIELDS = [
    "people_reached",
    "women_reached",
    "men_reached",
    "diaspora_reached",
    "residents_reached",
    "projects_supported",
    "jobs_expected",
    "results",
    "analysis",
]
TOOL_FIELDS = [
    "kind",
    "title",
    "description",
    "country",
    "region",
    "budget",
    "currency",
    "period_start",
    "period_end",
    "visibility",
    *RESULT_FIELDS,
]


def _state(tool: IncentiveTool, partners: Iterable) -> dict:
    state = {name: getattr(tool, name) for name in TOOL_FIELDS}
    state["partners"] = ", ".join(sorted(str(partner) for partner in partners))
    return state


def _fill(tool: IncentiveTool, fields: dict) -> None:
    unknown = set(fields) - set(TOOL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields of a tool: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(tool, name, value.strip() if isinstance(value, str) else value)
    # Every field and the model's own checks (region in the country, breakdowns within the
    # people reached, a period that ends after it starts).
    tool.full_clean(exclude=["space", "created_by", "partners"])


def _check_stage_still_holds(tool: IncentiveTool) -> None:
    labels = dict(PilotStage.choices)
    for stage in STAGE_ORDER[1 : tool.stage_index + 1]:
        missing = missing_for_stage(tool, stage)
        if missing:
            raise ValidationError(
                _(
                    "The tool is %(stage)s and would then lack %(missing)s: keep it, or step the "
                    "tool back to an earlier stage first."
                )
                % {"stage": str(labels[stage]).lower(), "missing": _(", ").join(missing)},
                code="stage_would_break",
            )


def tool_create(*, space, actor, partners: Iterable = (), **fields) -> IncentiveTool:
    """A new tool of `space`, at the first stage. `fields`: those of TOOL_FIELDS."""
    partners = list(partners)
    tool = IncentiveTool(space=space, created_by=actor, stage=PilotStage.IDENTIFIED)
    _fill(tool, fields)
    with transaction.atomic():
        tool.save()
        tool.partners.set(partners)
        audit_record(
            actor=actor,
            action="investment.tool_create",
            target=tool,
            changes=field_changes({}, _state(tool, partners)),
        )
    return tool


def tool_update(*, tool: IncentiveTool, actor, partners: Iterable = (), **fields) -> IncentiveTool:
    """`fields`: those of TOOL_FIELDS to change (the others keep their value); `partners`
    replaces the list."""
    partners = list(partners)
    with transaction.atomic():
        # Locked, and read again: a stage changed since the form was shown is the one checked.
        tool = IncentiveTool.objects.select_for_update().get(pk=tool.pk)
        before = _state(tool, tool.partners.all())
        _fill(tool, fields)
        _check_stage_still_holds(tool)
        changes = field_changes(before, _state(tool, partners))
        if changes:
            tool.save()
            tool.partners.set(partners)
            audit_record(actor=actor, action="investment.tool_update", target=tool, changes=changes)
    return tool


def _add(record, *, actor, action: str, changes: dict):
    record.full_clean()
    with transaction.atomic():
        record.save()
        audit_record(actor=actor, action=action, target=record.tool, changes=changes)
    return record


def activity_add(
    *,
    tool: IncentiveTool,
    actor,
    date,
    title: str,
    description: str = "",
    participants: int | None = None,
) -> PilotActivity:
    activity = PilotActivity(
        tool=tool,
        date=date,
        title=title.strip(),
        description=description.strip(),
        participants=participants,
    )
    return _add(
        activity,
        actor=actor,
        action="investment.tool_activity_add",
        changes={"activity": [None, f"{date} — {activity.title}"]},
    )


def amount_add(
    *, tool: IncentiveTool, actor, date, amount, currency: str, source: str = ""
) -> MobilisedAmount:
    record = MobilisedAmount(
        tool=tool, date=date, amount=amount, currency=currency, source=source.strip()
    )
    return _add(
        record,
        actor=actor,
        action="investment.tool_amount_add",
        changes={"amount": [None, f"{amount} {currency} ({date})"]},
    )
