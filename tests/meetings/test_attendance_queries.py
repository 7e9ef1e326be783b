"""The attendance pages cost the same number of SQL queries with 3 people or with 30."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.meetings.models import Invitation, InvitationChannel
from palabre.spaces.models import Role
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.meetings.factories import AttendanceFactory, MeetingFactory, RegistrationFactory
from tests.spaces.factories import (
    CollegeFactory,
    MembershipFactory,
    SpaceFactory,
    country,
    member_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        space=SpaceFactory(), starts_at=timezone.now() - datetime.timedelta(hours=1)
    )


@pytest.fixture
def secretary_client(client, meeting):
    client.force_login(member_user(meeting.space, role=Role.SECRETARIAT))
    return client


def add_people(meeting, count: int) -> None:
    """Varied people: present or not, registered, invited, members of a college or not, from
    here or abroad, with an organisation; every related thing a page shows must be fetched."""
    college = CollegeFactory(space=meeting.space)
    organisation = OrganisationFactory()
    for i in range(count):
        person = PersonFactory(
            last_name=f"Testnom{i:03}",
            organisation=organisation if i % 2 else None,
            country_of_residence=country("FR" if i % 3 else "CI"),
            gender="FM"[i % 2],
        )
        if i % 4:
            MembershipFactory(space=meeting.space, person=person, college=college)
        if i % 3 == 0:
            RegistrationFactory(meeting=meeting, person=person)
        elif i % 3 == 1:
            Invitation.objects.create(
                meeting=meeting, person=person, channel=InvitationChannel.MEMBERS
            )
        if i % 2:
            AttendanceFactory(
                meeting=meeting, person=person, mode="online" if i % 5 else "in_person"
            )
        elif i % 7 == 0:
            AttendanceFactory(meeting=meeting, person=person, removed_at=timezone.now())


def queries_for(client, url: str) -> int:
    client.get(url)  # warms the caches a normal visit finds warm (identity, sessions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("attendance", ""),
        ("attendance", "?q=testnom&gender=F&origin=diaspora"),
        ("check_in", ""),
        ("check_in", "?q=testnom"),
    ],
)
def test_pages_cost_the_same_with_3_or_30_people(secretary_client, meeting, name, query):
    url = reverse(f"meetings:{name}", args=[meeting.space.slug, meeting.pk]) + query
    add_people(meeting, 3)
    with_three = queries_for(secretary_client, url)
    add_people(meeting, 27)
    assert queries_for(secretary_client, url) == with_three


def test_the_export_costs_the_same_with_3_or_30_people(secretary_client, meeting):
    url = reverse("meetings:attendance_export", args=[meeting.space.slug, meeting.pk, "csv"])
    add_people(meeting, 3)
    with_three = queries_for(secretary_client, url)
    add_people(meeting, 27)
    assert queries_for(secretary_client, url) == with_three
