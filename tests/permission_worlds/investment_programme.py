"""The programme's pages and matching in the permission table's world.

- `{match_opportunity}`: a public, open opportunity of `{space}` (the secretariat follows it);
- `{match_private_opportunity}`: an opportunity of `{private_space}`, hidden with its space;
- `{match_profile}`: the **member**'s investor profile, interested in the sector of both;
- an exchange rate (EUR, from 2026-01-01) so that the rates page and the totals have one.
"""

import datetime
from decimal import Decimal

from palabre.investment.models import InvestorProfile
from tests.investment.factories import (
    ExchangeRateFactory,
    InvestorProfileFactory,
    OpportunityFactory,
    sector,
)

NAMESPACES = {"investment"}

PAYLOADS = {
    "investment:rate_add": {
        "currency": "USD",
        "valid_from": "{today}",
        "rate": "580.5",
        "source": "BCEAO",
    },
}


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    ExchangeRateFactory(
        currency="EUR", valid_from=datetime.date(2026, 1, 1), rate=Decimal("655.957")
    )
    opportunity = OpportunityFactory(space=space, created_by=secretariat)
    private = OpportunityFactory(space=private_space, created_by=secretariat)
    # A user has one profile: the investors' part of the world may have made it already.
    member = users["member"]
    profile = InvestorProfile.objects.filter(user=member).first() or InvestorProfileFactory(
        user=member
    )
    profile.sectors.add(sector())
    return {
        "match_opportunity": opportunity.pk,
        "match_private_opportunity": private.pk,
        "match_profile": profile.pk,
    }
