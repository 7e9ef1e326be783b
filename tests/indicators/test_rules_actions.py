"""Activities per bilateral plan, against the world counted by hand in `fixtures_rules.plans`."""

import pytest
from django.utils import timezone

from palabre.actions.models import ActionStatus
from palabre.indicators.computations import RULES, Scope
from tests.actions.factories import ActionFactory
from tests.spaces.factories import SpaceFactory

from .fixtures_rules import FIRST_HALF, parts, plans, queries_of

pytestmark = pytest.mark.django_db
RULE = RULES["activities_per_bilateral_plan"]


def until_today():
    return (FIRST_HALF[0], timezone.localdate())


def test_a_past_period_reads_the_progress_updates_dated_by_its_end():
    book = plans()
    result = RULE.compute(book.scope(), ("plan",))
    p1, p2 = book.records["P1"], book.records["P2"]
    # P1: A1 only (A2 done in August); P2: A4 A5 (A6 was reopened in May).
    assert parts(result, "plan") == {str(p1.pk): 1, str(p2.pk): 2}
    assert result.value == 1
    assert "P1 CI–MA" in result.explanation


def test_a_period_reaching_today_reads_the_current_status():
    book = plans()
    result = RULE.compute(book.scope(until_today()), ())
    assert result.value == 2  # P1: A1 A2, P2: A4 A5
    assert result.breakdowns == []


def test_no_bilateral_plan_gives_no_figure_rather_than_zero():
    plans()
    assert RULE.compute(Scope((SpaceFactory().pk,), None, *FIRST_HALF), ()).value is None


@pytest.mark.parametrize(
    "dimension, plan, expected",
    [("", "", ["A1", "A4", "A5"]), ("plan", "P2", ["A4", "A5"]), ("plan", "nope", [])],
)
def test_the_records_are_the_actions_done(dimension, plan, expected):
    book = plans()
    key = str(book.records[plan].pk) if plan in book.records else plan
    assert [a.title for a in RULE.records(book.scope(), dimension, key)] == expected


def test_the_number_of_queries_does_not_grow_with_the_actions():
    book = plans()
    few = queries_of(RULE, book.scope(until_today()))
    for _ in range(6):
        ActionFactory(plan=book.records["P1"], status=ActionStatus.DONE)
    assert RULE.compute(book.scope(until_today()), ()).value == 2
    assert queries_of(RULE, book.scope(until_today())) == few
