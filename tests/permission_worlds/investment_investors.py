"""Investor profiles and expressions of interest in the permission table's world.

- `{member_investor}`: the **member**'s investor profile (contact not shared with officers);
- `{other_investor}`: the profile of an investor outside the world's users (contact shared with
  officers);
- `{eoi_opportunity}`: a public, open opportunity of `{space}` in which both investors expressed
  an interest: `{member_interest}` (the member's, contact shared) and `{other_interest}`;
- `{eoi_open_opportunity}`: a public, open opportunity of `{space}` nobody is interested in yet;
- `{eoi_private_opportunity}`: an opportunity of `{private_space}`, for its members only.

Other parts that need an investor profile for the member reuse `{member_investor}` (an account
has one profile).
"""

from palabre.investment.models import InterestStatus, InterestStatusChange
from palabre.spaces.models import Visibility
from tests.accounts.factories import make_user
from tests.investment.factories import (
    ExpressionOfInterestFactory,
    InvestorProfileFactory,
    OpportunityFactory,
)

NAMESPACES = {"investment"}

PAYLOADS = {
    "investment:my_profile": {
        "kind": "individual",
        "name": "Awa Testkoné",
        "country_of_residence": "{country}",
        "currency": "EUR",
        "contact_email": "awa.testkone@example.org",
        "is_active": "on",
    },
    "investment:interest_create": {
        "message": "Je souhaite en savoir plus sur le plan d'affaires.",
        "currency": "EUR",
        "share_contact": "on",
    },
    "investment:interest_status": {
        "status": InterestStatus.IN_CONTACT,
        "date": "{today}",
        "note": "Premier appel avec le promoteur.",
    },
}


def _interest(opportunity, investor):
    interest = ExpressionOfInterestFactory(opportunity=opportunity, investor=investor)
    InterestStatusChange.objects.create(
        interest=interest, from_status="", to_status=InterestStatus.RECEIVED, by=investor.user
    )
    return interest


def placeholders(*, space, private_space, users, base) -> dict:
    member_investor = InvestorProfileFactory(user=users["member"], name="Awa Testkoné")
    other_investor = InvestorProfileFactory(
        user=make_user(), name="Kouadio Testyao", share_contact_with_officers=True
    )
    opportunity = OpportunityFactory(space=space, created_by=users["secretariat"])
    open_opportunity = OpportunityFactory(space=space, created_by=users["secretariat"])
    private_opportunity = OpportunityFactory(
        space=private_space, visibility=Visibility.MEMBERS, created_by=users["secretariat"]
    )
    return {
        "member_investor": member_investor.pk,
        "other_investor": other_investor.pk,
        "eoi_opportunity": opportunity.pk,
        "member_interest": _interest(opportunity, member_investor).pk,
        "other_interest": _interest(opportunity, other_investor).pk,
        "eoi_open_opportunity": open_opportunity.pk,
        "eoi_private_opportunity": private_opportunity.pk,
    }
