"""Adding a decision of the minutes, or a retained theme, to a draft plan of the space in one
step: the form comes prefilled from the source, the action keeps its link to it."""

from functools import cached_property

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from palabre.core.mixins import ServiceFormMixin
from palabre.deliberation.models import Theme, ThemeStatus
from palabre.meetings.models import Outcome

from ..forms import PromoteForm
from ..selectors import draft_plans_of, promotion_initial, theme_choices
from ..services.promotion import (
    action_promote_from_outcome,
    action_promote_from_theme,
    outcome_promotable,
)
from .base import SpacePlansMixin


class PromoteMixin(SpacePlansMixin, ServiceFormMixin, FormView):
    permission_required = "actions.promote"
    form_class = PromoteForm
    template_name = "actions/actions/promote_form.html"
    success_message = gettext_lazy("The action has been added to the plan.")

    @cached_property
    def plans(self):
        return draft_plans_of(self.space)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plans": self.plans}

    def chosen_plan(self):
        wanted = self.request.GET.get("plan", "")
        return int(wanted) if wanted.isdigit() else None


class PromoteOutcomeView(PromoteMixin):
    @cached_property
    def outcome(self):
        return get_object_or_404(
            Outcome.objects.select_related(
                "minutes__meeting__space", "owner__organisation", "agenda_item"
            ),
            pk=self.kwargs["outcome"],
            minutes__meeting__space=self.space,
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "themes": theme_choices(self.space)}

    def get_initial(self):
        return {**promotion_initial(self.outcome), "plan": self.chosen_plan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcome=self.outcome, promotable=outcome_promotable(self.outcome), **kwargs
        )

    def get_success_url(self):
        return self.outcome.minutes.get_absolute_url() + "#outcomes"

    def save(self, form):
        fields = form.action_fields()
        return action_promote_from_outcome(
            outcome=self.outcome,
            plan=form.cleaned_data["plan"],
            actor=self.request.user,
            **fields,
        )


class PromoteThemeView(PromoteMixin):
    @cached_property
    def theme(self):
        return get_object_or_404(Theme, pk=self.kwargs["theme"], space=self.space)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "themes": theme_choices(self.space),
            "with_theme": False,
        }

    def get_initial(self):
        return {
            "title": self.theme.title[:250],
            "objective": self.theme.description,
            "plan": self.chosen_plan(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            theme=self.theme,
            promotable=self.theme.status in (ThemeStatus.RETAINED, ThemeStatus.IN_PLAN),
            **kwargs,
        )

    def save(self, form):
        return action_promote_from_theme(
            theme=self.theme,
            plan=form.cleaned_data["plan"],
            actor=self.request.user,
            **form.action_fields(),
        )
