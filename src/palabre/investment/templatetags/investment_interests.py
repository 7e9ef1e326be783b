"""What the opportunity page says about expressions of interest, for the include of the
interests part (`investment/interests/_on_opportunity.html`)."""

from django import template

from ..selectors.interests import interest_of

register = template.Library()


@register.simple_tag
def my_interest(user, opportunity):
    """The visitor's own expression of interest in the opportunity, or None."""
    return interest_of(user, opportunity)


@register.simple_tag
def interests_received_count(opportunity) -> int:
    return opportunity.interests.count()
