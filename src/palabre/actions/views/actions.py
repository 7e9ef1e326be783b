"""An action of a plan: its page with its source and history, adding, editing, deleting it
(while the plan is a draft), recording its progress and downloading the evidence."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from palabre.core.mixins import ServiceFormMixin

from ..forms import ActionForm, ProgressForm
from ..selectors import (
    record_history,
    source_meetings_visible_to,
    theme_choices,
    updates_of,
)
from ..services import plans as services
from ..services.progress import progress_record
from .base import ActionMixin, PlanMixin
from .plans import plan_url


class ActionDetailView(ActionMixin, TemplateView):
    template_name = "actions/actions/detail.html"

    def get_context_data(self, **kwargs):
        user, plan, action = self.request.user, self.plan, self.action
        return super().get_context_data(
            updates=list(updates_of(action)),
            source_meetings=source_meetings_visible_to(user, [action]),
            history=record_history(action),
            can_edit=plan.is_editable and user.has_perm("actions.edit_plan", plan),
            can_update=user.has_perm("actions.update_progress", action),
            **kwargs,
        )


class ActionFormMixin(ServiceFormMixin):
    form_class = ActionForm
    template_name = "actions/actions/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "themes": theme_choices(self.space)}


class ActionAddView(PlanMixin, ActionFormMixin, FormView):
    permission_required = "actions.edit_plan"
    success_message = gettext_lazy("The action has been added to the plan.")

    def get_initial(self):
        plan = self.plan
        return {"start_date": plan.period_start, "end_date": plan.period_end}

    def save(self, form):
        return services.action_add(plan=self.plan, actor=self.request.user, **form.action_fields())

    def get_success_url(self):
        return plan_url(self.plan, "#actions")


class ActionEditView(ActionMixin, ActionFormMixin, FormView):
    permission_required = "actions.edit_plan"
    success_message = gettext_lazy("The action has been saved.")

    def get_initial(self):
        return ActionForm.initial_of(self.action)

    def save(self, form):
        return services.action_update(
            action=self.action, actor=self.request.user, **form.action_fields()
        )


class ActionDeleteView(ActionMixin, View):
    permission_required = "actions.edit_plan"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.action
        try:
            services.action_delete(action=action, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(action.get_absolute_url())
        messages.success(
            request, _("Action %(number)s has been deleted.") % {"number": action.number}
        )
        return redirect(plan_url(self.plan, "#actions"))


class ProgressAddView(ActionMixin, ServiceFormMixin, FormView):
    permission_required = "actions.update_progress"
    form_class = ProgressForm
    template_name = "actions/actions/progress_form.html"
    success_message = gettext_lazy("The progress update has been recorded.")

    def get_permission_object(self):
        return self.action

    def get_initial(self):
        return {"status": self.action.status, "progress": self.action.progress}

    def save(self, form):
        return progress_record(action=self.action, actor=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.action.get_absolute_url() + "#updates"


class EvidenceView(ActionMixin, View):
    """The evidence of an update, to whoever may read the plan."""

    def get(self, request, *args, **kwargs):
        update = get_object_or_404(self.action.updates, pk=kwargs["update_pk"])
        if not update.evidence:
            raise Http404
        try:
            handle = update.evidence.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle, as_attachment=True, filename=os.path.basename(update.evidence.name)
        )
