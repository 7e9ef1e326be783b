"""Pages load on slow links and offline deployments: nothing is fetched from another origin."""

import re

import pytest
from django.urls import reverse

from tests.directory.factories import PersonFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, MinutesFactory, in_days
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db

# Attributes through which a browser fetches something by itself when it renders the page.
FETCHING_ATTRIBUTE = re.compile(
    r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"'
)


@pytest.fixture
def secretariat_client(client):
    space = SpaceFactory()
    PersonFactory.create_batch(3)
    client.force_login(member_user(space, role="secretariat"))
    client.space = space
    # Held this morning: it has a check-in page, minutes and a framing note to show.
    client.meeting = MeetingFactory(space=space, starts_at=in_days(0, hour=0))
    AgendaItemFactory(meeting=client.meeting)
    MinutesFactory(meeting=client.meeting, summary="Synthèse.")
    return client


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("core:home", []),
        ("territories:list", []),
        ("spaces:list", []),
        ("directory:person_list", []),
        ("directory:person_create", []),
        ("imports:people", []),
        ("accounts:profile", []),
        ("jobs:list", []),
        ("spaces:detail", ["space"]),
        ("spaces:members", ["space"]),
        ("meetings:list", []),
        ("meetings:calendar", []),
        ("meetings:space_list", ["space"]),
        ("meetings:action_items", ["space"]),
        ("meetings:detail", ["space", "meeting"]),
        ("meetings:framing_note", ["space", "meeting"]),
        ("meetings:check_in", ["space", "meeting"]),
        ("meetings:registrations", ["space", "meeting"]),
        ("meetings:minutes", ["space", "meeting"]),
        ("documents:verify", []),
        ("documents:list", []),
        ("notifications:list", []),
        ("indicators:dashboard", ["space"]),
        ("knowledge:register", ["space"]),
        ("knowledge:charter", ["space"]),
        ("knowledge:reports", ["space"]),
    ],
)
def test_a_page_fetches_nothing_from_another_origin(secretariat_client, url_name, args):
    values = {"space": secretariat_client.space.slug, "meeting": secretariat_client.meeting.pk}
    args = [values[arg] for arg in args]
    response = secretariat_client.get(reverse(url_name, args=args))
    assert response.status_code == 200
    fetched = FETCHING_ATTRIBUTE.findall(response.content.decode())
    assert fetched, "the page should at least load our stylesheet"
    foreign = [url for url in fetched if re.match(r"^(https?:)?//", url)]
    assert not foreign, f"{url_name} fetches from another origin: {foreign}"
