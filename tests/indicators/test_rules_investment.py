"""The investment rules against the worlds counted by hand in `fixtures_rules` (tools, interests,
amounts)."""

from decimal import Decimal

import pytest

from palabre.indicators.computations import RULES, UNKNOWN
from palabre.investment.models import InterestStatus, PilotStage, StageChange
from tests.accounts.factories import make_user
from tests.investment.factories import IncentiveToolFactory, MobilisedAmountFactory
from tests.spaces.factories import country

from . import fixtures_rules as f
from .fixtures_rules import FIRST_HALF, WHOLE_YEAR, day, parts, queries_of

pytestmark = pytest.mark.django_db
TOOLS, INTERESTS = RULES["tools_capitalised_per_country"], RULES["interests_committed"]
AMOUNTS = RULES["amounts_mobilised"]
COUNTRIES = ("CI", "MA", "ML", "SN")


def pk(iso2: str) -> str:
    return str(country(iso2).pk)


# Tools ---------------------------------------------------------------------------------------


def test_the_figure_is_the_lowest_country_and_a_country_with_no_tool_shows_zero():
    book = f.tools()
    result = TOOLS.compute(book.scope(countries=COUNTRIES), ("tool_country", "tool_kind"))
    # T2 was moved back in May, T4 capitalised in September, T7 is elsewhere, Mali has no tool.
    assert parts(result, "tool_country") == {pk("CI"): 2, pk("MA"): 0, pk("ML"): 0, pk("SN"): 1}
    assert result.value == 0
    assert "Mali" in result.explanation
    kinds = parts(result, "tool_kind")
    assert (kinds["one_stop_shop"], kinds["guide"], kinds["forum"]) == (2, 1, 0)


def test_without_countries_listed_the_countries_of_the_tools_count():
    book = f.tools()
    assert TOOLS.compute(book.scope(), ()).value == 0  # Morocco, none yet in June
    year = TOOLS.compute(book.scope(WHOLE_YEAR), ("tool_country",))
    assert parts(year, "tool_country") == {pk("CI"): 2, pk("MA"): 1, pk("SN"): 1}
    assert year.value == 1


def test_a_tool_counts_while_it_was_capitalised_and_no_longer_once_moved_back():
    book = f.tools()
    march = book.scope((FIRST_HALF[0], day("2026-03-31")))
    assert parts(TOOLS.compute(march, ("tool_country",)), "tool_country")[pk("CI")] == 2  # T1 T2
    records = TOOLS.records(book.scope(), "tool_country", pk("CI"))
    assert [tool.title for tool in records] == ["T1", "T3"]


def test_a_tool_never_changed_counts_at_its_current_stage():
    book = f.tools()
    IncentiveToolFactory(space=book.committee, country=country("MA"), stage=PilotStage.CAPITALISED)
    assert parts(TOOLS.compute(book.scope(), ("tool_country",)), "tool_country")[pk("MA")] == 1


def test_tool_queries_do_not_grow_with_the_tools():
    book = f.tools()
    few = queries_of(TOOLS, book.scope(countries=COUNTRIES))
    officer = make_user()
    for _ in range(5):
        tool = IncentiveToolFactory(space=book.child, country=country("ML"), stage="capitalised")
        StageChange.objects.create(
            tool=tool,
            from_stage="analysed",
            to_stage="capitalised",
            by=officer,
            at=f.at("2026-01-05"),
        )
    assert TOOLS.compute(book.scope(countries=COUNTRIES), ()).value == 0  # Morocco still
    assert queries_of(TOOLS, book.scope(countries=COUNTRIES)) == few


# Expressions of interest ---------------------------------------------------------------------


def test_interests_committed_in_the_period_and_not_declined_since_count():
    book = f.interests()
    result = INTERESTS.compute(book.scope(), ("region", "country", "sector"))
    assert result.value == 2  # I1 I5: I2 declined after, I3 in August, I4 not committed, I6 away
    regions = {part.label: part.value for part in result.breakdowns[0].parts}
    assert regions == {"San-Pédro": 1, "Gbôklé": 1}
    assert parts(result, "country") == {pk("FR"): 1, pk("IT"): 1}
    assert sum(parts(result, "sector").values()) == 2
    assert INTERESTS.compute(book.scope(WHOLE_YEAR), ()).value == 3


def test_interest_records_follow_the_group():
    book = f.interests()
    records = INTERESTS.records(book.scope(), "country", pk("IT"))
    assert [interest.investor.name for interest in records] == ["I5"]
    everyone = INTERESTS.records(book.scope(), "", "")
    assert {interest.investor.name for interest in everyone} == {"I1", "I5"}
    assert all(i.status != InterestStatus.DECLINED for i in everyone)


# Amounts -------------------------------------------------------------------------------------


def test_amounts_are_converted_at_their_date_and_those_without_a_rate_listed_apart():
    book = f.amounts()
    result = AMOUNTS.compute(book.scope(), ("tool_country", "source"))
    assert result.value == Decimal("1775957.00")
    assert parts(result, "tool_country") == {
        pk("CI"): Decimal("1655957.00"),
        pk("SN"): Decimal("120000.00"),
    }
    assert parts(result, "source") == {
        f.MUTUELLE: Decimal("1000000.00"),
        UNKNOWN: Decimal("655957.00"),
        f.FONDS: Decimal("120000.00"),
    }
    assert result.unconverted == [("USD", Decimal("500"), day("2026-03-15"))]
    assert result.unknown == 1


@pytest.mark.parametrize(
    "dimension, key, expected",
    [
        ("", "", ["a1", "a2", "a3", "a4"]),
        ("source", UNKNOWN, ["a2"]),
        ("source", f.FONDS, ["a3", "a4"]),
    ],
)
def test_amount_records_list_every_amount_of_the_group_converted_or_not(dimension, key, expected):
    book = f.amounts()
    names = {amount.pk: name for name, amount in book.records.items()}
    assert [names[a.pk] for a in AMOUNTS.records(book.scope(), dimension, key)] == expected


def test_amount_queries_do_not_grow_with_the_amounts():
    book = f.amounts()
    few = queries_of(AMOUNTS, book.scope())
    tool = book.records["a1"].tool
    for offset in range(8):
        MobilisedAmountFactory(tool=tool, date=day(f"2026-04-{offset + 10}"), currency="EUR")
    assert queries_of(AMOUNTS, book.scope()) == few
