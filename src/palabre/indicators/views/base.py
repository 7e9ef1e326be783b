"""What every indicators page starts with: the space, the indicators this visitor may read, the
period asked for, and the figures put in words for the templates."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from palabre.documents.charts import number
from palabre.documents.charts.progress import over_time, progress_bar
from palabre.spaces.mixins import SpacePageMixin

from ..models import Comparison, Indicator, Level, Unit
from ..periods import Period
from ..selectors.figures import (
    Figure,
    IndicatorFigures,
    period_from_code,
    plain_number,
    visible_indicators,
)
from ..services.values import periods_of

SYMBOLS = {Comparison.AT_LEAST: "≥", Comparison.AT_MOST: "≤", Comparison.EXACTLY: "="}
LEVELS = [Level.IMPACT, Level.OUTCOME, Level.OUTPUT]


def amount(value, unit: str = "") -> str:
    """A value as the reader's language writes it, with no useless decimals."""
    if value is None:
        return "–"
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else (1 if value * 10 % 1 == 0 else 2)
    text = number(float(value), decimals)
    if unit == Unit.PERCENT:
        return f"{text} %"
    if unit == Unit.AMOUNT:
        return f"{text} {settings.PALABRE_REPORTING_CURRENCY}"
    return text


def group_amount(value, unit: str) -> str:
    """A breakdown group counts records (people…) whatever the figure's unit, but amounts stay
    amounts."""
    return amount(value, unit if unit == Unit.AMOUNT else "")


def periods_of_all(indicators) -> list[Period]:
    """Every reporting period of these indicators, for a period selector."""
    found = {period.code: period for indicator in indicators for period in periods_of(indicator)}
    return sorted(found.values(), key=lambda period: (period.start, period.end))


def records_url(indicator: Indicator, period: Period, dimension: str = "", key: str = "") -> str:
    query = {"period": period.code}
    if dimension:
        query.update(dimension=dimension, key=key)
    url = reverse("indicators:records", args=[indicator.space.slug, indicator.code])
    return f"{url}?{urlencode(query)}"


@dataclass
class Shown:
    """An indicator's figures as a page shows them."""

    row: IndicatorFigures
    records_open: bool  # may this visitor open the figures down to their records?

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator

    @property
    def figure(self) -> Figure:
        return self.row.current

    @property
    def value(self) -> str:
        return amount(self.figure.value, self.indicator.unit)

    @property
    def carried_from(self) -> str:
        """The label of the earlier period whose entered value stands for this one, if so."""
        entry = self.figure.entry
        if entry is None or entry.period == self.figure.period.code:
            return ""
        period = period_from_code(entry.period)
        return period.label if period else entry.period

    @property
    def machine_value(self) -> str:
        """The figure as `palabre indicators --json` prints it, for a <data> element."""
        value = plain_number(self.figure.value)
        return "" if value is None else str(value)

    @property
    def target(self) -> str:
        symbol = SYMBOLS[self.indicator.comparison]
        return f"{symbol} {amount(self.indicator.target, self.indicator.unit)}"

    @property
    def baseline(self) -> str:
        return amount(self.indicator.baseline, self.indicator.unit)

    @property
    def status(self) -> str:
        met = self.figure.met
        if met is None:
            return _("No value yet")
        return _("Target met") if met else _("Target not met yet")

    @property
    def unknown(self) -> str:
        result = self.figure.result
        if not result or not result.unknown:
            return ""
        return f"{result.unknown} {result.unknown_label}"

    @property
    def records_link(self) -> str:
        if not self.records_open or not self.indicator.is_computed:
            return ""
        return records_url(self.indicator, self.figure.period)

    @property
    def bar(self):
        return progress_bar(
            None if self.figure.value is None else float(self.figure.value),
            float(self.indicator.target),
            title=_("%(code)s: progress towards the target") % {"code": self.indicator.code},
        )

    @property
    def series(self) -> list[tuple[Period, str]]:
        return [
            (figure.period, amount(figure.value, self.indicator.unit)) for figure in self.row.series
        ]

    @property
    def chart(self):
        return over_time(
            [
                (figure.period.label, None if figure.value is None else float(figure.value))
                for figure in self.row.series
            ],
            target=float(self.indicator.target),
            title=_("%(code)s over time") % {"code": self.indicator.code},
            description=_("The value at the end of each period, and the target."),
            unit_suffix=" %" if self.indicator.unit == Unit.PERCENT else "",
        )


class IndicatorsMixin(SpacePageMixin):
    permission_required = "indicators.view"

    @cached_property
    def indicators(self) -> QuerySet[Indicator]:
        return visible_indicators(self.request.user, self.space)

    @cached_property
    def period(self) -> Period | None:
        """The period asked for in `?period=`; None (the latest of each indicator) otherwise."""
        code = self.request.GET.get("period", "").strip()
        period = period_from_code(code)
        if code and period is None:
            messages.warning(
                self.request,
                _("“%(code)s” is not a period; the latest figures are shown.") % {"code": code},
            )
        return period

    @cached_property
    def records_open(self) -> bool:
        return self.request.user.has_perm("indicators.view_records", self.space)


class IndicatorMixin(IndicatorsMixin):
    """One indicator, hidden (404) from whoever may not read it, as its space would be."""

    @cached_property
    def indicator(self) -> Indicator:
        return get_object_or_404(self.indicators, code=self.kwargs["code"])

    def get_permission_object(self):
        return self.indicator

    def get_context_data(self, **kwargs):
        return super().get_context_data(indicator=self.indicator, **kwargs)
