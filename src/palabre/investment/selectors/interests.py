"""Reading expressions of interest: an investor's own, those an opportunity received, one with
its timeline, and who follows them."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from palabre.accounts.models import User
from palabre.spaces.models import Membership, Space

from ..models import ExpressionOfInterest, InvestorProfile, Opportunity
from ..rules import OFFICER_ROLES
from .investors import contact_visible


def officer_users_of(space: Space) -> QuerySet[User]:
    """The accounts of the space's secretariat and investment officers."""
    officers = Membership.objects.current().filter(space=space, role__in=OFFICER_ROLES)
    return User.objects.filter(is_active=True, person__in=officers.values("person_id")).order_by(
        "pk"
    )


def interest_for(pk: int) -> ExpressionOfInterest:
    return get_object_or_404(
        ExpressionOfInterest.objects.select_related(
            "opportunity__space",
            "opportunity__region",
            "opportunity__promoter_organisation",
            "investor__country_of_residence",
            "investor__user",
        ),
        pk=pk,
    )


def timeline_of(interest: ExpressionOfInterest) -> QuerySet:
    return interest.status_changes.select_related("by").order_by("date", "pk")


def interests_of_investor(profile: InvestorProfile | None) -> QuerySet[ExpressionOfInterest]:
    if profile is None:
        return ExpressionOfInterest.objects.none()
    return profile.interests.select_related("opportunity__region", "opportunity__sector").order_by(
        "-created_at", "-pk"
    )


def interests_received(opportunity: Opportunity, user) -> QuerySet[ExpressionOfInterest]:
    """What the opportunity received, with the investor and whether `user` sees the contact."""
    return (
        opportunity.interests.select_related("investor__country_of_residence")
        .prefetch_related("support_offered")
        .annotate(contact_visible=contact_visible(user, "investor__"))
        .order_by("-created_at", "-pk")
    )


def interest_of(user, opportunity: Opportunity) -> ExpressionOfInterest | None:
    """The user's own expression of interest in the opportunity, if any."""
    if not user.is_authenticated:
        return None
    return ExpressionOfInterest.objects.filter(opportunity=opportunity, investor__user=user).first()
