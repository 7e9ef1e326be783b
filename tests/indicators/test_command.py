"""`palabre indicators`: the same figures as the dashboard, as JSON or as a table."""

import datetime
import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from palabre.indicators.models import Frequency, Indicator, IndicatorValue, Level, Method, Unit
from palabre.indicators.periods import parse_period
from palabre.indicators.selectors.figures import figures_as_data, figures_for
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory

from .fixtures import ledger

pytestmark = pytest.mark.django_db


def logframe():
    """The ledger of `fixtures.ledger` (6 people in the first half of 2026, 7 over the year)
    measured by R1, and an output entered by hand for the first half."""
    book = ledger()
    common = {
        "space": book.committee,
        "level": Level.OUTCOME,
        "frequency": Frequency.SEMESTER,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2027, 12, 31),
    }
    Indicator.objects.create(
        code="R1",
        title="Participants uniques",
        unit=Unit.NUMBER,
        method=Method.COMPUTED,
        rule="unique_participants",
        target=Decimal(500),
        dimensions=["gender"],
        **common,
    )
    trained = Indicator.objects.create(
        code="P1",
        title="Membres formés",
        unit=Unit.NUMBER,
        method=Method.ENTERED,
        target=Decimal(4),
        **common,
    )
    IndicatorValue.objects.create(
        indicator=trained,
        period="2026-S1",
        value=Decimal(5),
        source="Feuilles d'émargement",
        recorded_by=make_user(),
    )
    return book


def run(*args) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_the_json_is_the_dashboards_figures_for_the_same_space_and_period():
    book = logframe()
    printed = json.loads(run("--space", book.committee.slug, "--period", "2026-S1", "--json"))
    expected = figures_as_data(figures_for(book.committee, parse_period("2026-S1")))
    assert printed == {
        "space": book.committee.slug,
        "period": "2026-S1",
        "indicators": json.loads(json.dumps(expected)),
    }
    figures = {row["code"]: row for row in printed["indicators"]}
    assert (figures["R1"]["value"], figures["R1"]["met"]) == (6, False)
    assert (figures["P1"]["value"], figures["P1"]["met"]) == (5, True)
    assert figures["P1"]["source"] == "Feuilles d'émargement"


def test_without_a_space_every_space_with_indicators_is_listed():
    book = logframe()
    SpaceFactory()  # no indicator: not listed
    printed = json.loads(run("--period", "2026", "--json"))
    assert [report["space"] for report in printed] == [book.committee.slug]
    assert {row["code"]: row["value"] for row in printed[0]["indicators"]}["R1"] == 7


def test_the_table_reads_code_title_value_target_and_whether_it_is_met():
    book = logframe()
    table = run("--space", book.committee.slug, "--period", "2026-S1")
    r1 = next(line for line in table.splitlines() if line.startswith("R1"))
    assert r1.split() == [
        "R1",
        "Participants",
        "uniques",
        "2026-S1",
        "6",
        "at",
        "least",
        "500",
        "no",
    ]
    p1 = next(line for line in table.splitlines() if line.startswith("P1"))
    assert p1.split()[-1] == "yes"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--period", "2026-S3"], '"2026-S3" is not a period'),
        (["--period", "S1-2026"], '"S1-2026" is not a period'),
        (["--space", "nowhere"], 'There is no space "nowhere"'),
    ],
)
def test_a_bad_period_or_an_unknown_space_is_refused_clearly(args, message):
    logframe()
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_json_says_what_the_dashboard_page_shows(client):
    """Not only the same function: the page a reader sees carries the same figures, indicator by
    indicator, as the command prints (each card's figure is a <data> element)."""
    book = logframe()
    women = Indicator.objects.create(
        space=book.committee,
        code="R1.1",
        title="Part des femmes",
        level=Level.OUTCOME,
        unit=Unit.PERCENT,
        method=Method.COMPUTED,
        rule="women_share",
        target=Decimal(20),
        frequency=Frequency.SEMESTER,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    printed = json.loads(run("--space", book.committee.slug, "--period", "2026-S1", "--json"))
    url = reverse("indicators:dashboard", args=[book.committee.slug])
    page = client.get(url, {"period": "2026-S1"}).content.decode()

    cards = dict(re.findall(r'data-code="([^"]+)".*?<data value="([^"]*)">', page, flags=re.DOTALL))
    assert cards == {row["code"]: str(row["value"]) for row in printed["indicators"]}
    assert cards[women.code] == "50" and cards["R1"] == "6"
    r11 = next(row for row in printed["indicators"] if row["code"] == "R1.1")
    assert r11["unknown"] == 2
    assert "2 participants whose gender is not recorded" in page


def test_a_value_entered_for_an_earlier_period_stands_until_the_next_is_entered(client):
    book = logframe()
    printed = json.loads(run("--space", book.committee.slug, "--period", "2026-S2", "--json"))
    trained = next(row for row in printed["indicators"] if row["code"] == "P1")
    assert (trained["value"], trained["value_period"], trained["period"]) == (
        5,
        "2026-S1",
        "2026-S2",
    )
    # Over time, each period shows its own value only.
    assert trained["series"] == [
        {"period": "2026-S1", "value": 5},
        {"period": "2026-S2", "value": None},
    ]
    url = reverse("indicators:dashboard", args=[book.committee.slug])
    page = client.get(url, {"period": "2026-S2"}).content.decode()
    assert "Latest value entered, for H1 2026: none yet for this period." in page
