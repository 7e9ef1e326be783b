"""What the call's page shows an applicant, and times as a call states them."""

import zoneinfo

from django import template
from django.utils import formats, timezone

from ..selectors.applicants import current_submission

register = template.Library()


def _local_text(moment, zone: str) -> str:
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(zone))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone})"


@register.filter
def in_call_zone(moment, call) -> str:
    """A time as the call states it: in the call's time zone, named, so that an applicant in
    Montréal and one in Dakar read the same thing."""
    return _local_text(moment, call.time_zone)


@register.simple_tag
def in_viewer_zone(moment, call, user) -> str:
    """The same time in the signed-in viewer's own time zone, when it is not the call's."""
    zone = getattr(user, "time_zone", "") if user.is_authenticated else ""
    if not zone or zone == call.time_zone:
        return ""
    return _local_text(moment, zone)


@register.simple_tag(takes_context=True)
def applicant_panel(context, call) -> dict:
    user = context["request"].user
    return {
        "submission": current_submission(call, user),
        "is_open": call.is_open(),
        "can_submit": user.has_perm("calls.submit", call),
    }
