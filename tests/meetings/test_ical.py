import datetime

import pytest
from icalendar import Calendar

from palabre.meetings.ical import calendar_bytes
from palabre.meetings.models import MeetingStatus
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_an_ics_parses_with_the_meeting_in_the_venue_time_zone():
    meeting = MeetingFactory(
        title="Atelier d'échange avec la diaspora",
        starts_at=datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC),
        time_zone="Europe/Paris",
        online_url="https://visio.example.org/atelier",
    )
    cancelled = MeetingFactory(status=MeetingStatus.CANCELLED)

    calendar = Calendar.from_ical(calendar_bytes([meeting, cancelled], name="Comité"))

    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [meeting.title, cancelled.title]
    start = events[0].decoded("dtstart")
    assert start.hour == 10 and str(start.tzinfo) == "Europe/Paris"  # 09:00 UTC is 10:00 in Paris
    assert "https://visio.example.org/atelier" in str(events[0]["location"])
    assert str(events[1]["status"]) == "CANCELLED"
    assert calendar.walk("VTIMEZONE"), "a calendar with zoned times must carry their definitions"
