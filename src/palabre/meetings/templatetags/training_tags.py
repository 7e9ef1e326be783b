"""A training's links on the meeting page, and the small bars of its results (inline SVG: no
script, no style attribute, readable without colours since the number is always written beside)."""

from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html

from ..models import SatisfactionResponse
from ..selectors_training import has_attended

register = template.Library()


@register.simple_tag
def training_panel(meeting, user) -> dict:
    """`{% training_panel meeting user as training %}`: what this user may do with the training."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    attended = has_attended(meeting, person)
    answered = (
        attended
        and SatisfactionResponse.objects.filter(meeting=meeting, respondent=person).exists()
    )
    survey_open = not meeting.is_cancelled and meeting.starts_at <= timezone.now()
    return {
        "can_view_results": user.has_perm("meetings.view_participants", meeting),
        "can_manage": user.has_perm("meetings.manage_training", meeting),
        "person": person if attended else None,
        "can_answer": attended and survey_open and not answered,
        "answered": answered,
    }


@register.filter
def score(value) -> str:
    """50.00 → "50", 62.50 → "62.5", in the viewer's number format; "—" when there is none."""
    if value is None:
        return "—"
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return number_format(value)


@register.filter
def signed_score(value) -> str:
    if value is None:
        return "—"
    return f"+{score(value)}" if value > 0 else score(value)


@register.simple_tag
def gain_bar(gain):
    """A bar from the middle: right for a gain, left for a loss, over a scale of −100 to +100."""
    if gain is None:
        return ""
    gain = max(-100, min(100, float(gain)))
    return format_html(
        '<svg class="gain-bar" viewBox="-100 0 200 10" width="120" height="10" aria-hidden="true"'
        ' focusable="false"><rect x="-100" y="4" width="200" height="2" class="bar-track"/>'
        '<rect x="{}" y="0" width="{}" height="10" class="{}"/></svg>',
        min(gain, 0),
        abs(gain),
        "bar-loss" if gain < 0 else "bar-gain",
    )


@register.simple_tag
def rating_bar(average):
    """A bar of the average rating out of 5."""
    if average is None:
        return ""
    return format_html(
        '<svg class="rating-bar" viewBox="0 0 5 1" width="120" height="10" aria-hidden="true"'
        ' focusable="false" preserveAspectRatio="none"><rect width="5" height="1"'
        ' class="bar-track"/><rect width="{}" height="1" class="bar-gain"/></svg>',
        max(0.0, min(5.0, float(average))),
    )
