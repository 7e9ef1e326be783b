"""Who may do what with incentive tools, opportunities, investor profiles and expressions of
interest.

The officers of a tool or an opportunity are the secretariat and the investment officers of the
space that keeps it (and site administrators). Investor profiles belong to their owner; officers
of any space may read them to find investors for their region, but see an investor's contact
details only when the investor agreed: on the profile (for every officer), or with an expression
of interest (for that opportunity's officers and promoter). Anonymous visitors never see a
profile.
"""

import rules
from django.db.models import Q

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.selectors import roles_of

OFFICER_ROLES = frozenset({Role.SECRETARIAT, Role.INVESTMENT_OFFICER})


def space_of(obj) -> Space | None:
    """The space that keeps a tool, an opportunity or an expression of interest."""
    if obj is None or isinstance(obj, Space):
        return obj
    if hasattr(obj, "opportunity"):  # an expression of interest or a document
        obj = obj.opportunity
    if hasattr(obj, "tool"):  # an activity, an amount, a learning
        obj = obj.tool
    return getattr(obj, "space", None)


def opportunity_of(obj):
    if obj is None or isinstance(obj, Space):
        return None
    return getattr(obj, "opportunity", obj)


@rules.predicate
def is_officer(user, obj) -> bool:
    space = space_of(obj)
    return space is not None and bool(roles_of(user).get(space.pk, set()) & OFFICER_ROLES)


@rules.predicate
def is_officer_anywhere(user) -> bool:
    return any(roles & OFFICER_ROLES for roles in roles_of(user).values())


@rules.predicate
def is_member(user, obj) -> bool:
    space = space_of(obj)
    return space is not None and space.pk in roles_of(user)


@rules.predicate
def is_public(user, obj) -> bool:
    """Public itself, in a public space. Works for tools and opportunities."""
    target = getattr(obj, "tool", None) or opportunity_of(obj)
    space = space_of(obj)
    return (
        target is not None
        and space is not None
        and target.visibility == Visibility.PUBLIC
        and space.visibility == Visibility.PUBLIC
    )


@rules.predicate
def is_restricted(user, obj) -> bool:
    target = getattr(obj, "tool", None) or opportunity_of(obj)
    return target is not None and target.visibility == Visibility.RESTRICTED


@rules.predicate
def is_promoter(user, obj) -> bool:
    opportunity = opportunity_of(obj)
    return (
        user.is_authenticated
        and opportunity is not None
        and getattr(opportunity, "promoter_id", None) == user.pk
    )


@rules.predicate
def owns_profile(user, profile) -> bool:
    return user.is_authenticated and profile is not None and profile.user_id == user.pk


@rules.predicate
def is_interested_investor(user, interest) -> bool:
    return user.is_authenticated and interest is not None and interest.investor.user_id == user.pk


@rules.predicate
def has_shared_contact(user, profile) -> bool:
    return profile is not None and profile.share_contact_with_officers


@rules.predicate
def received_contact(user, profile) -> bool:
    """The investor sent this user's opportunity an expression of interest with their contact."""
    if not user.is_authenticated or profile is None:
        return False
    officer_spaces = [
        space_id for space_id, roles in roles_of(user).items() if roles & OFFICER_ROLES
    ]
    return (
        profile.interests.filter(share_contact=True)
        .filter(Q(opportunity__promoter_id=user.pk) | Q(opportunity__space_id__in=officer_spaces))
        .exists()
    )


can_manage = is_officer | is_site_admin
can_view = is_public | (is_member & ~is_restricted) | can_manage

# Incentive tools. Object: the tool (or one of its activities, amounts, lessons).
rules.add_perm("investment.view_tool", can_view)
rules.add_perm("investment.edit_tool", can_manage)
# Object: none (the form lists the spaces the user is an officer of) or a space.
rules.add_perm("investment.add_tool", is_officer_anywhere | is_site_admin)

# Opportunities. Object: the opportunity (or one of its documents).
rules.add_perm("investment.view_opportunity", can_view | is_promoter)
rules.add_perm("investment.edit_opportunity", can_manage | is_promoter)
rules.add_perm("investment.add_opportunity", is_officer_anywhere | is_site_admin)
rules.add_perm("investment.express_interest", rules.is_authenticated & can_view)
# The expressions of interest received and the matching investors of an opportunity.
rules.add_perm("investment.follow_opportunity", can_manage | is_promoter)

# Expressions of interest. Object: the expression of interest.
rules.add_perm(
    "investment.view_interest", is_interested_investor | is_officer | is_promoter | is_site_admin
)
rules.add_perm("investment.change_interest_status", is_officer | is_promoter | is_site_admin)

# Investor profiles. Object: the profile; the list's object is none.
rules.add_perm("investment.view_investors", is_officer_anywhere | is_site_admin)
rules.add_perm("investment.view_investor", owns_profile | is_officer_anywhere | is_site_admin)
rules.add_perm(
    "investment.view_investor_contact",
    owns_profile | is_site_admin | (is_officer_anywhere & has_shared_contact) | received_contact,
)
rules.add_perm("investment.edit_investor", owns_profile)
rules.add_perm("investment.have_profile", rules.is_authenticated)

# The programme's views (tools per country, amounts, pipeline) are public: they are the
# programme's account of itself, in figures, with no personal data.
rules.add_perm("investment.view_programme", rules.always_allow)

# programme part
# The dated exchange rates feed every converted total: only site administrators maintain them.
rules.add_perm("investment.manage_rates", is_site_admin)
