"""Reading investor profiles: the officers' list, one profile, and whose contact details a user
may see, for many profiles in one query."""

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from palabre.core.rules import is_site_admin
from palabre.spaces.selectors import roles_of
from palabre.territories.models import Country, Region

from ..models import ExpressionOfInterest, InvestorProfile
from ..rules import OFFICER_ROLES


def officer_space_ids(user) -> list[int]:
    return [space_id for space_id, roles in roles_of(user).items() if roles & OFFICER_ROLES]


def contact_visible(user, prefix: str = ""):
    """An expression that is true where `investment.view_investor_contact` allows `user` to see
    the contact details of the profile at `prefix` ("" for a profile, "investor__" for an
    expression of interest). It must say the same as the rule; a test compares them."""
    if not user.is_authenticated:
        return Value(False)
    if is_site_admin.test(user):
        return Value(True)
    spaces = officer_space_ids(user)
    allowed = Q(**{f"{prefix}user_id": user.pk})
    if spaces:
        allowed |= Q(**{f"{prefix}share_contact_with_officers": True})
    received = ExpressionOfInterest.objects.filter(
        Q(opportunity__promoter_id=user.pk) | Q(opportunity__space_id__in=spaces),
        investor_id=OuterRef(f"{prefix}pk"),
        share_contact=True,
    )
    return Case(
        When(allowed | Q(Exists(received)), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def investors_for(user) -> QuerySet[InvestorProfile]:
    """Every profile with what a row of the list shows, and whether its contact is visible."""
    return (
        InvestorProfile.objects.select_related("country_of_residence")
        .prefetch_related("sectors", "regions", "support_offered")
        .annotate(contact_visible=contact_visible(user))
        .order_by("name", "pk")
    )


def investor_for(pk: int) -> InvestorProfile:
    return get_object_or_404(
        InvestorProfile.objects.select_related("country_of_residence", "user"), pk=pk
    )


def profile_of(user) -> InvestorProfile | None:
    if not user.is_authenticated:
        return None
    return InvestorProfile.objects.filter(user=user).first()


def residence_countries() -> QuerySet[Country]:
    """The countries investors live in: the list's filter offers only those."""
    return Country.objects.filter(investor_profiles__isnull=False).distinct()


def regions_by_country() -> list[tuple[str, list[tuple[int, str]]]]:
    """Regions as (country, [(pk, name)]) groups: checkboxes a person can find their way in."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for region in Region.objects.select_related("country"):
        groups.setdefault(region.country.name, []).append((region.pk, region.name))
    return list(groups.items())
