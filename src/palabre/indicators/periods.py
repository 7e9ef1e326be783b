"""Reporting periods: years, halves and quarters, named by a code that reads the same in every
language ("2026", "2026-S1", "2026-Q3") and labelled in the user's."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Frequency

MONTHS_PER_PERIOD = {Frequency.YEAR: 12, Frequency.SEMESTER: 6, Frequency.QUARTER: 3}
_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[SQ])(?P<number>[1-4]))?$")


@dataclass(frozen=True)
class Period:
    code: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def label(self) -> str:
        match = _CODE.match(self.code)
        year, kind, number = match["year"], match["kind"], match["number"]
        if kind == "S":
            return _("H%(number)s %(year)s") % {"number": number, "year": year}
        if kind == "Q":
            return _("Q%(number)s %(year)s") % {"number": number, "year": year}
        return year

    def __str__(self) -> str:
        return self.label


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    return datetime.date(day.year + month_index // 12, month_index % 12 + 1, 1)


def period_containing(day: datetime.date, frequency: str) -> Period:
    months = MONTHS_PER_PERIOD[frequency]
    number = (day.month - 1) // months + 1
    start = datetime.date(day.year, (number - 1) * months + 1, 1)
    end = _add_months(start, months) - datetime.timedelta(days=1)
    if frequency == Frequency.YEAR:
        code = str(day.year)
    else:
        code = f"{day.year}-{'S' if frequency == Frequency.SEMESTER else 'Q'}{number}"
    return Period(code, start, end)


def periods_between(start: datetime.date, end: datetime.date, frequency: str) -> list[Period]:
    """Every period that overlaps [start, end], in order."""
    periods = []
    day = start
    while day <= end:
        period = period_containing(day, frequency)
        periods.append(period)
        day = period.end + datetime.timedelta(days=1)
    return periods


def parse_period(code: str) -> Period:
    """The period a code names; ValueError when it names none."""
    match = _CODE.match(code.strip().upper())
    if not match:
        raise ValueError(code)
    year = int(match["year"])
    kind, number = match["kind"], int(match["number"] or 1)
    if kind == "S" and number > 2:
        raise ValueError(code)
    frequency = {"S": Frequency.SEMESTER, "Q": Frequency.QUARTER, None: Frequency.YEAR}[kind]
    months = MONTHS_PER_PERIOD[frequency]
    return period_containing(datetime.date(year, (number - 1) * months + 1, 1), frequency)
