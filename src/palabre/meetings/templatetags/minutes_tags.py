"""What the meeting page shows of the minutes, computed here so that its view needs nothing."""

from django import template

from ..selectors_minutes import minutes_may_start, minutes_of

register = template.Library()


@register.simple_tag(takes_context=True)
def minutes_of_meeting(context, meeting) -> dict:
    """`{% minutes_of_meeting meeting as info %}`: `info.minutes` when this user may read them,
    `info.can_start` when there are none yet and this user may start them now."""
    user = context["request"].user
    minutes = minutes_of(meeting)
    visible = minutes is not None and user.has_perm("meetings.view_minutes", minutes)
    can_start = (
        minutes is None
        and minutes_may_start(meeting)
        and user.has_perm("meetings.edit_minutes", meeting)
    )
    return {"minutes": minutes if visible else None, "visible": visible, "can_start": can_start}
