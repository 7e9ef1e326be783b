"""Meetings as iCalendar: the feed of a space and the .ics attached to invitations."""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from .models import Meeting, MeetingStatus

PRODUCT_ID = "-//Palabre//Meetings//FR"


def _event(meeting: Meeting, site_url: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{site_url.split('://')[-1].strip('/')}")
    event.add("dtstamp", timezone.now())
    # The venue's zone, so that calendars show the meeting where it happens and convert it.
    event.add("dtstart", meeting.starts_at.astimezone(meeting.venue_zone))
    event.add("dtend", meeting.ends_at.astimezone(meeting.venue_zone))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.venue, meeting.city) if part)
    if meeting.online_url:
        location = f"{location} — {meeting.online_url}" if location else meeting.online_url
    if location:
        event["location"] = vText(location)
    url = f"{site_url.rstrip('/')}{meeting.get_absolute_url()}"
    event.add("url", url)
    event.add("description", "\n\n".join(part for part in (meeting.description, url) if part))
    event.add("last-modified", meeting.updated_at)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, name: str = "") -> bytes:
    """One VCALENDAR with a VEVENT per meeting (a meeting's space must be loaded with it)."""
    site_url = getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, site_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
