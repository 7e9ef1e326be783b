"""The minutes of a meeting: reading, writing, outcomes, approval, documents; and the follow-up of
every action item of a space."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response
from palabre.spaces.selectors import space_for
from palabre.workflow.models import State
from palabre.workflow.selectors import comments_by_section
from palabre.workflow.views import ReviewCommentView, VersionsView, WorkflowActionView

from ..forms.minutes import ActionItemFilter, ActionStatusForm, MinutesForm, OutcomeForm
from ..models import ActionStatus, OutcomeKind
from ..selectors_minutes import (
    action_items_of,
    minutes_content,
    minutes_document,
    minutes_may_start,
    minutes_of,
)
from ..services import minutes as services
from .base import MeetingMixin


class MinutesMixin(MeetingMixin):
    """A page of existing minutes: 404 while there are none."""

    permission_required = "meetings.view_minutes"

    @cached_property
    def minutes(self):
        return minutes_of(self.meeting)

    def get_permission_object(self):
        if self.minutes is None:
            raise Http404
        return self.minutes

    def get_context_data(self, **kwargs):
        return super().get_context_data(minutes=self.minutes, **kwargs)

    def minutes_url(self, anchor: str = "") -> str:
        return reverse("meetings:minutes", args=[self.space.slug, self.meeting.pk]) + anchor


class MinutesView(MinutesMixin, TemplateView):
    """The minutes as a document to read and review; before they exist, the place to start them
    for whoever writes them (nobody else has anything to see)."""

    template_name = "meetings/minutes/minutes.html"

    @property
    def permission_required(self):
        return "meetings.view_minutes" if self.minutes else "meetings.edit_minutes"

    def get_permission_object(self):
        if self.minutes is None:
            if not self.request.user.has_perm("meetings.edit_minutes", self.meeting):
                raise Http404
            return self.meeting
        return self.minutes

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.minutes is None:
            return {**context, "can_start": minutes_may_start(self.meeting)}
        user, minutes = self.request.user, self.minutes
        can_edit = user.has_perm("meetings.edit_minutes", minutes)
        with_attendees = user.has_perm("meetings.view_participants", self.meeting)
        context.update(
            minutes_content(minutes, with_attendees=with_attendees),
            comments=comments_by_section(minutes),
            can_edit=can_edit and minutes.is_editable,
            can_track=can_edit,
            can_follow_up=with_attendees,
            outcome_kinds=OutcomeKind,
            status_choices=ActionStatus.choices,
        )
        return context


class MinutesStartView(MeetingMixin, View):
    permission_required = "meetings.edit_minutes"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.minutes_for(meeting=self.meeting, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("meetings:minutes", self.space.slug, self.meeting.pk)


class MinutesEditView(MinutesMixin, ServiceFormMixin, FormView):
    permission_required = "meetings.edit_minutes"
    form_class = MinutesForm
    template_name = "meetings/minutes/minutes_form.html"
    success_message = gettext_lazy("The minutes have been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "items": self.meeting.agenda_items.all()}

    def get_initial(self):
        return {"summary": self.minutes.summary, "visibility": self.minutes.visibility}

    def save(self, form):
        return services.minutes_update(
            minutes=self.minutes,
            actor=self.request.user,
            summary=form.cleaned_data["summary"],
            visibility=form.cleaned_data["visibility"],
            item_notes=form.item_notes(),
        )


class OutcomeMixin(MinutesMixin):
    permission_required = "meetings.edit_minutes"

    @cached_property
    def outcome(self):
        outcome = get_object_or_404(
            self.minutes.outcomes.select_related("owner"), pk=self.kwargs["outcome"]
        )
        outcome.minutes = self.minutes
        return outcome


class OutcomeFormView(ServiceFormMixin, FormView):
    form_class = OutcomeForm
    template_name = "meetings/minutes/outcome_form.html"

    def get_success_url(self):
        return self.minutes_url("#outcomes")


class OutcomeAddView(MinutesMixin, OutcomeFormView):
    permission_required = "meetings.edit_minutes"
    success_message = gettext_lazy("The outcome has been added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_initial(self):
        kind = self.request.GET.get("type")
        return {"kind": kind if kind in OutcomeKind.values else OutcomeKind.DECISION}

    def save(self, form):
        return services.outcome_add(
            minutes=self.minutes, actor=self.request.user, **form.cleaned_data
        )


class OutcomeEditView(OutcomeMixin, OutcomeFormView):
    success_message = gettext_lazy("The outcome has been saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting, "owner": self.outcome.owner}

    def get_initial(self):
        outcome = self.outcome
        return {
            "kind": outcome.kind,
            "text": outcome.text,
            "agenda_item": outcome.agenda_item_id,
            "owner": outcome.owner_id,
            "due_date": outcome.due_date,
            "status": outcome.status or OutcomeForm.base_fields["status"].initial,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(outcome=self.outcome, **kwargs)

    def save(self, form):
        return services.outcome_update(
            outcome=self.outcome, actor=self.request.user, **form.cleaned_data
        )


class OutcomeDeleteView(OutcomeMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.outcome_delete(outcome=self.outcome, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The outcome has been deleted."))
        return redirect(self.minutes_url("#outcomes"))


class OutcomeStatusView(OutcomeMixin, View):
    """From the minutes or from the follow-up list, which it goes back to."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ActionStatusForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(form.errors.as_data())
            outcome = services.action_item_status_set(
                outcome=self.outcome, actor=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(action)s” is now %(status)s.")
                % {"action": outcome.text[:80], "status": outcome.get_status_display().lower()},
            )
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect(self.minutes_url("#outcomes"))


class MinutesWorkflowMixin(MinutesMixin):
    def get_workflow_object(self):
        return self.minutes


class MinutesActionView(MinutesWorkflowMixin, WorkflowActionView):
    pass


class MinutesCommentView(MinutesWorkflowMixin, ReviewCommentView):
    pass


class MinutesVersionsView(MinutesWorkflowMixin, VersionsView):
    pass


class MinutesDocumentView(MinutesMixin, View):
    """PDF or DOCX: a draft carries a watermark and is not kept; an approved version is issued
    once and archived. Readers who may not see who took part get a copy without the names."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        minutes = self.minutes
        with_attendees = request.user.has_perm("meetings.view_participants", self.meeting)
        return document_response(
            **minutes_document(minutes, with_attendees=with_attendees),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=minutes.workflow_state not in (State.APPROVED, State.PUBLISHED),
        )


class ActionItemListView(PermissionRequiredMixin, HtmxPartialMixin, FilterView):
    """The follow-up list a committee member checks on their phone."""

    permission_required = "meetings.view_participants"
    filterset_class = ActionItemFilter
    template_name = "meetings/minutes/action_items.html"
    context_object_name = "action_items"
    paginate_by = settings.PAGE_SIZE

    def get_permission_object(self):
        if not hasattr(self, "space"):
            self.space = space_for(self.request.user, self.kwargs["slug"])
        return self.space

    def get_queryset(self):
        return action_items_of(self.space, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            space=self.space,
            can_track=self.request.user.has_perm("meetings.edit_minutes", self.space),
            status_choices=ActionStatus.choices,
            **kwargs,
        )
