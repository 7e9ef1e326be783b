"""Action plans: the plan through the workflow, its actions, and their progress updates."""

from .plans import plan_check, plan_sections, plan_transitioned

__all__ = ["plan_check", "plan_sections", "plan_transitioned"]
