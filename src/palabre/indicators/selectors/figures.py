"""The figures of the indicators: one function makes them for the dashboard, the exports and the
`palabre indicators` command, so that all three always say the same thing."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from palabre.spaces.models import Space, Visibility

from ..computations import RULES, Result, Scope
from ..models import Indicator, IndicatorValue
from ..periods import Period, parse_period, period_containing, periods_between
from ..rules import is_member


def spaces_under(space: Space) -> tuple[int, ...]:
    """The space and every space below it, at any depth."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Space.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, queue = [], [space.pk]
    while queue:
        pk = queue.pop()
        found.append(pk)
        queue.extend(children.get(pk, []))
    return tuple(sorted(found))


def scope_for(indicator: Indicator, period: Period, space_ids: tuple[int, ...]) -> Scope:
    start = (
        indicator.start_date if indicator.cumulative else max(period.start, indicator.start_date)
    )
    return Scope(
        space_ids=space_ids,
        country_id=indicator.space.country_id,
        start=start,
        end=period.end,
        country_ids=tuple(country.pk for country in indicator.countries.all()),
    )


def latest_period(indicator: Indicator, today: datetime.date | None = None) -> Period:
    """The period in progress, or the last one once the measure has ended."""
    today = today or timezone.localdate()
    day = min(max(today, indicator.start_date), indicator.end_date)
    return period_containing(day, indicator.frequency)


@dataclass
class Figure:
    indicator: Indicator
    period: Period
    value: Decimal | int | None
    result: Result | None = None  # computed indicators
    entry: IndicatorValue | None = None  # entered indicators

    @property
    def met(self) -> bool | None:
        return self.indicator.is_met(self.value)

    @property
    def share_of_target(self) -> int | None:
        """How far the value has gone towards the target, in % (capped at 100), for a bar."""
        target = self.indicator.target
        if self.value is None or not target:
            return None
        return max(0, min(100, int(Decimal(self.value) * 100 / target)))


@dataclass
class IndicatorFigures:
    indicator: Indicator
    current: Figure
    series: list[Figure] = field(default_factory=list)


def figure_of(
    indicator: Indicator,
    period: Period,
    space_ids: tuple[int, ...],
    entries: dict[str, IndicatorValue],
    with_breakdowns: bool = True,
) -> Figure:
    if not indicator.is_computed:
        entry = entries.get(period.code)
        if entry is None and with_breakdowns:
            entry = latest_entry_by(entries, period)
        return Figure(indicator, period, entry.value if entry else None, entry=entry)
    rule = RULES[indicator.rule]
    dimensions = tuple(d for d in indicator.dimensions if d in rule.dimensions)
    result = rule.compute(
        scope_for(indicator, period, space_ids), dimensions if with_breakdowns else ()
    )
    return Figure(indicator, period, result.value, result=result)


def latest_entry_by(entries: dict[str, IndicatorValue], period: Period) -> IndicatorValue | None:
    """The latest value entered for a period ended by the end of `period`: a figure measured by
    a yearly survey still stands while the next one is awaited (its own period is said beside
    it); the series over time shows each period's own value only."""
    earlier = []
    for code, entry in entries.items():
        entered_for = period_from_code(code)
        if entered_for is not None and entered_for.end <= period.end:
            earlier.append((entered_for.end, entry))
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None


def indicators_of(space: Space) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(space=space)
        .select_related("space")
        .prefetch_related("countries", "values")
    )


def visible_indicators(user, space: Space) -> QuerySet[Indicator]:
    """The indicators of `space` whose figures this user may read (rules.py, as a query)."""
    indicators = indicators_of(space)
    if user.has_perm("indicators.view_records", space):
        return indicators
    if is_member(user, space):
        return indicators.exclude(visibility=Visibility.RESTRICTED)
    if space.visibility == Visibility.PUBLIC:
        return indicators.filter(visibility=Visibility.PUBLIC)
    return indicators.none()


def figures_for(
    space: Space,
    period: Period | None = None,
    indicators=None,
    with_series: bool = True,
    today: datetime.date | None = None,
) -> list[IndicatorFigures]:
    """Each indicator's figure for `period` (default: the latest period of each) with its
    breakdowns, and its value at the end of every period so far."""
    today = today or timezone.localdate()
    space_ids = spaces_under(space)
    rows = []
    for indicator in indicators if indicators is not None else indicators_of(space):
        entries = {entry.period: entry for entry in indicator.values.all()}
        shown = period or latest_period(indicator, today)
        current = figure_of(indicator, shown, space_ids, entries)
        series = []
        if with_series:
            last = min(shown.end, indicator.end_date)
            for step in periods_between(indicator.start_date, last, indicator.frequency):
                if step.code == shown.code and indicator.is_computed:
                    series.append(current)  # already computed; an entered one may be carried
                else:
                    series.append(figure_of(indicator, step, space_ids, entries, False))
        rows.append(IndicatorFigures(indicator, current, series))
    return rows


def plain_number(value):
    """A figure for scripts: an integer when it is one, else a float; None stays None."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def figures_as_data(rows: list[IndicatorFigures]) -> list[dict]:
    """The figures as plain data (JSON, CSV, XLSX): what the dashboard shows, nothing more."""
    data = []
    for row in rows:
        indicator, current = row.indicator, row.current
        result = current.result
        data.append(
            {
                "code": indicator.code,
                "title": indicator.title,
                "level": indicator.level,
                "unit": indicator.unit,
                "method": indicator.method,
                "rule": indicator.rule,
                "baseline": plain_number(indicator.baseline),
                "comparison": indicator.comparison,
                "target": plain_number(indicator.target),
                "period": current.period.code,
                "value": plain_number(current.value),
                "met": current.met,
                "unknown": result.unknown if result else 0,
                "source": current.entry.source if current.entry else "",
                # The period whose value is shown, when it is an earlier one (entered by hand).
                "value_period": current.entry.period if current.entry else current.period.code,
                "breakdowns": {
                    breakdown.dimension: [
                        {"key": part.key, "label": part.label, "value": plain_number(part.value)}
                        for part in breakdown.parts
                    ]
                    for breakdown in (result.breakdowns if result else [])
                },
                "series": [
                    {"period": figure.period.code, "value": plain_number(figure.value)}
                    for figure in row.series
                ],
            }
        )
    return data


def period_from_code(code: str) -> Period | None:
    """The period a request or a command names, or None when the code names none."""
    try:
        return parse_period(code) if code else None
    except ValueError:
        return None
