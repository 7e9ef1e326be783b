"""Expressions of interest: sending one, one's own, those an opportunity received, one with its
timeline, and moving it to its next status."""

from functools import cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin

from ..forms.interests import InterestFilter, InterestForm, InterestStatusForm
from ..selectors.interests import (
    interest_for,
    interest_of,
    interests_of_investor,
    interests_received,
    timeline_of,
)
from ..selectors.investors import profile_of
from ..services.interests import allowed_statuses, interest_express, interest_status_change
from .opportunities import OpportunityMixin


class InterestCreateView(OpportunityMixin, ServiceFormMixin, FormView):
    """An investor without a profile writes it first, then comes back here."""

    permission_required = "investment.express_interest"
    form_class = InterestForm
    template_name = "investment/interests/form.html"
    success_message = gettext_lazy(
        "Your interest has been sent; you will be told when it is taken up."
    )

    @cached_property
    def profile(self):
        return profile_of(self.request.user)

    def elsewhere(self):
        """Where to send the visitor instead of the form, if anywhere."""
        if self.profile is None:
            messages.info(
                self.request,
                _("Tell the promoters who you are first: your profile takes two minutes."),
            )
            query = urlencode({"next": self.request.path})
            return redirect(f"{reverse('investment:my_profile')}?{query}")
        existing = interest_of(self.request.user, self.opportunity)
        if existing is not None:
            messages.info(
                self.request,
                _("You already expressed an interest in this opportunity on %(date)s.")
                % {"date": date_format(existing.created_at, "DATE_FORMAT")},
            )
            return redirect(existing.get_absolute_url())
        if not self.opportunity.accepts_interest:
            messages.error(
                self.request, _("This opportunity no longer takes expressions of interest.")
            )
            return redirect(self.opportunity.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.elsewhere() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.elsewhere() or super().post(request, *args, **kwargs)

    def get_initial(self):
        profile = self.profile
        return {
            "currency": profile.currency,
            "support_offered": list(profile.support_offered.all()),
            "share_contact": True,
        }

    def save(self, form):
        return interest_express(
            opportunity=self.opportunity,
            investor=self.profile,
            actor=self.request.user,
            **form.cleaned_data,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)


class MyInterestsView(PermissionRequiredMixin, ListView):
    permission_required = "investment.have_profile"
    template_name = "investment/interests/mine.html"
    context_object_name = "interests"
    paginate_by = settings.PAGE_SIZE

    @cached_property
    def profile(self):
        return profile_of(self.request.user)

    def get_queryset(self):
        return interests_of_investor(self.profile)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)


class OpportunityInterestsView(OpportunityMixin, HtmxPartialMixin, FilterView):
    """For the opportunity's officers and promoter: every interest it received."""

    permission_required = "investment.follow_opportunity"
    filterset_class = InterestFilter
    template_name = "investment/interests/received.html"
    context_object_name = "interests"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return interests_received(self.opportunity, self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_view_investors=self.request.user.has_perm("investment.view_investors"), **kwargs
        )


class InterestMixin(PermissionRequiredMixin):
    permission_required = "investment.view_interest"

    @cached_property
    def interest(self):
        return interest_for(self.kwargs["pk"])

    def get_permission_object(self):
        return self.interest

    def get_context_data(self, **kwargs):
        user, interest = self.request.user, self.interest
        can_change = user.has_perm("investment.change_interest_status", interest)
        statuses = allowed_statuses(interest) if can_change else []
        if statuses and "form" not in kwargs:
            kwargs["form"] = InterestStatusForm(statuses=statuses)
        return super().get_context_data(
            interest=interest,
            opportunity=interest.opportunity,
            investor=interest.investor,
            timeline=list(timeline_of(interest)),
            is_investor=interest.investor.user_id == user.pk,
            can_change=bool(statuses),
            can_follow=user.has_perm("investment.follow_opportunity", interest.opportunity),
            can_view_investor=user.has_perm("investment.view_investor", interest.investor),
            can_see_contact=user.has_perm("investment.view_investor_contact", interest.investor),
            **kwargs,
        )


class InterestDetailView(InterestMixin, TemplateView):
    template_name = "investment/interests/detail.html"


class InterestStatusView(InterestMixin, ServiceFormMixin, FormView):
    """POST only; a refused change shows the interest's page again with the reason."""

    permission_required = "investment.change_interest_status"
    http_method_names = ["post"]
    form_class = InterestStatusForm
    template_name = "investment/interests/detail.html"
    success_message = gettext_lazy("The status has been changed; the investor has been told.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "statuses": allowed_statuses(self.interest)}

    def save(self, form):
        return interest_status_change(
            interest=self.interest, actor=self.request.user, **form.cleaned_data
        )

    def get_success_url(self):
        return self.interest.get_absolute_url() + "#timeline"
