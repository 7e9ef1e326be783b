"""The participation rules against the ledger counted by hand in `fixtures.ledger`."""

import datetime
from decimal import Decimal

import pytest

from palabre.indicators.computations import RULES, UNKNOWN, Scope
from palabre.indicators.selectors.figures import spaces_under
from tests.spaces.factories import country

from .fixtures import ledger

pytestmark = pytest.mark.django_db

FIRST_HALF = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
WHOLE_YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
ALL = ("gender", "college", "country", "origin", "mode", "meeting_kind")


def scope(book, dates=FIRST_HALF):
    return Scope(
        space_ids=spaces_under(book.committee),
        country_id=book.committee.country_id,
        start=dates[0],
        end=dates[1],
    )


def parts(result, dimension):
    breakdown = next(b for b in result.breakdowns if b.dimension == dimension)
    return {part.key: part.value for part in breakdown.parts}


def test_each_person_counts_once_and_only_present_attendance_of_held_meetings_counts():
    book = ledger()
    result = RULES["unique_participants"].compute(scope(book), ALL)
    # A B C D E F: K is D, G's meeting was cancelled, H's line removed, I elsewhere, J later.
    assert result.value == 6
    assert parts(result, "gender") == {"F": 2, "M": 2, "X": 0, UNKNOWN: 2}
    ci, fr, it = country("CI").pk, country("FR").pk, country("IT").pk
    assert parts(result, "country") == {str(ci): 2, str(fr): 2, str(it): 1, UNKNOWN: 1}
    assert parts(result, "origin") == {"diaspora": 3, "resident": 2, UNKNOWN: 1}
    assert parts(result, "college") == {"Diaspora": 1, "Régions": 1, UNKNOWN: 4}
    assert parts(result, "mode") == {"in_person": 3, "online": 2, "both": 1}
    kinds = parts(result, "meeting_kind")
    assert (kinds["committee"], kinds["training"], kinds["diaspora_forum"]) == (5, 3, 0)


def test_a_longer_period_takes_the_later_meetings_in():
    book = ledger()
    assert RULES["unique_participants"].compute(scope(book, WHOLE_YEAR), ()).value == 7


def test_the_share_of_women_is_over_the_known_genders_with_the_unknowns_beside_it():
    book = ledger()
    result = RULES["women_share"].compute(scope(book), ("gender",))
    assert result.value == Decimal("50.0")  # A and B out of A B C D
    assert result.unknown == 2  # E and F
    year = RULES["women_share"].compute(scope(book, WHOLE_YEAR), ())
    assert year.value == Decimal("60.0")  # J joins: 3 women out of 5


def test_no_known_gender_gives_no_share_rather_than_zero():
    book = ledger()
    empty = Scope(
        spaces_under(book.committee), None, datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)
    )
    result = RULES["women_share"].compute(empty, ())
    assert result.value is None
    assert result.unknown == 0


@pytest.mark.parametrize(
    "dimension, key, expected",
    [
        ("", "", {"A", "B", "C", "D", "E", "F"}),
        ("gender", "F", {"A", "B"}),
        ("gender", UNKNOWN, {"E", "F"}),
        ("origin", "diaspora", {"B", "D", "F"}),
        ("origin", UNKNOWN, {"E"}),
        ("college", "Régions", {"A"}),
        ("college", UNKNOWN, {"C", "D", "E", "F"}),
        ("mode", "both", {"A"}),
        ("mode", "online", {"B", "F"}),
        ("mode", "in_person", {"C", "D", "E"}),
        ("meeting_kind", "training", {"A", "D", "F"}),
    ],
)
def test_every_figure_opens_on_the_people_it_counts(dimension, key, expected):
    book = ledger()
    names = {person.pk: name for name, person in book.people.items()}
    records = RULES["unique_participants"].records(scope(book), dimension, key)
    assert {names[person.pk] for person in records} == expected


def test_country_groups_open_on_their_people():
    book = ledger()
    names = {person.pk: name for name, person in book.people.items()}
    records = RULES["unique_participants"].records(scope(book), "country", str(country("FR").pk))
    assert {names[person.pk] for person in records} == {"B", "D"}
