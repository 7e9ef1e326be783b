"""Carrying a decision of the minutes, or a retained theme, into an action plan in one step.

The action keeps where it came from (`source_outcome`, `source_theme`), so that the minutes show
"→ Action 3 of the 2027 plan" and the action shows the meeting and the decision it carries out.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from palabre.workflow.models import State

from ..models import Action, ActionPlan
from .plans import _action_fields, action_create

PROMOTABLE_KINDS = ("decision", "action_item")


def outcome_promotable(outcome) -> bool:
    """A decision or action item of minutes that have been approved (and maybe published)."""
    return outcome.kind in PROMOTABLE_KINDS and outcome.minutes.workflow_state in (
        State.APPROVED,
        State.PUBLISHED,
    )


def _check_plan(plan: ActionPlan, space) -> None:
    if plan.space_id != space.pk:
        raise ValidationError({"plan": _("Choose a plan of the same space.")})


def action_promote_from_outcome(
    *, outcome, plan: ActionPlan, actor, partners: Iterable = (), **fields
) -> Action:
    """`fields`: as for `action_add`."""
    minutes = outcome.minutes
    if not outcome_promotable(outcome):
        raise ValidationError(
            _(
                "Only the decisions and action items of approved minutes can be added to an "
                "action plan."
            )
        )
    _check_plan(plan, minutes.meeting.space)
    already = plan.actions.filter(source_outcome=outcome).first()
    if already is not None:
        raise ValidationError(
            {
                "plan": _("This is already action %(number)s of this plan.")
                % {"number": already.number}
            }
        )
    fields = _action_fields(**fields)
    return action_create(
        plan=plan,
        actor=actor,
        fields=fields,
        partners=partners,
        source_outcome=outcome,
        note=str(minutes)[:300],
    )


def action_promote_from_theme(
    *, theme, plan: ActionPlan, actor, partners: Iterable = (), **fields
) -> Action:
    """The theme must be retained (or already in the plan with other actions); a retained theme
    becomes "in the action plan"."""
    _check_plan(plan, theme.space)
    fields = _action_fields(**fields, theme=theme)
    return action_create(
        plan=plan, actor=actor, fields=fields, partners=partners, note=str(theme)[:300]
    )
