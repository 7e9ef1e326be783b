"""Matching investor profiles of the diaspora with opportunities, each pair scored out of 100
with the reasons that earned its points:

- sector, 40 points: the opportunity's sector is among the profile's sectors;
- region, 25 points: the opportunity's region is among the profile's regions of interest;
- ticket, 20 points: the profile's ticket overlaps the opportunity's investment range, both
  converted into the reporting currency with today's rates; a profile without a ticket (or
  whose currency has no rate yet) gets half, 10 points, since nothing rules it out;
- support, 15 points: the share of the kinds of support the opportunity seeks that the profile
  offers; an opportunity that seeks nothing besides money gives all 15 to a profile offering
  financing.

A pair with neither the sector nor the region in common is not a match, whatever the rest.
Ties are broken by the most recently published opportunity first (for an investor) and by the
investor's name (for an opportunity), then by the order of creation.

Scoring reads only what is prefetched; the two lists pre-filter the candidates in SQL (sector
or region in common), so their queries do not grow with the number of candidates.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.documents.charts import number

from ..models import InvestorProfile, Opportunity
from ..models.opportunities import ACCEPTING_INTEREST
from ..selectors.opportunities import opportunities_visible_to
from .rates import RateBook

SECTOR_POINTS = 40
REGION_POINTS = 25
TICKET_POINTS = 20
SUPPORT_POINTS = 15
FINANCING = "financing"


@dataclass(frozen=True)
class Match:
    """An investor profile or an opportunity, with its score and the reasons for it."""

    item: object
    points: int
    reasons: list[str]


def _amount(value: Decimal, currency: str) -> str:
    return f"{number(float(value))} {currency}"


def _ticket_text(profile: InvestorProfile) -> str:
    low, high, currency = profile.ticket_min, profile.ticket_max, profile.currency
    if low is not None and high is not None:
        return f"{number(float(low))}–{_amount(high, currency)}"
    if low is not None:
        return _("from %(amount)s") % {"amount": _amount(low, currency)}
    return _("up to %(amount)s") % {"amount": _amount(high, currency)}


def _ticket(opportunity: Opportunity, profile: InvestorProfile, book: RateBook, on: date):
    """(points, reason or None) for the ticket: overlap after conversion, half when unknown."""
    if profile.ticket_min is None and profile.ticket_max is None:
        return TICKET_POINTS // 2, None
    converted = [
        None if value is None else book.convert(value, currency, on)
        for value, currency in (
            (opportunity.amount_min, opportunity.currency),
            (opportunity.amount_max, opportunity.currency),
            (profile.ticket_min, profile.currency),
            (profile.ticket_max, profile.currency),
        )
    ]
    range_low, range_high, ticket_low, ticket_high = converted
    unknown_rate = range_low is None or range_high is None
    unknown_rate |= (profile.ticket_min is not None and ticket_low is None) or (
        profile.ticket_max is not None and ticket_high is None
    )
    if unknown_rate:
        return TICKET_POINTS // 2, None
    fits_above = ticket_high is None or ticket_high >= range_low
    fits_below = ticket_low is None or ticket_low <= range_high
    if not (fits_above and fits_below):
        return 0, None
    return TICKET_POINTS, _("Ticket %(ticket)s covers the minimum of %(minimum)s") % {
        "ticket": _ticket_text(profile),
        "minimum": _amount(opportunity.amount_min, opportunity.currency),
    }


def _support(opportunity: Opportunity, profile: InvestorProfile):
    sought = {kind.pk: kind for kind in opportunity.support_sought.all()}
    offered = {kind.pk: kind for kind in profile.support_offered.all()}
    if not sought:
        financing = [kind for kind in offered.values() if kind.code == FINANCING]
        if financing:
            return SUPPORT_POINTS, _("Offers %(support)s") % {"support": financing[0].name.lower()}
        return 0, None
    common = [kind for pk, kind in sought.items() if pk in offered]
    if not common:
        return 0, None
    points = round(SUPPORT_POINTS * len(common) / len(sought))
    return points, _("Offers %(support)s, which the project seeks") % {
        "support": _listed([kind.name.lower() for kind in common])
    }


def _listed(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": _(", ").join(names[:-1]), "last": names[-1]}


def score(
    opportunity: Opportunity, profile: InvestorProfile, book: RateBook, on: date | None = None
) -> tuple[int, list[str]]:
    """Points out of 100 and the reasons, in the active language; (0, []) when the pair has
    neither the sector nor the region in common. `on` is the date of the rates (today)."""
    sectors = {sector.pk for sector in profile.sectors.all()}
    regions = {region.pk for region in profile.regions.all()}
    points, reasons = 0, []
    if opportunity.sector_id in sectors:
        points += SECTOR_POINTS
        reasons.append(_("Invests in %(sector)s") % {"sector": opportunity.sector.name})
    if opportunity.region_id in regions:
        points += REGION_POINTS
        reasons.append(
            _("Interested in the %(region)s region") % {"region": opportunity.region.name}
        )
    if not points:
        return 0, []
    ticket_points, ticket_reason = _ticket(opportunity, profile, book, on or timezone.localdate())
    support_points, support_reason = _support(opportunity, profile)
    points += ticket_points + support_points
    reasons += [reason for reason in (ticket_reason, support_reason) if reason]
    return points, reasons


def _profiles(profiles=None):
    profiles = InvestorProfile.objects.all() if profiles is None else profiles
    return profiles.filter(is_active=True).prefetch_related("sectors", "regions", "support_offered")


def matching_investors(
    opportunity: Opportunity,
    limit: int | None = None,
    book: RateBook | None = None,
    profiles=None,
) -> list[Match]:
    """The active profiles that match the opportunity, best first (ties: by name). `profiles`
    is where to look (the page passes them annotated with whether their contact is visible)."""
    prefetch_related_objects([opportunity], "support_sought")
    candidates = (
        _profiles(profiles)
        .filter(Q(sectors=opportunity.sector_id) | Q(regions=opportunity.region_id))
        .select_related("country_of_residence")
        .distinct()
        .order_by("name", "pk")
    )
    return _ranked(((profile, opportunity, profile) for profile in candidates), book, limit)


def opportunities_for_matching(user):
    """Opportunities this user may see that still accept an expression of interest."""
    return (
        opportunities_visible_to(user)
        .filter(status__in=ACCEPTING_INTEREST)
        .select_related("region", "sector", "space")
        .prefetch_related("support_sought")
    )


def matching_opportunities(
    profile: InvestorProfile,
    limit: int | None = None,
    book: RateBook | None = None,
    opportunities=None,
) -> list[Match]:
    """The opportunities its owner may see, accepting interest, that match the profile, best
    first (ties: the most recently published first). `opportunities` narrows the candidates
    (the digest passes those published since its last run). An inactive profile matches
    nothing."""
    if not profile.is_active:
        return []
    profile = _profiles().select_related("user").get(pk=profile.pk)
    sectors = [sector.pk for sector in profile.sectors.all()]
    regions = [region.pk for region in profile.regions.all()]
    candidates = (
        opportunities if opportunities is not None else opportunities_for_matching(profile.user)
    )
    candidates = candidates.filter(Q(sector__in=sectors) | Q(region__in=regions)).order_by(
        "-published_at", "-pk"
    )
    return _ranked(((opportunity, opportunity, profile) for opportunity in candidates), book, limit)


def _ranked(pairs, book, limit) -> list[Match]:
    """The candidates come ordered by the tie-break rule; a stable sort on points keeps it."""
    book = book or RateBook()
    today = timezone.localdate()
    matches = []
    for item, opportunity, profile in pairs:
        points, reasons = score(opportunity, profile, book, today)
        if points:
            matches.append(Match(item=item, points=points, reasons=reasons))
    matches.sort(key=lambda match: -match.points)
    return matches[:limit] if limit else matches
