"""Consultations of a space: the list, preparing one, voting on its statements one at a time,
submitting and moderating statements, the analysis with its progress, the results (map, groups,
consensus, division), their export and the report."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response
from palabre.jobs.models import JobStatus
from palabre.spaces.mixins import SpacePageMixin

from ..forms.consultations import (
    ConsultationFilter,
    ConsultationForm,
    ModerationFilter,
    ModerationForm,
    ResultsFilterForm,
    SeedStatementForm,
    StatementForm,
    StatusForm,
    VoteForm,
)
from ..models import ConsultationStatus, StatementStatus, VoteValue
from ..selectors_consultations import (
    analysis_job,
    analysis_results,
    consultation_document,
    consultation_for,
    consultations_of,
    filter_statement_results,
    latest_analysis,
    map_legend,
    next_statement,
    opinion_map,
    own_statements,
    statement_table,
    statements_to_moderate,
    status_counts,
    votes_of,
    voting_progress,
)
from ..services import consultations as services

MANAGE = "deliberation.manage_consultation"
TAKE_PART = "deliberation.take_part_consultation"
VIEW_RESULTS = "deliberation.view_consultation_results"


class SpaceConsultationsMixin(SpacePageMixin):
    """Pages about a space's consultations: the space is a 404 to those who may not see it."""


class ConsultationListView(SpaceConsultationsMixin, HtmxPartialMixin, FilterView):
    filterset_class = ConsultationFilter
    template_name = "deliberation/consultations/list.html"
    context_object_name = "consultations"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return consultations_of(self.space, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("deliberation.add_consultation", self.space),
            **kwargs,
        )


class ConsultationCreateView(SpaceConsultationsMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.add_consultation"
    form_class = ConsultationForm
    template_name = "deliberation/consultations/form.html"
    success_message = gettext_lazy(
        "The consultation is in preparation: add the first statements, then open it."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}

    def save(self, form):
        return services.consultation_create(
            space=self.space, actor=self.request.user, **form.consultation_fields()
        )


class ConsultationMixin(PermissionRequiredMixin):
    """A page of one consultation: hidden (404) to whoever may not see it, then the page's own
    permission rule."""

    permission_required = "deliberation.view_consultation"

    @cached_property
    def consultation(self):
        return consultation_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.consultation.space

    def get_permission_object(self):
        return self.consultation

    def get_context_data(self, **kwargs):
        return super().get_context_data(consultation=self.consultation, space=self.space, **kwargs)

    def url(self, name: str) -> str:
        return reverse(f"deliberation:{name}", args=[self.space.slug, self.consultation.pk])


class ConsultationDetailView(ConsultationMixin, TemplateView):
    template_name = "deliberation/consultations/detail.html"

    def get_context_data(self, **kwargs):
        user, consultation = self.request.user, self.consultation
        can_manage = user.has_perm(MANAGE, consultation)
        context = {
            "can_manage": can_manage,
            "can_take_part": user.has_perm(TAKE_PART, consultation),
            "can_see_results": user.has_perm(VIEW_RESULTS, consultation),
            "progress": voting_progress(consultation, user),
            "my_statements": list(own_statements(consultation, user)[:20]),
            "analysis": latest_analysis(consultation),
        }
        if can_manage:
            context.update(
                counts=status_counts(consultation),
                statuses_after=[
                    (status, ConsultationStatus(status).label)
                    for status in services.consultation_statuses_after(consultation.status)
                ],
            )
        return super().get_context_data(**context, **kwargs)


class ConsultationUpdateView(ConsultationMixin, ServiceFormMixin, FormView):
    permission_required = MANAGE
    form_class = ConsultationForm
    template_name = "deliberation/consultations/form.html"
    success_message = gettext_lazy("The consultation has been saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "space": self.space,
            "consultation": self.consultation,
        }

    def save(self, form):
        return services.consultation_update(
            consultation=self.consultation, actor=self.request.user, **form.consultation_fields()
        )


class ConsultationStatusView(ConsultationMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = StatusForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose a status."))
            consultation = services.consultation_set_status(
                consultation=self.consultation,
                actor=request.user,
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if consultation.status == ConsultationStatus.OPEN:
                messages.success(request, _("The consultation is open: participants may vote."))
            else:
                messages.success(
                    request, _("The consultation is closed; its results are being computed.")
                )
        return redirect(self.url("consultation"))


# --- voting -------------------------------------------------------------------------------------


class VoteView(ConsultationMixin, TemplateView):
    """One statement at a time, three big buttons; with HTMX only the card changes, without
    JavaScript the page reloads (post, then redirect)."""

    permission_required = TAKE_PART
    template_name = "deliberation/consultations/vote.html"

    def get_context_data(self, **kwargs):
        user, consultation = self.request.user, self.consultation
        return super().get_context_data(
            statement=next_statement(consultation, user) if consultation.is_open_now else None,
            progress=voting_progress(consultation, user),
            choices=VOTE_BUTTONS,
            can_submit=consultation.participants_may_submit and consultation.is_open_now,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = VoteForm(request.POST)
        error = ""
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose agree, disagree or pass."))
            statement = (
                self.consultation.statements.filter(pk=form.cleaned_data["statement"])
                .select_related("consultation__space")
                .first()
            )
            if statement is None:
                raise ValidationError(_("This statement is not open to votes."))
            _vote, changed = services.statement_vote(
                statement=statement, participant=request.user, value=form.cleaned_data["value"]
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
            changed = False
        if request.htmx:
            context = self.get_context_data(vote_error=error)
            response = TemplateResponse(request, f"{self.template_name}#vote-card", context)
            patch_vary_headers(response, ["HX-Request"])
            return response
        if error:
            messages.error(request, error)
        elif changed:
            messages.success(request, _("Your vote has been changed."))
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect(self.url("consultation_vote"))


VOTE_BUTTONS = [
    (VoteValue.AGREE, gettext_lazy("Agree"), "agree"),
    (VoteValue.DISAGREE, gettext_lazy("Disagree"), "disagree"),
    (VoteValue.PASS, gettext_lazy("Pass / unsure"), "pass"),
]


class MyVotesView(ConsultationMixin, ListView):
    """A participant's own votes, to change one."""

    permission_required = TAKE_PART
    template_name = "deliberation/consultations/my_votes.html"
    context_object_name = "votes"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return votes_of(self.consultation, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            choices=VOTE_BUTTONS,
            progress=voting_progress(self.consultation, self.request.user),
            **kwargs,
        )


class StatementSubmitView(ConsultationMixin, ServiceFormMixin, FormView):
    permission_required = TAKE_PART
    form_class = StatementForm
    template_name = "deliberation/consultations/statement_form.html"
    success_message = gettext_lazy(
        "Thank you: your statement is shown to the participants once a moderator has read it."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "consultation": self.consultation}

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        closed = not consultation.is_open_now or not consultation.participants_may_submit
        return super().get_context_data(closed=closed, seed=False, **kwargs)

    def save(self, form):
        return services.statement_submit(
            consultation=self.consultation,
            author=self.request.user,
            text=form.cleaned_data["text"],
        )

    def get_success_url(self):
        return self.url("consultation_vote")


class StatementAddView(StatementSubmitView):
    """The organisers' seed statements, accepted at once."""

    permission_required = MANAGE
    form_class = SeedStatementForm
    success_message = gettext_lazy("The statement has been added.")

    def get_context_data(self, **kwargs):
        closed = self.consultation.status == ConsultationStatus.CLOSED
        return super(StatementSubmitView, self).get_context_data(closed=closed, seed=True, **kwargs)

    def save(self, form):
        return services.statement_seed_add(
            consultation=self.consultation,
            actor=self.request.user,
            text=form.cleaned_data["text"],
        )

    def get_success_url(self):
        if "add_another" in self.request.POST:
            return self.url("statement_add")
        return self.url("consultation_moderation") + "?status=accepted"


# --- moderation ---------------------------------------------------------------------------------


class ModerationView(ConsultationMixin, HtmxPartialMixin, FilterView):
    permission_required = MANAGE
    filterset_class = ModerationFilter
    template_name = "deliberation/consultations/moderation.html"
    context_object_name = "statements"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return statements_to_moderate(self.consultation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=status_counts(self.consultation), statuses=StatementStatus, **kwargs
        )


class StatementModerateView(ConsultationMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        statement = get_object_or_404(self.consultation.statements, pk=kwargs["statement"])
        form = ModerationForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose to accept or reject the statement."))
            statement = services.statement_moderate(
                statement=statement,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(text)s” is %(status)s.")
                % {"text": statement.text[:80], "status": statement.get_status_display().lower()},
            )
        back = request.POST.get("next", "")
        if back and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(back)
        return redirect(self.url("consultation_moderation"))


# --- analysis and results -----------------------------------------------------------------------


class ResultsView(ConsultationMixin, TemplateView):
    """The latest analysis: the map, the groups, consensus and division, every statement; the
    analysis under way is followed by polling its part of the page."""

    permission_required = VIEW_RESULTS
    template_name = "deliberation/consultations/results.html"
    partials = {"analysis-status": "analysis-status", "statement-results": "statement-results"}

    def get_template_names(self):
        target = self.request.htmx.target if self.request.htmx else None
        if target in self.partials:
            return [f"{self.template_name}#{self.partials[target]}"]
        return [self.template_name]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The page and its polled parts share a URL: the back button must not show a part.
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        polled = self.request.htmx and self.request.htmx.target == "analysis-status"
        if polled and not context["running"]:
            # The analysis is over: the whole page shows its results.
            response["HX-Refresh"] = "true"
        return response

    def get_context_data(self, **kwargs):
        consultation, user = self.consultation, self.request.user
        analysis = latest_analysis(consultation)
        job = analysis_job(consultation)
        running = job is not None and job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
        context = {
            "analysis": analysis,
            "job": job,
            "running": running,
            "step": _step_label(job) if running else "",
            "can_manage": user.has_perm(MANAGE, consultation),
            "filter_form": ResultsFilterForm(self.request.GET or None),
            "export_formats": list(FORMATS),
            "document_formats": DocumentFormat.values,
        }
        if analysis is not None:
            results = analysis_results(analysis)
            form = context["filter_form"]
            rows = filter_statement_results(results, **form.filters())
            page = Paginator(rows, settings.PAGE_SIZE).get_page(self.request.GET.get("page"))
            context.update(
                results=results,
                map=opinion_map(analysis, width=480, height=340, legend=False),
                legend=map_legend(results),
                page_obj=page,
                statement_rows=page.object_list,
                row_count=len(rows),
                top=10,
            )
        return super().get_context_data(**context, **kwargs)


def _step_label(job) -> str:
    steps = services.ANALYSIS_STEPS
    done = min(job.progress_done, len(steps) - 1)
    return _("Step %(number)s of %(total)s: %(step)s") % {
        "number": done + 1,
        "total": len(steps),
        "step": steps[done][1],
    }


class AnalyseView(ConsultationMixin, View):
    permission_required = MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            job = services.consultation_analysis_start(
                consultation=self.consultation, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if job.status == JobStatus.FAILED:
                messages.error(request, _("The analysis failed: %(error)s") % {"error": job.error})
            elif job.is_finished:
                messages.success(request, _("The results have been computed again."))
            else:
                messages.info(request, _("The analysis has started; this page follows it."))
        return redirect(self.url("consultation_results"))


class ResultsExportView(ConsultationMixin, View):
    """The statistics of every statement, per group, as CSV or XLSX."""

    permission_required = VIEW_RESULTS

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in FORMATS:
            raise Http404
        analysis = latest_analysis(self.consultation)
        if analysis is None:
            messages.error(request, _("There are no results to export yet."))
            return redirect(self.url("consultation_results"))
        headers, rows = statement_table(analysis_results(analysis))
        filename = f"consultation-{self.consultation.pk}-{slugify(self.consultation.title)[:60]}"
        return tabular_response(headers=headers, rows=rows, filename=filename, file_format=fmt)


class ReportView(ConsultationMixin, View):
    """The report as PDF or DOCX: issued and archived once the consultation is closed (one per
    analysis), a watermarked draft before."""

    permission_required = VIEW_RESULTS

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        analysis = latest_analysis(self.consultation)
        if analysis is None:
            messages.error(request, _("The report needs the results of an analysis first."))
            return redirect(self.url("consultation_results"))
        return document_response(
            **consultation_document(self.consultation, analysis),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=self.consultation.status != ConsultationStatus.CLOSED,
            filename=f"rapport-consultation-{self.consultation.pk}",
        )
