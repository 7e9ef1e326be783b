"""The framing note on the meeting's page, and durations as people read them."""

from django import template
from django.utils.translation import gettext as _

from palabre.meetings.selectors_framing import framing_note_of, timetable_of

register = template.Library()


@register.simple_tag(takes_context=True)
def framing_summary(context, meeting) -> dict:
    """`{% framing_summary meeting as framing %}`: the note, whether this user may read it, and
    the agenda's timetable when they may."""
    user = context["request"].user
    note = framing_note_of(meeting)
    can_view = user.has_perm("meetings.view_framing_note", note)
    return {
        "note": note,
        "can_view": can_view,
        "can_edit": note.is_editable and user.has_perm("meetings.edit_framing_note", note),
        "timetable": timetable_of(meeting) if can_view else None,
    }


@register.filter
def duration(minutes) -> str:
    """90 → "1 h 30 min"; 45 → "45 min"; 120 → "2 h"."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": hours}
    return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": rest}
