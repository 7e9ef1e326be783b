"""The dashboard, an indicator's page, the records behind a figure and the exports, against the
participation ledger counted by hand in `fixtures.ledger`."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from palabre.indicators.models import Indicator, Level, Method, Unit
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory, member_user

from .fixtures import ledger

pytestmark = pytest.mark.django_db

ALL = ["gender", "college", "country", "origin", "mode", "meeting_kind"]


def make_indicator(space, code="R1.1", **fields) -> Indicator:
    """A computed indicator measured over the first half of 2026 only, so that its latest
    period is 2026-S1 whatever today's date."""
    values = {
        "title": "Participants uniques aux concertations",
        "level": Level.OUTPUT,
        "unit": Unit.NUMBER,
        "method": Method.COMPUTED,
        "rule": "unique_participants",
        "target": 500,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2026, 6, 30),
        "frequency": "quarter",
        **fields,
    }
    return Indicator.objects.create(space=space, code=code, **values)


def women_share(space, **fields) -> Indicator:
    return make_indicator(
        space,
        code="R2.1",
        title="Part des femmes parmi les participants",
        level=Level.OUTCOME,
        unit=Unit.PERCENT,
        rule="women_share",
        target=40,
        dimensions=["gender"],
        **fields,
    )


def dashboard_url(space, **query):
    url = reverse("indicators:dashboard", args=[space.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def records_url(indicator, **query):
    url = reverse("indicators:records", args=[indicator.space.slug, indicator.code])
    return url + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def book():
    return ledger()


@pytest.fixture
def secretariat(book):
    return member_user(book.committee, role=Role.SECRETARIAT)


def test_the_dashboard_shows_the_hand_counted_figure_against_its_target(client, book):
    make_indicator(book.committee, dimensions=ALL)
    women_share(book.committee)
    page = text_of(client.get(dashboard_url(book.committee)))
    assert "R1.1 — Participants uniques aux concertations" in page
    assert '<p class="indicator-figure"><data value="6">6' in page
    assert "≥ 500" in page and "Target not met yet" in page
    # The share of women is over the four known genders, the other two said beside it.
    assert '<p class="indicator-figure"><data value="50">50 %' in page and "≥ 40 %" in page
    assert "Target met" in page
    assert "Not counted: 2 participants whose gender is not recorded." in page
    # Grouped by level, outcomes before outputs.
    assert page.index('<h2 id="level-1">Outcome') < page.index('<h2 id="level-2">Output')


def test_a_period_is_chosen_and_a_wrong_one_falls_back_to_the_latest_with_a_message(client, book):
    make_indicator(book.committee)
    first_quarter = text_of(client.get(dashboard_url(book.committee, period="2026-Q1")))
    assert (
        '<p class="indicator-figure"><data value="5">5' in first_quarter
    )  # A B C D E: F came in May
    wrong = client.get(dashboard_url(book.committee, period="2026-S9"))
    assert "“2026-S9” is not a period" in text_of(wrong)
    assert '<p class="indicator-figure"><data value="6">6' in text_of(wrong)


def test_filters_by_level_method_and_code(client, book):
    make_indicator(book.committee)
    women_share(book.committee)
    page = text_of(client.get(dashboard_url(book.committee, level="outcome")))
    assert "R2.1" in page and "R1.1" not in page
    page = text_of(client.get(dashboard_url(book.committee, q="r1.1")))
    assert "R1.1" in page and "R2.1" not in page
    page = text_of(client.get(dashboard_url(book.committee, method="entered")))
    assert "No indicator matches these criteria." in page


def test_anonymous_visitors_see_public_indicators_and_members_all_but_restricted(client, book):
    make_indicator(book.committee, code="PUB")
    make_indicator(book.committee, code="MEM", visibility=Visibility.MEMBERS)
    make_indicator(book.committee, code="RES", visibility=Visibility.RESTRICTED)
    page = text_of(client.get(dashboard_url(book.committee)))
    assert ">PUB —" in page and ">MEM —" not in page and ">RES —" not in page
    client.force_login(member_user(book.committee))
    page = text_of(client.get(dashboard_url(book.committee)))
    assert ">PUB —" in page and ">MEM —" in page and ">RES —" not in page
    restricted = reverse("indicators:detail", args=[book.committee.slug, "RES"])
    assert client.get(restricted).status_code == 404
    client.force_login(member_user(book.committee, role=Role.SECRETARIAT))
    assert ">RES —" in text_of(client.get(dashboard_url(book.committee)))


def test_a_private_space_has_no_dashboard_for_outsiders(client):
    space = SpaceFactory(visibility=Visibility.MEMBERS)
    make_indicator(space)
    client.force_login(make_user())
    assert client.get(dashboard_url(space)).status_code == 404


def test_the_indicator_page_breaks_the_figure_down_and_links_each_group_to_its_people(
    client, book, secretariat
):
    indicator = make_indicator(
        book.committee,
        dimensions=ALL,
        description="Toute personne présente au moins une fois.",
        means_of_verification="Feuilles de présence signées",
    )
    client.force_login(secretariat)
    page = text_of(client.get(indicator.get_absolute_url() + "?period=2026-S1"))
    assert "Toute personne présente au moins une fois." in page
    assert "Feuilles de présence signées" in page
    assert "Each person counts once" in page  # the rule's description
    assert "By Gender" in page and "By Mode of participation" in page
    assert "Someone who came to meetings of several kinds is counted in each of them." in page
    link = records_url(indicator, period="2026-S1", dimension="gender", key="F")
    assert f'<a href="{link.replace("&", "&amp;")}">2</a>' in page
    records = text_of(client.get(link))
    shown = [
        key
        for key, person in book.people.items()
        if f">{person.first_name} {person.last_name}</td>" in records
    ]
    assert shown == ["A", "B"]
    assert book.people["A"].email not in records  # no contact details in the list


def test_members_see_plain_numbers_and_may_not_open_the_records(client, book):
    indicator = make_indicator(book.committee, dimensions=["gender"])
    client.force_login(member_user(book.committee))
    page = text_of(client.get(indicator.get_absolute_url()))
    assert "registres" not in page
    assert client.get(records_url(indicator, period="2026-S1")).status_code == 403


def test_the_records_of_the_whole_figure_and_of_unknown_groups(client, book, secretariat):
    indicator = make_indicator(book.committee, dimensions=["gender"])
    client.force_login(secretariat)
    page = text_of(client.get(records_url(indicator, period="2026-S1")))
    assert "6 records" in page
    unknown_gender = text_of(client.get(records_url(indicator, dimension="gender", key="unknown")))
    assert [k for k in "EF" if f">{book.people[k].first_name} " in unknown_gender] == ["E", "F"]
    for query in ({"dimension": "shoe_size", "key": "F"}, {"dimension": "gender", "key": "Z"}):
        response = client.get(records_url(indicator, **query))
        assert response.status_code == 200
        assert "No record to show." in text_of(response)
        assert "has no such" in text_of(response)


def test_the_export_has_a_row_per_indicator_and_per_group(client, book):
    make_indicator(book.committee, dimensions=["gender"])
    response = client.get(reverse("indicators:export", args=[book.committee.slug, "csv"]))
    assert response["Content-Disposition"].endswith('.csv"')
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:3] == ["code", "title", "level"]
    figure = rows[1]
    assert figure[0] == "R1.1" and figure[5] == "2026-Q2" and figure[9] == "6"
    groups = {row[15]: row[9] for row in rows[2:]}
    assert groups["F"] == "2" and groups["M"] == "2" and groups["unknown"] == "2"
    xlsx = client.get(reverse("indicators:export", args=[book.committee.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_export_holds_only_what_the_visitor_may_read(client, book):
    make_indicator(book.committee, code="PUB")
    make_indicator(book.committee, code="RES", visibility=Visibility.RESTRICTED)
    response = client.get(reverse("indicators:export", args=[book.committee.slug, "csv"]))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    codes = {row[0] for row in csv.reader(io.StringIO(content), delimiter=";")}
    assert "PUB" in codes and "RES" not in codes
