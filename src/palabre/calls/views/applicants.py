"""Submitting an offer to a call, its receipt, the files sent, and one's own submissions."""

import os
from functools import cached_property

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin

from ..forms.applicants import MySubmissionFilter, SubmissionForm
from ..models import Part
from ..selectors.applicants import (
    call_for_applicant,
    current_submission,
    files_by_part,
    submission_for,
    submissions_of,
)
from ..services.submissions import submit


class SubmitView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """The offer form; the service decides on the deadline and on every file."""

    permission_required = "calls.submit"
    form_class = SubmissionForm
    template_name = "calls/applicants/submit.html"
    success_message = gettext_lazy(
        "Your submission has been received; keep its receipt. A copy has been sent to you."
    )

    @cached_property
    def call(self):
        return call_for_applicant(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.call

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "call": self.call}

    @cached_property
    def previous(self):
        return current_submission(self.call, self.request.user)

    def get_initial(self):
        return {"applicant_name": self.previous.applicant_name} if self.previous else {}

    def save(self, form):
        return submit(
            call=self.call,
            applicant=self.request.user,
            applicant_name=form.cleaned_data["applicant_name"],
            price=form.cleaned_data["price"],
            files=form.uploads(),
        )

    def get_success_url(self):
        return reverse("calls:submission", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            call=self.call,
            previous=self.previous,
            is_open=self.call.is_open(),
            **kwargs,
        )


class SubmissionMixin(PermissionRequiredMixin):
    """A submission, to its applicant and to the call's managers; the financial part only to
    the applicant until the technical scoring is closed, as for everyone else."""

    permission_required = "calls.view_submission"

    @cached_property
    def submission(self):
        return submission_for(self.kwargs["pk"])

    def get_permission_object(self):
        return self.submission

    @cached_property
    def sees_financial(self) -> bool:
        user, submission = self.request.user, self.submission
        if submission.applicant_id == user.pk:
            return True
        # Site administrators pass every rule: the call's state is checked here as well.
        call = submission.call
        return call.financial_parts_open and user.has_perm("calls.view_financial", call)


class SubmissionView(SubmissionMixin, TemplateView):
    """The receipt: when, what was sent with its checksums, and whether it still counts."""

    template_name = "calls/applicants/submission.html"

    def get_context_data(self, **kwargs):
        submission = self.submission
        return super().get_context_data(
            submission=submission,
            call=submission.call,
            parts=files_by_part(submission),
            is_own=submission.applicant_id == self.request.user.pk,
            sees_financial=self.sees_financial,
            **kwargs,
        )


class SubmissionFileView(SubmissionMixin, View):
    def get(self, request, *args, **kwargs):
        item = get_object_or_404(
            self.submission.files.select_related("requirement"), pk=kwargs["file_pk"]
        )
        if item.requirement.part == Part.FINANCIAL and not self.sees_financial:
            raise PermissionDenied
        try:
            handle = item.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(item.file.name))


class MySubmissionsView(PermissionRequiredMixin, HtmxPartialMixin, FilterView):
    permission_required = "calls.view_own_submissions"
    filterset_class = MySubmissionFilter
    template_name = "calls/applicants/my_submissions.html"
    context_object_name = "submissions"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return submissions_of(self.request.user)
