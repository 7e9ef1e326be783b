"""A training's pages: results, score sheet, satisfaction survey and certificates.

They exist only for meetings of kind training; for any other meeting they are a 404."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView

from palabre.core.mixins import ServiceFormMixin
from palabre.documents.models import DocumentFormat

from ..forms.training import ScoreSheetFormSet, SurveyForm
from ..models import Attendance, SatisfactionResponse
from ..selectors_training import (
    assessments_by_person,
    has_attended,
    learning_objectives,
    participants_of,
    training_results,
)
from ..services.training import (
    assessments_bulk_set,
    certificate_response,
    certificates_zip,
    satisfaction_submit,
)
from .base import MeetingMixin


class TrainingMixin(MeetingMixin):
    def get_permission_object(self):
        if not self.meeting.is_training:
            raise Http404
        return self.meeting

    def training_url(self) -> str:
        return reverse("meetings:training", args=[self.space.slug, self.meeting.pk])


class TrainingView(TrainingMixin, TemplateView):
    permission_required = "meetings.view_participants"
    template_name = "meetings/training/results.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            results=training_results(self.meeting),
            objectives=learning_objectives(self.meeting),
            can_manage=self.request.user.has_perm("meetings.manage_training", self.meeting),
            **kwargs,
        )


class TrainingScoresView(TrainingMixin, TemplateView):
    """One line per participant; the whole sheet is saved, or nothing when a line is wrong."""

    permission_required = "meetings.manage_training"
    template_name = "meetings/training/scores.html"

    @cached_property
    def people(self) -> dict:
        return {person.pk: person for person in participants_of(self.meeting)}

    def formset(self, data=None):
        assessments = assessments_by_person(self.meeting)
        initial = [
            {
                "person": pk,
                "pre_score": getattr(assessments.get(pk), "pre_score", None),
                "post_score": getattr(assessments.get(pk), "post_score", None),
            }
            for pk in self.people
        ]
        return ScoreSheetFormSet(
            data, initial=initial, prefix="scores", form_kwargs={"people": self.people}
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        formset, sheet_errors = self.formset(request.POST), []
        if formset.is_valid():
            rows = [form.cleaned_data for form in formset]
            try:
                changed = assessments_bulk_set(meeting=self.meeting, actor=request.user, rows=rows)
            except ValidationError as error:
                sheet_errors = self._show_on_lines(formset, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Scores saved: %(count)s participant updated.",
                        "Scores saved: %(count)s participants updated.",
                        changed,
                    )
                    % {"count": changed},
                )
                return redirect(self.training_url())
        context = self.get_context_data(formset=formset, refused=True, sheet_errors=sheet_errors)
        return self.render_to_response(context)

    @staticmethod
    def _show_on_lines(formset, error: ValidationError) -> list[str]:
        """Puts each line's refusal on its line; returns those that concern the whole sheet."""
        if not hasattr(error, "error_dict"):
            return error.messages
        forms_by_person = {str(form.cleaned_data["person"].pk): form for form in formset}
        for key, line_messages in error.message_dict.items():
            forms_by_person[key].add_error(None, line_messages)
        return []


class TrainingSurveyView(TrainingMixin, ServiceFormMixin, FormView):
    """A participant answers for themself, once; the secretariat types the paper forms."""

    permission_required = "meetings.answer_survey"
    template_name = "meetings/training/survey.html"
    form_class = SurveyForm

    @cached_property
    def person(self):
        person = getattr(self.request.user, "person", None)
        return person if has_attended(self.meeting, person) else None

    @cached_property
    def answered(self) -> bool:
        return (
            self.person is not None
            and SatisfactionResponse.objects.filter(
                meeting=self.meeting, respondent=self.person
            ).exists()
        )

    @cached_property
    def can_type_paper(self) -> bool:
        return self.request.user.has_perm("meetings.manage_training", self.meeting)

    @property
    def answers_for_self(self) -> bool:
        return self.person is not None and not (self.answered and self.can_type_paper)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "offer_paper": self.answers_for_self and self.can_type_paper,
        }

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        return super().get_context_data(
            survey_open=not meeting.is_cancelled and meeting.starts_at <= timezone.now(),
            answered=self.answered,
            answers_for_self=self.answers_for_self,
            can_type_paper=self.can_type_paper,
            **kwargs,
        )

    def save(self, form):
        data = form.cleaned_data
        self.on_paper = not self.answers_for_self or data.get("on_paper", False)
        return satisfaction_submit(
            meeting=self.meeting,
            respondent=None if self.on_paper else self.person,
            actor=self.request.user,
            overall=data["overall"],
            content=data["content"],
            facilitation=data["facilitation"],
            organisation=data["organisation"],
            would_recommend=data["would_recommend"],
            comments=data["comments"],
        )

    @property
    def success_message(self) -> str:
        if self.on_paper:
            return _("Answer recorded. You may type the next paper form.")
        return _("Thank you: your answer is recorded.")

    def get_success_url(self) -> str:
        if self.on_paper:
            return self.request.path
        return self.meeting.get_absolute_url()


class TrainingCertificateView(TrainingMixin, View):
    """Someone present gets their own certificate; the secretariat gets anyone's."""

    permission_required = "meetings.get_certificate"

    def get_permission_object(self):
        super().get_permission_object()
        if self.kwargs["fmt"] not in DocumentFormat.values:
            raise Http404
        attendance = get_object_or_404(
            Attendance.objects.present().select_related("person"),
            meeting=self.meeting,
            person_id=self.kwargs["person"],
        )
        attendance.meeting = self.meeting
        self.attendance = attendance
        return attendance

    def get(self, request, *args, **kwargs):
        try:
            return certificate_response(
                meeting=self.meeting,
                person=self.attendance.person,
                actor=request.user,
                fmt=self.kwargs["fmt"],
            )
        except ValidationError as error:
            raise Http404 from error


class TrainingCertificatesView(TrainingMixin, View):
    permission_required = "meetings.manage_training"

    def get(self, request, *args, **kwargs):
        try:
            data = certificates_zip(meeting=self.meeting, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.training_url())
        response = HttpResponse(data, content_type="application/zip")
        filename = f"attestations-{slugify(self.meeting.title)[:60] or self.meeting.pk}.zip"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
