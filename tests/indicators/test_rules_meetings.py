"""Meetings with approved minutes, against the world counted in `fixtures_rules.meetings`."""

import pytest

from palabre.indicators.computations import RULES
from palabre.meetings.models import MeetingKind
from tests.meetings.factories import MeetingFactory, MinutesFactory

from .fixtures_rules import WHOLE_YEAR, meetings, parts, queries_of

pytestmark = pytest.mark.django_db
RULE = RULES["meetings_with_approved_minutes"]


def test_only_held_meetings_whose_minutes_were_approved_by_the_end_count():
    book = meetings()
    result = RULE.compute(book.scope(), ("meeting_kind", "mode"))
    # M1 M2 M6: M3 cancelled, M4 in review, M5 approved in July, M7 without minutes, X elsewhere.
    assert result.value == 3
    kinds = parts(result, "meeting_kind")
    assert (kinds[MeetingKind.COMMITTEE], kinds[MeetingKind.TRAINING]) == (2, 1)
    assert parts(result, "mode") == {"in_person": 2, "online": 1, "hybrid": 0}


def test_minutes_approved_after_the_period_count_in_a_later_one():
    book = meetings()
    assert RULE.compute(book.scope(WHOLE_YEAR), ()).value == 4


@pytest.mark.parametrize(
    "dimension, key, expected",
    [
        ("", "", ["M1", "M2", "M6"]),
        ("meeting_kind", "training", ["M2"]),
        ("mode", "in_person", ["M1", "M6"]),
        ("mode", "hybrid", []),
    ],
)
def test_the_records_are_the_meetings_counted(dimension, key, expected):
    book = meetings()
    records = RULE.records(book.scope(), dimension, key)
    assert [meeting.title for meeting in records] == expected


def test_the_number_of_queries_does_not_grow_with_the_meetings():
    book = meetings()
    few = queries_of(RULE, book.scope())
    for _ in range(5):
        meeting = MeetingFactory(space=book.committee, starts_at=book.records["M1"].starts_at)
        MinutesFactory(meeting=meeting, workflow_state="published", approved_at=meeting.starts_at)
    assert RULE.compute(book.scope(), ()).value == 8
    assert queries_of(RULE, book.scope()) == few
