"""The dashboard and the records page cost a fixed number of queries, whatever the number of
people and attendance lines they count."""

import datetime

import pytest
from django.urls import reverse

from palabre.directory.models import Person
from palabre.meetings.models import Attendance, AttendanceSource
from palabre.spaces.models import Role
from tests.meetings.factories import MeetingFactory
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, country, member_user

from .test_dashboard import ALL, make_indicator, women_share

pytestmark = pytest.mark.django_db


def add_people(count: int, start: int = 0) -> list[Person]:
    countries = [country("CI"), country("FR"), None]
    return Person.objects.bulk_create(
        Person(
            first_name=f"Awa{n}",
            last_name=f"Koné{n}",
            normalised_name=f"kone{n} awa{n}",
            gender="FM "[n % 3].strip(),
            country_of_residence=countries[n % 3],
        )
        for n in range(start, start + count)
    )


def add_meetings(space, count: int, start: int = 0):
    return [
        MeetingFactory(
            space=space,
            starts_at=datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
            + datetime.timedelta(days=n),
        )
        for n in range(start, start + count)
    ]


def attend(meetings, people) -> None:
    Attendance.objects.bulk_create(
        (
            Attendance(meeting=meeting, person=person, source=AttendanceSource.CHECK_IN)
            for meeting in meetings
            for person in people
        ),
        batch_size=5000,
    )


@pytest.fixture
def space():
    space = SpaceFactory(country=country("CI"))
    make_indicator(space, dimensions=ALL)
    women_share(space)
    return space


def test_the_dashboard_costs_the_same_with_100_or_100000_attendance_lines(client, space):
    url = reverse("indicators:dashboard", args=[space.slug])
    first = add_meetings(space, 1)
    people = add_people(100)
    attend(first, people)
    small = queries_for(client, url)
    more_people = add_people(900, start=100)
    attend(first, more_people)
    attend(add_meetings(space, 99, start=1), people + more_people)
    assert Attendance.objects.count() == 100_000
    assert queries_for(client, url) == small
    assert '<data value="1000">1' in client.get(url).content.decode()  # 1 000


def test_the_records_page_costs_the_same_with_10_or_1000_people(client, space):
    client.force_login(member_user(space, role=Role.SECRETARIAT))
    url = reverse("indicators:records", args=[space.slug, "R1.1"]) + "?dimension=gender&key=F"
    meetings = add_meetings(space, 2)
    attend(meetings, add_people(10))
    few = queries_for(client, url)
    attend(meetings, add_people(990, start=10))
    assert queries_for(client, url) == few
    page = client.get(url).content.decode()
    assert "334 records" in page and "Page 1 of 7" in page
