"""Reading opportunities: which ones a user may see (the catalogue), one opportunity for its
page, the spaces an officer may publish for, and the "I can invest up to" filter."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from palabre.audit.selectors import history_of
from palabre.core.currencies import CURRENCY_CHOICES
from palabre.core.rules import is_site_admin
from palabre.spaces.models import Space, Visibility
from palabre.spaces.selectors import roles_of
from palabre.territories.models import Region, Sector

from ..models import Opportunity, OpportunityStatus
from ..rules import OFFICER_ROLES
from ..services.rates import RateBook

# What the catalogue shows when no status is asked for: what an investor can still act on.
CATALOGUE_STATUSES = (OpportunityStatus.OPEN, OpportunityStatus.IN_DISCUSSION)


def _visible_q(user) -> Q | None:
    """`investment.view_opportunity` in SQL; None when everything is visible."""
    if is_site_admin.test(user):
        return None
    visible = Q(visibility=Visibility.PUBLIC, space__visibility=Visibility.PUBLIC)
    roles = roles_of(user)
    if roles:
        officer_of = [space_id for space_id, held in roles.items() if held & OFFICER_ROLES]
        visible |= Q(space_id__in=list(roles)) & ~Q(visibility=Visibility.RESTRICTED)
        visible |= Q(space_id__in=officer_of)
    if user.is_authenticated:
        visible |= Q(promoter_id=user.pk)
    return visible


def opportunities_visible_to(user) -> QuerySet[Opportunity]:
    """The opportunities this user may read, with what a catalogue card shows."""
    # Newest first; those never published (members only) after them on every database.
    opportunities = Opportunity.objects.select_related("region", "sector").order_by(
        F("published_at").desc(nulls_last=True), "-pk"
    )
    visible = _visible_q(user)
    return opportunities if visible is None else opportunities.filter(visible)


def catalogue_regions(user) -> QuerySet[Region]:
    """The regions that have an opportunity this user may read: the region filter's choices."""
    return (
        Region.objects.filter(opportunities__in=opportunities_visible_to(user))
        .select_related("country")
        .distinct()
        .order_by("name")
    )


def catalogue_sectors(user) -> QuerySet[Sector]:
    return (
        Sector.objects.filter(opportunities__in=opportunities_visible_to(user))
        .distinct()
        .order_by("name_fr")
    )


def fitting_budget(
    opportunities: QuerySet[Opportunity],
    amount: Decimal,
    currency: str,
    book: RateBook | None = None,
    on=None,
) -> QuerySet[Opportunity]:
    """The opportunities whose lower end an investor with `amount` in `currency` can reach.

    Rather than converting every opportunity's amount (which SQL cannot do with dated rates),
    the investor's amount is converted once into each currency, with today's rates, and each
    currency is compared with its own bound: one query, whatever the number of opportunities.
    An opportunity in a currency that has no rate cannot be compared and is left out, as no one
    can say it fits.
    """
    book = book or RateBook()
    on = on or timezone.localdate()
    in_reporting = book.convert(amount, currency, on)
    if in_reporting is None:
        return opportunities.filter(currency=currency, amount_min__lte=amount)
    fits = Q(currency=currency, amount_min__lte=amount)
    for code, _label in CURRENCY_CHOICES:
        rate = book.rate(code, on)
        if code == currency or rate is None:
            continue
        bound = (in_reporting / rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        fits |= Q(currency=code, amount_min__lte=bound)
    return opportunities.filter(fits)


def opportunity_for(user, pk: int) -> Opportunity:
    """The opportunity if the user may read it. Otherwise 404, so that what is hidden stays
    unknown, except for an anonymous visitor of a public space's opportunity, whom the view's
    permission check sends to log in."""
    opportunity = get_object_or_404(
        Opportunity.objects.select_related(
            "space", "region__country", "sector", "promoter_organisation"
        ).prefetch_related("support_sought", "documents"),
        pk=pk,
    )
    if user.has_perm("investment.view_opportunity", opportunity):
        return opportunity
    if user.is_authenticated or opportunity.space.visibility != Visibility.PUBLIC:
        raise Http404
    return opportunity


def spaces_to_publish_for(user) -> QuerySet[Space]:
    """The spaces whose opportunities this user may publish: where they are an officer (any,
    for a site administrator)."""
    spaces = Space.objects.select_related("country").order_by("name")
    if is_site_admin.test(user):
        return spaces
    officer_of = [space_id for space_id, held in roles_of(user).items() if held & OFFICER_ROLES]
    return spaces.filter(pk__in=officer_of)


def regions_to_publish_in(spaces: QuerySet[Space]) -> QuerySet[Region]:
    """The regions these spaces cover; all those of its country for a space that names none
    (the service checks the chosen space's own)."""
    whole_country = spaces.filter(regions__isnull=True)
    return (
        Region.objects.filter(Q(spaces__in=spaces) | Q(country__spaces__in=whole_country))
        .select_related("country")
        .distinct()
        .order_by("country__name_fr", "name")
    )


def status_history(opportunity: Opportunity) -> list[dict]:
    """The latest status changes, newest first, with the statuses' names and the notes."""
    labels = dict(OpportunityStatus.choices)
    events = history_of(opportunity).filter(action="investment.opportunity_status")[:20]
    return [
        {
            "at": event.at,
            "actor": event.actor,
            "before": labels.get(event.changes["status"][0], event.changes["status"][0]),
            "after": labels.get(event.changes["status"][1], event.changes["status"][1]),
            "note": event.note,
        }
        for event in events
    ]
