"""A meeting's date and times as each viewer needs them: in their own time zone, with the venue's
local time beside it when it differs (a diaspora member in Toronto joining a meeting in Abidjan)."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..selectors_meetings import upcoming_meetings

register = template.Library()

DAY_FORMAT = "l j F Y"
TIME_FORMAT = "H:i"


def _span(start: datetime, end: datetime, *, with_date: bool) -> str:
    """'Tuesday 3 December 2026, 09:00–12:00', or both dates when the meeting spans days."""
    start_time, end_time = date_format(start, TIME_FORMAT), date_format(end, TIME_FORMAT)
    if start.date() != end.date():
        return (
            f"{date_format(start, DAY_FORMAT)}, {start_time} – "
            f"{date_format(end, DAY_FORMAT)}, {end_time}"
        )
    if not with_date:
        return f"{start_time}–{end_time}"
    return f"{date_format(start, DAY_FORMAT)}, {start_time}–{end_time}"


@dataclass
class MeetingTimes:
    viewer: str  # in the active (viewer's) time zone
    zone: str  # the viewer's zone abbreviation, e.g. GMT, EST
    venue: str  # "10:00–13:00 venue time (Europe/Paris)", empty when the clocks agree

    def __str__(self) -> str:
        text = f"{self.viewer} ({self.zone})"
        return f"{text} — {self.venue}" if self.venue else text


def meeting_times_of(meeting, *, with_date: bool = True) -> MeetingTimes:
    """The times in the active time zone; for texts (e-mails) as for pages."""
    viewer_zone = timezone.get_current_timezone()
    start = meeting.starts_at.astimezone(viewer_zone)
    end = meeting.ends_at.astimezone(viewer_zone)
    venue_start = meeting.starts_at.astimezone(meeting.venue_zone)
    venue_end = meeting.ends_at.astimezone(meeting.venue_zone)
    venue = ""
    # Zones with other names but the same clock (Abidjan and Dakar) need no second line.
    if (venue_start.utcoffset(), venue_end.utcoffset()) != (start.utcoffset(), end.utcoffset()):
        venue_times = _span(venue_start, venue_end, with_date=venue_start.date() != start.date())
        venue = _("%(times)s venue time (%(zone)s)") % {
            "times": venue_times,
            "zone": meeting.time_zone,
        }
    return MeetingTimes(
        viewer=_span(start, end, with_date=with_date), zone=start.tzname(), venue=venue
    )


@register.simple_tag
def meeting_times(meeting, with_date: bool = True) -> str:
    """`{% meeting_times meeting %}`; `with_date=False` where the day is already shown."""
    times = meeting_times_of(meeting, with_date=with_date)
    html = format_html(
        '<time datetime="{}">{}</time> ({})',
        meeting.starts_at.isoformat(),
        times.viewer,
        times.zone,
    )
    if times.venue:
        html = format_html('{} <span class="meeting-times-venue">— {}</span>', html, times.venue)
    return format_html('<span class="meeting-times">{}</span>', html)


@register.simple_tag(takes_context=True)
def next_meetings(context, space, limit: int = 3) -> list:
    """`{% next_meetings space as meetings %}`: the next meetings of a space the viewer may see."""
    return upcoming_meetings(context["request"].user, space, limit)
