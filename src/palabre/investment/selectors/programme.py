"""What the programme's page reads: per country, the incentive tools by stage and the progress
towards "at least 3 tools piloted, analysed and capitalised per country"; the amounts mobilised
over time in the reporting currency; the pipeline of expressions of interest (counts only).

Every figure counts only what the visitor may see: an anonymous visitor's figures count the
public tools and opportunities of public spaces.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from palabre.documents.charts import (
    GRID,
    INK,
    MUTED,
    SafeString,
    colour,
    element,
    nice_ticks,
    number,
    svg,
    text,
)
from palabre.documents.charts.bars import Bar, horizontal_bars

from ..models import (
    STAGE_ORDER,
    ExchangeRate,
    ExpressionOfInterest,
    IncentiveTool,
    InterestStatus,
    MobilisedAmount,
    PilotStage,
)
from ..services.rates import RateBook, Total, total_of
from .opportunities import opportunities_visible_to

# The programme's target: capitalised tools per country.
TARGET_PER_COUNTRY = 3


@dataclass
class CountryProgress:
    country: object
    # Per stage, in order: (stage, label, tools at that stage).
    stages: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(tools) for _code, _label, tools in self.stages)

    def reached(self, stage: str) -> int:
        """Tools at `stage` or further: a capitalised tool was piloted and analysed first."""
        later = STAGE_ORDER[STAGE_ORDER.index(stage) :]
        return sum(len(tools) for code, _label, tools in self.stages if code in later)

    @property
    def piloted(self) -> int:
        return self.reached(PilotStage.PILOTED)

    @property
    def analysed(self) -> int:
        return self.reached(PilotStage.ANALYSED)

    @property
    def capitalised(self) -> int:
        return self.reached(PilotStage.CAPITALISED)

    @property
    def target(self) -> int:
        return TARGET_PER_COUNTRY

    @property
    def target_met(self) -> bool:
        return self.capitalised >= TARGET_PER_COUNTRY

    @property
    def progress(self) -> int:
        """Towards the target, for the progress bar (never above the target)."""
        return min(self.capitalised, TARGET_PER_COUNTRY)


def programme_by_country(tools: QuerySet[IncentiveTool]) -> list[CountryProgress]:
    """One entry per country that has a tool, ordered by the country's name (one query)."""
    labels = dict(PilotStage.choices)
    by_country: dict[int, dict[str, list]] = {}
    countries = {}
    for tool in tools.select_related("country", "region").order_by("title", "pk"):
        countries[tool.country_id] = tool.country
        by_country.setdefault(tool.country_id, defaultdict(list))[tool.stage].append(tool)
    progress = [
        CountryProgress(
            country=countries[pk],
            stages=[(stage, labels[stage], stages[stage]) for stage in STAGE_ORDER],
        )
        for pk, stages in by_country.items()
    ]
    return sorted(progress, key=lambda entry: entry.country.name)


# Amounts mobilised over time ---------------------------------------------------------------


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    quarters, (year, quarter) = [], first
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return quarters


def quarter_label(year: int, quarter: int) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


@dataclass
class Mobilised:
    """Cumulative converted amounts per quarter and country, and what could not be converted."""

    currency: str
    quarters: list = field(default_factory=list)  # [(year, quarter)]
    countries: list = field(default_factory=list)  # [country], ordered by name
    # cumulative[country pk][i]: converted total up to the end of quarters[i].
    cumulative: dict = field(default_factory=dict)
    total: Total | None = None
    # Amounts with no rate for their date: (amount, country), newest first.
    unconverted: list = field(default_factory=list)

    @property
    def rows(self) -> list:
        """For the table under the chart: (quarter label, [cumulative per country], total)."""
        return [
            (
                quarter_label(*quarter),
                [self.cumulative[country.pk][index] for country in self.countries],
                sum((self.cumulative[country.pk][index] for country in self.countries), Decimal(0)),
            )
            for index, quarter in enumerate(self.quarters)
        ]


def mobilised_over_time(tools: QuerySet[IncentiveTool], book: RateBook) -> Mobilised:
    """Each amount converted with the rate in force on its own date (one query for amounts)."""
    amounts = list(
        MobilisedAmount.objects.filter(tool__in=tools)
        .select_related("tool__country")
        .order_by("date", "pk")
    )
    result = Mobilised(currency=book.currency, total=total_of(amounts, book))
    if not amounts:
        return result
    result.quarters = _quarters(quarter_of(amounts[0].date), quarter_of(amounts[-1].date))
    index_of = {quarter: index for index, quarter in enumerate(result.quarters)}
    countries, per_quarter = {}, defaultdict(lambda: [Decimal(0)] * len(result.quarters))
    for item in amounts:
        country = item.tool.country
        countries[country.pk] = country
        converted = book.convert(item.amount, item.currency, item.date)
        if converted is None:
            result.unconverted.append(item)
            continue
        per_quarter[country.pk][index_of[quarter_of(item.date)]] += converted
    result.countries = sorted(countries.values(), key=lambda country: country.name)
    for country in result.countries:
        running, cumulative = Decimal(0), []
        for value in per_quarter[country.pk]:
            running += value
            cumulative.append(running)
        result.cumulative[country.pk] = cumulative
    result.unconverted.reverse()
    return result


CHART_HEIGHT = 220
CHART_TOP = 20
CHART_LEFT = 86
LEGEND_ROW = 18


def mobilised_chart(mobilised: Mobilised, *, width: int = 640) -> SafeString:
    """Stacked columns, one per quarter, one colour per country: the cumulative amount
    mobilised by the end of each quarter, in the reporting currency."""
    quarters, countries = mobilised.quarters, mobilised.countries
    totals = [row[2] for row in mobilised.rows]
    ticks = nice_ticks(0, float(max(totals, default=0)) or 1, 4)
    scale = ticks[-1]
    plot_bottom = CHART_TOP + CHART_HEIGHT
    plot_width = width - CHART_LEFT - 8
    slot = plot_width / max(len(quarters), 1)
    column = min(slot * 0.7, 48)
    legend_top = plot_bottom + 34
    height = legend_top + LEGEND_ROW * len(countries) + 6

    def y_of(value) -> float:
        return plot_bottom - CHART_HEIGHT * float(value) / scale

    children = []
    for tick in ticks:
        y = y_of(tick)
        children.append(
            element(
                "line", x1=CHART_LEFT, y1=y, x2=width - 8, y2=y, stroke=INK if not tick else GRID
            )
        )
        children.append(
            text(CHART_LEFT - 6, y + 4, number(tick), font_size=11, fill=MUTED, text_anchor="end")
        )
    # Label every quarter when they fit, else one in every few.
    every = max(1, round(len(quarters) * 64 / plot_width))
    for index, quarter in enumerate(quarters):
        x = CHART_LEFT + slot * index + (slot - column) / 2
        base = Decimal(0)
        for series, country in enumerate(countries):
            value = mobilised.cumulative[country.pk][index]
            if value:
                top = y_of(base + value)
                children.append(
                    element(
                        "rect",
                        x=x,
                        y=top,
                        width=column,
                        height=y_of(base) - top,
                        fill=colour(series),
                        stroke="#ffffff",
                    )
                )
            base += value
        # The total above its column, where there is room for it, so the chart reads in grey.
        if base and slot >= 72:
            children.append(
                text(
                    x + column / 2,
                    y_of(base) - 4,
                    number(float(base)),
                    font_size=10,
                    text_anchor="middle",
                )
            )
        if index % every == 0:
            children.append(
                text(
                    x + column / 2,
                    plot_bottom + 16,
                    quarter_label(*quarter),
                    font_size=11,
                    fill=MUTED,
                    text_anchor="middle",
                )
            )
    for series, country in enumerate(countries):
        y = legend_top + LEGEND_ROW * series
        children.append(
            element("rect", x=CHART_LEFT, y=y, width=12, height=12, fill=colour(series))
        )
        children.append(text(CHART_LEFT + 18, y + 11, country.name))
    return svg(
        width,
        height,
        children,
        title=_("Amounts mobilised, cumulative, in %(currency)s")
        % {"currency": mobilised.currency},
        description=_(
            "One column per quarter, one colour per country; the table below gives the figures."
        ),
    )


# Expressions of interest -------------------------------------------------------------------


def interest_pipeline(user) -> list[tuple[str, str, int]]:
    """(status, label, count) in the order of the pipeline, for the opportunities this user may
    see; counts only, never who (one query)."""
    counts = dict(
        ExpressionOfInterest.objects.filter(opportunity__in=opportunities_visible_to(user))
        .values_list("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    return [(status, label, counts.get(status, 0)) for status, label in InterestStatus.choices]


def pipeline_chart(pipeline) -> SafeString:
    return horizontal_bars(
        [Bar(label=str(label), value=count) for _status, label, count in pipeline],
        title=_("Expressions of interest by status"),
        # At least 4 on the scale, so that small counts get whole-number ticks.
        max_value=4,
    )


# Export ------------------------------------------------------------------------------------


def export_headers(currency: str) -> list[str]:
    return [
        _("Tool"),
        _("Country"),
        _("Region"),
        _("Kind"),
        _("Pilot stage"),
        _("People reached"),
        _("of whom women"),
        _("of whom men"),
        _("of whom diaspora"),
        _("of whom residents"),
        _("Projects supported"),
        _("Jobs expected"),
        _("Mobilised, converted (%(currency)s)") % {"currency": currency},
        _("Mobilised, not converted (no rate)"),
    ]


def export_rows(tools: QuerySet[IncentiveTool], book: RateBook):
    """One row per tool (two queries however many tools: tools, then their amounts)."""
    for tool in (
        tools.select_related("country", "region")
        .prefetch_related("amounts")
        .order_by("country__name_fr", "title", "pk")
    ):
        total = total_of(tool.amounts.all(), book)
        yield [
            tool.title,
            tool.country.name,
            tool.region.name if tool.region else "",
            tool.get_kind_display(),
            tool.get_stage_display(),
            tool.people_reached,
            tool.women_reached,
            tool.men_reached,
            tool.diaspora_reached,
            tool.residents_reached,
            tool.projects_supported,
            tool.jobs_expected,
            float(total.converted),
            "; ".join(
                f"{amount} {currency}" for currency, amount in sorted(total.unconverted.items())
            ),
        ]


# Exchange rates ----------------------------------------------------------------------------


def rates_in_force(book_rates: list[ExchangeRate], on: datetime.date) -> list[ExchangeRate]:
    """Per currency, the rate in force on `on` (rates sorted by currency, newest first)."""
    current = {}
    for rate in book_rates:
        if rate.valid_from <= on and rate.currency not in current:
            current[rate.currency] = rate
    return list(current.values())
