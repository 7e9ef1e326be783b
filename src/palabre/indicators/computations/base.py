"""What a computation rule is, what it returns, and the registry the indicators choose from.

A rule counts the records of a scope (some spaces, a span of dates) with a fixed number of
aggregate queries whatever the number of records, and can list the records behind any figure it
gives: the whole figure, or one group of one of its breakdowns.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Every disaggregation a rule may offer, with its label.
DIMENSIONS: dict[str, Promise] = {
    "gender": _("Gender"),
    "college": _("College"),
    "country": _("Country of residence"),
    "origin": _("Diaspora or resident"),
    "mode": _("Mode of participation"),
    "meeting_kind": _("Kind of meeting"),
    "tool_country": _("Country"),
    "tool_kind": _("Kind of tool"),
    "plan": _("Bilateral plan"),
    "region": _("Region"),
    "sector": _("Sector"),
    "source": _("Source of the funds"),
}

# The value of a group that has nothing recorded (no gender, no country of residence…).
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Scope:
    """Which records a figure counts: those of these spaces, between these dates."""

    space_ids: tuple[int, ...]
    # The country of the space measured: a participant living elsewhere is of the diaspora.
    country_id: int | None
    start: datetime.date | None  # None: since the beginning
    end: datetime.date  # inclusive
    country_ids: tuple[int, ...] = ()  # the countries a per-country figure must list

    @property
    def start_at(self) -> datetime.datetime | None:
        if self.start is None:
            return None
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=datetime.UTC)

    @property
    def end_before(self) -> datetime.datetime:
        """The first instant after the scope (its end date is included)."""
        day = self.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)

    @property
    def reaches_today(self) -> bool:
        return self.end >= timezone.localdate()

    def during(self, lookup: str) -> dict:
        """Filter keyword arguments keeping the records whose `lookup` date falls in scope."""
        filters = {f"{lookup}__lt": self.end_before}
        if self.start_at is not None:
            filters[f"{lookup}__gte"] = self.start_at
        return filters

    def during_dates(self, lookup: str) -> dict:
        """The same for a date (not a date and time) field."""
        filters = {f"{lookup}__lte": self.end}
        if self.start is not None:
            filters[f"{lookup}__gte"] = self.start
        return filters


@dataclass
class Part:
    """One group of a breakdown: its key (what the records are filtered by) and its figure."""

    key: str
    label: str
    value: Decimal | int


@dataclass
class Breakdown:
    dimension: str
    parts: list[Part]
    # Said beside the breakdown when its groups do not simply add up to the figure.
    note: str = ""

    @property
    def label(self) -> str:
        return str(DIMENSIONS[self.dimension])


@dataclass
class Result:
    value: Decimal | int | None  # None: nothing to compute from (no one's gender is known…)
    breakdowns: list[Breakdown] = field(default_factory=list)
    # Records the figure had to leave out, said beside it (people with no gender recorded…).
    unknown: int = 0
    unknown_label: str = ""
    # How the figure was made, when it is not a plain count (the lowest of four countries…).
    explanation: str = ""
    # Amounts that could not be converted, as (currency, amount, date) rows: listed, not guessed.
    unconverted: list = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    key: str
    label: Promise
    unit: str  # an indicators.models.Unit value
    dimensions: tuple[str, ...]
    compute: Callable[[Scope, tuple[str, ...]], Result]
    # records(scope, dimension, key) → the records behind the figure, or behind one group.
    records: Callable[[Scope, str, str], QuerySet]
    # Which template lists them: people, meetings, tools, actions, interests, amounts.
    records_kind: str
    description: Promise = ""

    def __str__(self) -> str:
        return str(self.label)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.key in RULES:
        raise ValueError(f"Two computation rules are called {rule.key}.")
    unknown = set(rule.dimensions) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"Rule {rule.key} offers unknown dimensions: {sorted(unknown)}.")
    RULES[rule.key] = rule
    return rule


def rule_choices() -> list[tuple[str, str]]:
    return [(key, str(rule.label)) for key, rule in RULES.items()]
