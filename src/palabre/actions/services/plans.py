"""Action plans through the workflow, their actions, and progress updates."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from palabre.workflow.models import Action as WorkflowAction

from .models import ActionPlan


def plan_sections(plan: ActionPlan) -> list[tuple[str, str, str]]:
    """What reviewers comment on and what a new version's difference compares."""
    actions = plan.actions.select_related("lead_organisation").order_by("number")
    return [
        ("context", str(_("Context")), plan.context),
        ("objectives", str(_("Objectives")), plan.objectives),
        (
            "actions",
            str(_("Actions")),
            "\n".join(
                f"{action.number}. {action.title}"
                f" ({action.lead_organisation or '—'}; {action.start_date or '?'} → "
                f"{action.end_date or '?'})"
                for action in actions
            ),
        ),
    ]


def plan_check(*, plan: ActionPlan, action: str) -> None:
    if action == WorkflowAction.SUBMIT and not plan.actions.exists():
        raise ValidationError(_("The plan cannot be submitted without any action."))


def plan_transitioned(*, plan: ActionPlan, action: str, actor) -> None:
    """Notifications follow with the plan pages."""
