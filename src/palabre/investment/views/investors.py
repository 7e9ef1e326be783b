"""Investor profiles: one's own (created on first visit, edited afterwards), the officers' list
of investors and a profile's page."""

from functools import cached_property

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from palabre.core.mixins import HtmxPartialMixin, ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.directory.models import Person

from ..forms.investors import InvestorFilter, InvestorProfileForm
from ..selectors.investors import investor_for, investors_for, profile_of
from ..services.investors import profile_create, profile_update


def safe_next(request) -> str:
    """The `next` page asked for, if it is a page of this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


class MyProfileView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    """One's own investor profile: the same page creates it and edits it."""

    permission_required = "investment.have_profile"
    form_class = InvestorProfileForm
    template_name = "investment/investors/my_profile.html"

    @cached_property
    def profile(self):
        return profile_of(self.request.user)

    @property
    def success_message(self):
        if self.profile:
            return gettext_lazy("Your investor profile has been saved.")
        return gettext_lazy("Your investor profile has been created.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.profile}

    def get_initial(self):
        if self.profile:
            return {}
        user = self.request.user
        person = Person.objects.filter(user=user).first()
        return {
            "contact_email": user.email,
            "contact_phone": person.phone if person else "",
            "country_of_residence": person.country_of_residence_id if person else None,
            "name": user.full_name,
        }

    def save(self, form):
        user = self.request.user
        if self.profile:
            return profile_update(profile=self.profile, actor=user, **form.profile_fields())
        return profile_create(user=user, **form.profile_fields())

    def get_success_url(self):
        return safe_next(self.request) or self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=self.profile, next=safe_next(self.request), **kwargs
        )


class InvestorListView(PermissionRequiredMixin, HtmxPartialMixin, FilterView):
    """For the officers: the investors who could fit their region's projects."""

    permission_required = "investment.view_investors"
    filterset_class = InvestorFilter
    template_name = "investment/investors/list.html"
    context_object_name = "investors"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return investors_for(self.request.user)


class InvestorDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "investment.view_investor"
    template_name = "investment/investors/detail.html"

    @cached_property
    def investor(self):
        return investor_for(self.kwargs["pk"])

    def get_permission_object(self):
        return self.investor

    def get_context_data(self, **kwargs):
        user, investor = self.request.user, self.investor
        return super().get_context_data(
            investor=investor,
            is_owner=investor.user_id == user.pk,
            can_see_contact=user.has_perm("investment.view_investor_contact", investor),
            can_list=user.has_perm("investment.view_investors"),
            **kwargs,
        )
