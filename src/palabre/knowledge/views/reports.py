"""A space's capitalisation reports: the list, a new report, its page with figures and charts,
writing the draft, refreshing its figures, approving it, and its document."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response
from palabre.spaces.mixins import SpacePageMixin
from palabre.workflow.selectors import comments_by_section
from palabre.workflow.views import ReviewCommentView, VersionsView, WorkflowActionView

from ..forms.reports import ReportCreateForm, ReportEditForm, ReportFilter
from ..selectors.reports import (
    ISSUED_STATES,
    chosen_entries,
    lessons_of,
    recommendations_of,
    report_document,
    report_figures,
    report_for,
    reports_visible_to,
)
from ..services.assembly import refresh_figures, report_create
from ..services.reports import report_update


class ReportListView(SpacePageMixin, HtmxPartialMixin, FilterView):
    permission_required = "knowledge.view_register"
    filterset_class = ReportFilter
    template_name = "knowledge/reports/list.html"
    context_object_name = "reports"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return reports_visible_to(self.request.user, self.space)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("knowledge.add_report", self.space), **kwargs
        )


class ReportCreateView(SpacePageMixin, ServiceFormMixin, FormView):
    permission_required = "knowledge.add_report"
    form_class = ReportCreateForm
    template_name = "knowledge/reports/form.html"
    success_message = gettext_lazy(
        "The draft report has been created with the figures of its period; write its sections."
    )

    def get_initial(self):
        year = timezone.localdate().year
        return {"period_start": f"{year}-01-01", "period_end": f"{year}-12-31"}

    def save(self, form):
        return report_create(space=self.space, actor=self.request.user, **form.cleaned_data)


class ReportMixin(PermissionRequiredMixin):
    """The space and the report from the address, hidden (404) when the user may not see them,
    then the page's own permission."""

    permission_required = "knowledge.view"

    @cached_property
    def report(self):
        return report_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.report.space

    def get_permission_object(self):
        return self.report

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, space=self.space, **kwargs)


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "knowledge/reports/detail.html"

    def get_context_data(self, **kwargs):
        report, user = self.report, self.request.user
        lessons, recommendations = chosen_entries(report)
        return super().get_context_data(
            lessons=lessons,
            recommendations=recommendations,
            comments=comments_by_section(report),
            can_edit=report.is_editable and user.has_perm("knowledge.edit_report", report),
            is_issued=report.workflow_state in ISSUED_STATES,
            **report_figures(report),
            **kwargs,
        )


class ReportEditView(ReportMixin, ServiceFormMixin, FormView):
    permission_required = "knowledge.edit_report"
    form_class = ReportEditForm
    template_name = "knowledge/reports/form.html"
    success_message = gettext_lazy("The report has been saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "lessons": lessons_of(self.space),
            "recommendations": recommendations_of(self.space),
        }

    def get_initial(self):
        return ReportEditForm.initial_of(self.report)

    def save(self, form):
        return report_update(report=self.report, actor=self.request.user, **form.cleaned_data)


class ReportRefreshView(ReportMixin, View):
    permission_required = "knowledge.edit_report"

    def post(self, request, *args, **kwargs):
        report = self.report
        try:
            refresh_figures(report=report, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The figures have been assembled again from the data."))
        return redirect(report.get_absolute_url() + "#figures")


class ReportWorkflowMixin(ReportMixin):
    def get_workflow_object(self):
        return self.report


class ReportActionView(ReportWorkflowMixin, WorkflowActionView):
    pass


class ReportCommentView(ReportWorkflowMixin, ReviewCommentView):
    pass


class ReportVersionsView(ReportWorkflowMixin, VersionsView):
    pass


class ReportDocumentView(ReportMixin, View):
    """PDF or DOCX: a report not approved yet carries a watermark and is not kept; an approved
    report is issued and archived."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        report = self.report
        return document_response(
            **report_document(report),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=report.workflow_state not in ISSUED_STATES,
        )
