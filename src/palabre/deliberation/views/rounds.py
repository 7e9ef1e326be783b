"""Prioritisation rounds: list, preparation, opening and closing, the ballot, the results (page,
CSV/XLSX, PDF/DOCX). Nobody ever sees another voter's ballot; the secretariat sees counts."""

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.services import DocumentFormat, document_response
from palabre.spaces.mixins import SpacePageMixin

from ..forms.rounds import RoundFilter, RoundForm, ballot_formset, ballot_of
from ..models import RoundMethod, RoundStatus
from ..selectors_rounds import (
    ballot_values,
    is_eligible,
    method_statement,
    my_ballot,
    results_are_out,
    results_table,
    round_for,
    round_results,
    round_themes,
    rounds_of,
    turnout,
    voting_membership,
)
from ..services import rounds as services


class RoundSpaceMixin(SpacePageMixin):
    permission_required = "deliberation.view_rounds"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=self.request.user.has_perm("deliberation.manage_rounds", self.space),
            **kwargs,
        )


class RoundMixin(PermissionRequiredMixin):
    permission_required = "deliberation.view_round"

    @cached_property
    def round(self):
        return round_for(self.request.user, self.kwargs["slug"], self.kwargs["pk"])

    @property
    def space(self):
        return self.round.space

    def get_permission_object(self):
        return self.round

    def get_context_data(self, **kwargs):
        return super().get_context_data(round=self.round, space=self.space, **kwargs)


class RoundListView(RoundSpaceMixin, HtmxPartialMixin, FilterView):
    filterset_class = RoundFilter
    template_name = "deliberation/rounds/list.html"
    context_object_name = "rounds"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return rounds_of(self.request.user, self.space)


class RoundCreateView(RoundSpaceMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.manage_rounds"
    form_class = RoundForm
    template_name = "deliberation/rounds/form.html"
    success_message = _("The round is prepared; open it when it is ready.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}

    def save(self, form):
        return services.round_create(
            space=self.space, actor=self.request.user, **form.round_fields()
        )


class RoundUpdateView(RoundMixin, ServiceFormMixin, FormView):
    permission_required = "deliberation.manage_rounds"
    form_class = RoundForm
    template_name = "deliberation/rounds/form.html"
    success_message = _("The round has been updated.")

    def get(self, request, *args, **kwargs):
        if self.round.status != RoundStatus.DRAFT:
            messages.error(request, gettext("An opened round can no longer be changed."))
            return redirect(self.round.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space, "round": self.round}

    def save(self, form):
        return services.round_update(
            round=self.round, actor=self.request.user, **form.round_fields()
        )


class RoundDetailView(RoundMixin, TemplateView):
    template_name = "deliberation/rounds/detail.html"

    def get_context_data(self, **kwargs):
        user, round = self.request.user, self.round
        can_manage = user.has_perm("deliberation.manage_rounds", round)
        out = results_are_out(round)
        ballot = my_ballot(round, user)
        themes = round_themes(round)
        values = ballot_values(ballot, round.method)
        return super().get_context_data(
            themes=themes,
            my_entries=my_entries(themes, values, round.method),
            has_voted=ballot is not None,
            my_ballot=ballot,
            can_manage=can_manage,
            can_vote=round.is_open_now and user.has_perm("deliberation.vote_round", round),
            eligible=voting_membership(round, user) is not None,
            turnout=turnout(round, per_college=can_manage),
            results=round_results(round) if out else None,
            results_out=out,
            method_statement=method_statement(round),
            formats=list(FORMATS),
            document_formats=DocumentFormat.values,
            **kwargs,
        )


def my_entries(themes, values: dict, method: str) -> list:
    """The voter's ballot to read back: ranks in order, or the most points first."""
    entries = [(theme, values[theme.pk]) for theme in themes if theme.pk in values]
    if method == RoundMethod.RANKING:
        return sorted(entries, key=lambda entry: entry[1])
    return sorted(entries, key=lambda entry: -entry[1])


class RoundTransitionView(RoundMixin, View):
    permission_required = "deliberation.manage_rounds"
    http_method_names = ["post"]
    success_message = ""

    def act(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, self.success_message)
        return redirect(self.round.get_absolute_url())


class RoundOpenView(RoundTransitionView):
    success_message = _("The round is open; the voters have been told.")

    def act(self):
        services.round_open(round=self.round, actor=self.request.user)


class RoundCloseView(RoundTransitionView):
    success_message = _("The round is closed; its results are published.")

    def act(self):
        services.round_close(round=self.round, actor=self.request.user)


class RoundVoteView(RoundMixin, TemplateView):
    """The voter's own ballot: filled with what they gave before, replaced as a whole."""

    permission_required = "deliberation.vote_round"
    template_name = "deliberation/rounds/vote.html"

    def dispatch(self, request, *args, **kwargs):
        # A site administrator passes every rule, but only members vote.
        if request.user.is_authenticated and not is_eligible(self.round, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def closed(self):
        messages.error(self.request, gettext("This round is not open for voting."))
        return redirect(self.round.get_absolute_url())

    @cached_property
    def ballot(self):
        return my_ballot(self.round, self.request.user)

    def formset(self, data=None):
        values = ballot_values(self.ballot, self.round.method)
        return ballot_formset(self.round, round_themes(self.round), values, data)

    def get(self, request, *args, **kwargs):
        if not self.round.is_open_now:
            return self.closed()
        return self.render_to_response(self.get_context_data(formset=self.formset()))

    def post(self, request, *args, **kwargs):
        formset = self.formset(request.POST)
        if formset.is_valid():
            try:
                services.ballot_cast(
                    round=self.round,
                    voter=request.user,
                    **ballot_of(formset, self.round.method),
                )
            except ValidationError as refusal:
                formset._non_form_errors = formset.error_class(
                    refusal.messages, renderer=formset.renderer
                )
            else:
                if self.ballot is None:
                    messages.success(
                        request, gettext("Your ballot has been cast. It stays secret.")
                    )
                else:
                    messages.success(request, gettext("Your ballot has been replaced."))
                return redirect(self.round.get_absolute_url())
        return self.render_to_response(self.get_context_data(formset=formset))

    def get_context_data(self, **kwargs):
        return super().get_context_data(has_voted=self.ballot is not None, **kwargs)


class ResultsMixin(RoundMixin):
    """The results, once the round is closed; before, not even for an administrator (whom the
    permission rules let through everywhere)."""

    permission_required = "deliberation.view_round_results"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not results_are_out(self.round):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RoundExportView(ResultsMixin, View):
    """The results as a table (per college and overall); never the ballots themselves."""

    def get(self, request, *args, **kwargs):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            raise Http404
        headers = [
            gettext("Voters"),
            gettext("Ballots"),
            pgettext("rank in a ranking", "Position"),
            gettext("Theme"),
            gettext("Score"),
            gettext("Voters who scored it"),
        ]
        rows = results_table(round_results(self.round))
        return tabular_response(
            headers=headers,
            rows=rows,
            filename=f"resultats-{slugify(self.round.title)[:60]}",
            file_format=file_format,
        )


class RoundDocumentView(ResultsMixin, View):
    """The results as PDF or DOCX with the chart; issued once and archived (they are final)."""

    def get(self, request, *args, fmt, **kwargs):
        if fmt not in DocumentFormat.values:
            raise Http404
        round = self.round
        return document_response(
            subject=round,
            kind="round_results",
            title=gettext("Results: %(title)s") % {"title": round.title},
            template_name="deliberation/documents/round_results.html",
            context={
                "round": round,
                "space": round.space,
                "results": round_results(round),
                "method_statement": method_statement(round),
                "turnout": turnout(round),
            },
            fmt=fmt,
            space=round.space,
            issued_by=request.user if request.user.is_authenticated else None,
        )
