"""The investors that match an opportunity (for those who follow it), and the opportunities that
match an investor's profile (for its owner), ranked, with the reasons."""

from functools import cached_property

from django.views.generic import TemplateView

from palabre.core.permissions import PermissionRequiredMixin

from ..models import InvestorProfile, Opportunity
from ..selectors.investors import contact_visible, investor_for
from ..selectors.opportunities import opportunity_for
from ..services import matching

# A ranked list is read from the top: beyond this, the matches are too weak to be worth a look.
MATCHES_SHOWN = 50


class MatchingPageMixin(PermissionRequiredMixin):
    def get_context_data(self, **kwargs):
        return super().get_context_data(
            weights={
                "sector": matching.SECTOR_POINTS,
                "region": matching.REGION_POINTS,
                "ticket": matching.TICKET_POINTS,
                "support": matching.SUPPORT_POINTS,
            },
            limit=MATCHES_SHOWN,
            **kwargs,
        )


class OpportunityMatchesView(MatchingPageMixin, TemplateView):
    permission_required = "investment.follow_opportunity"
    template_name = "investment/matching/opportunity_matches.html"

    @cached_property
    def opportunity(self) -> Opportunity:
        return opportunity_for(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.opportunity

    def get_context_data(self, **kwargs):
        profiles = InvestorProfile.objects.annotate(
            contact_visible=contact_visible(self.request.user)
        )
        return super().get_context_data(
            opportunity=self.opportunity,
            matches=matching.matching_investors(
                self.opportunity, limit=MATCHES_SHOWN, profiles=profiles
            ),
            **kwargs,
        )


class InvestorMatchesView(MatchingPageMixin, TemplateView):
    permission_required = "investment.edit_investor"
    template_name = "investment/matching/investor_matches.html"

    @cached_property
    def profile(self) -> InvestorProfile:
        return investor_for(self.kwargs["pk"])

    def get_permission_object(self):
        return self.profile

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            investor=self.profile,
            matches=matching.matching_opportunities(self.profile, limit=MATCHES_SHOWN),
            **kwargs,
        )
