"""Action plans: the plan through the workflow, its actions, their progress, and the actions
that come from the minutes or from a retained theme."""

from .plans import plan_check, plan_sections, plan_transitioned

__all__ = ["plan_check", "plan_sections", "plan_transitioned"]
