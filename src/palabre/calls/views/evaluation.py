"""The committee's pages: the secretariat names it; each evaluator declares their interests,
scores the technical offers and hands the scores in; once the technical scoring is closed, the
financial offers and the ranking open.

Site administrators pass every rule, so the views check the call's state themselves, and the
scoring pages need an evaluator's own seat, which no rule can give.
"""

import os
from functools import cached_property

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from palabre.core.mixins import add_service_errors

from ..forms.evaluation import DeclarationForm, EvaluatorAddForm, ScoreSheetForm
from ..models import Part
from ..selectors import evaluation as selectors
from ..services import evaluation as services
from ..services.ranking import rank_call
from .public import CallMixin


class SeatMixin:
    """Pages of one evaluator's own work: a seat on the committee, declared free of conflict."""

    needs_declaration = True

    @cached_property
    def seat(self):
        return selectors.seat_of(self.request.user, self.call)

    def dispatch(self, request, *args, **kwargs):
        seat = self.seat
        if seat is None or (self.needs_declaration and seat.no_conflict_declared_at is None):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(seat=self.seat, **kwargs)


class FinancialPartsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not self.call.financial_parts_open:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def evaluation_url(call) -> str:
    return reverse("calls:evaluation", args=[call.pk])


class EvaluatorsView(CallMixin, FormView):
    """The committee: add an account by its e-mail address, remove a seat (POST `remove`)."""

    permission_required = "calls.manage_call"
    form_class = EvaluatorAddForm
    template_name = "calls/evaluation/evaluators.html"

    def post(self, request, *args, **kwargs):
        if "remove" not in request.POST:
            return super().post(request, *args, **kwargs)
        seat = self.call.evaluators.select_related("user").filter(pk=request.POST["remove"]).first()
        if seat is None:
            raise Http404
        try:
            services.evaluator_remove(evaluator=seat, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(user)s has left the committee.") % {"user": seat.user})
        return redirect(request.path)

    def form_valid(self, form):
        try:
            seat = services.evaluator_add(
                call=self.call, email=form.cleaned_data["email"], actor=self.request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(user)s has joined the committee.") % {"user": seat.user}
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            committee=list(selectors.committee_of(self.call)),
            can_change=self.call.status in services.SCORING_STATUSES,
            **kwargs,
        )


class DeclareView(CallMixin, SeatMixin, FormView):
    permission_required = "calls.declare_no_conflict"
    needs_declaration = False
    form_class = DeclarationForm
    template_name = "calls/evaluation/declare.html"

    def form_valid(self, form):
        user, seat = self.request.user, self.seat
        if form.cleaned_data["answer"] == DeclarationForm.CONFLICT:
            try:
                services.declare_conflict(evaluator=seat, actor=user)
            except ValidationError as error:
                add_service_errors(form, error)
                return self.form_invalid(form)
            messages.success(
                self.request,
                _("Your conflict of interest is recorded: you no longer sit on this committee."),
            )
            return redirect(self.call.get_absolute_url())
        services.declare_no_conflict(evaluator=seat, actor=user)
        messages.success(self.request, _("Your declaration is recorded: you may now score."))
        return redirect(evaluation_url(self.call))


class EvaluationView(CallMixin, SeatMixin, TemplateView):
    permission_required = "calls.evaluate"
    template_name = "calls/evaluation/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            offers=list(selectors.offers_to_score(self.call, self.seat)),
            criteria_count=len(selectors.technical_criteria(self.call)),
            **kwargs,
        )


class ScoreSheetView(CallMixin, SeatMixin, FormView):
    permission_required = "calls.evaluate"
    form_class = ScoreSheetForm
    template_name = "calls/evaluation/score_sheet.html"

    @cached_property
    def submission(self):
        return selectors.offer_to_score(self.call, self.kwargs["submission_pk"])

    @cached_property
    def criteria(self):
        return selectors.technical_criteria(self.call)

    def get_form_kwargs(self):
        scores = {s.criterion_id: s for s in self.seat.scores.filter(submission=self.submission)}
        return {**super().get_form_kwargs(), "criteria": self.criteria, "scores": scores}

    def form_valid(self, form):
        try:
            services.sheet_save(
                evaluator=self.seat, submission=self.submission, entries=form.entries()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your scores for %(name)s are saved.") % {"name": self.submission.applicant_name},
        )
        return redirect(evaluation_url(self.call))

    def get_context_data(self, **kwargs):
        handed_in = self.seat.submitted_at is not None
        return super().get_context_data(
            submission=self.submission,
            handed_in=handed_in,
            others=selectors.others_scores(self.seat, self.submission) if handed_in else [],
            **kwargs,
        )


class SubmitScoresView(CallMixin, SeatMixin, View):
    permission_required = "calls.evaluate"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.scores_submit(evaluator=self.seat, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your scores are handed in; they can no longer change."))
        return redirect(evaluation_url(self.call))


class FinancialView(CallMixin, FinancialPartsMixin, TemplateView):
    permission_required = "calls.view_financial"
    template_name = "calls/evaluation/financial.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            offers=list(selectors.financial_offers(self.call)), **kwargs
        )


class RankingView(CallMixin, FinancialPartsMixin, TemplateView):
    permission_required = "calls.view_ranking"
    template_name = "calls/evaluation/ranking.html"

    def get_context_data(self, **kwargs):
        ranked, ineligible = rank_call(self.call)
        return super().get_context_data(
            ranked=ranked,
            ineligible=ineligible,
            criteria=list(self.call.criteria.all()),
            **kwargs,
        )


class EvaluationFileView(CallMixin, View):
    """A file of an offer for the committee: the technical ones once the evaluator has declared
    no conflict; the financial ones only once the technical scoring is closed."""

    def get(self, request, *args, **kwargs):
        item = selectors.file_for(self.call, kwargs["file_pk"])
        if item.requirement.part == Part.FINANCIAL:
            allowed = self.call.financial_parts_open and request.user.has_perm(
                "calls.view_financial", self.call
            )
        else:
            seat = selectors.seat_of(request.user, self.call)
            allowed = seat is not None and seat.no_conflict_declared_at is not None
        if not allowed:
            return self.handle_no_permission()
        try:
            handle = item.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(item.file.name))
