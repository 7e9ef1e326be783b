"""What every action-plan page starts with: the space (and the plan, and the action) from the
address, hidden (404) when the user may not see them, then the page's own permission rule."""

from functools import cached_property

from palabre.core.permissions import PermissionRequiredMixin
from palabre.spaces.mixins import SpacePageMixin

from ..selectors import action_for, plan_for


class SpacePlansMixin(SpacePageMixin):
    """Pages about a space's plans in general."""


class PlanMixin(PermissionRequiredMixin):
    permission_required = "actions.view_plan"

    @cached_property
    def plan(self):
        return plan_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.plan.space

    def get_permission_object(self):
        return self.plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, space=self.space, **kwargs)


class ActionMixin(PlanMixin):
    @cached_property
    def action(self):
        return action_for(self.plan, self.kwargs["action_pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)
