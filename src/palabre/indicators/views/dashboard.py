"""The dashboard of a space's indicators, an indicator's page, the records behind a figure and
the exports. Every figure comes from `figures_for`, as the `palabre indicators` command's do."""

from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from palabre.core.exports import FORMATS, tabular_response
from palabre.documents.charts.bars import Bar, horizontal_bars

from ..computations import DIMENSIONS, RULES
from ..forms.indicators import IndicatorFilter
from ..models import Level
from ..selectors.figures import (
    figures_as_data,
    figures_for,
    latest_period,
    scope_for,
    spaces_under,
)
from .base import (
    LEVELS,
    IndicatorMixin,
    IndicatorsMixin,
    Shown,
    amount,
    group_amount,
    periods_of_all,
    records_url,
)

RECORDS_PAGE_SIZE = 50


class DashboardView(IndicatorsMixin, TemplateView):
    template_name = "indicators/dashboard.html"

    def get_context_data(self, **kwargs):
        indicators = self.indicators
        filters = IndicatorFilter(self.request.GET or None, queryset=indicators)
        shown = [
            Shown(row, self.records_open)
            for row in figures_for(self.space, self.period, indicators=filters.qs)
        ]
        groups = [
            (Level(level).label, [item for item in shown if item.indicator.level == level])
            for level in LEVELS
        ]
        user = self.request.user
        return super().get_context_data(
            filter=filters,
            groups=[(label, items) for label, items in groups if items],
            periods=periods_of_all(indicators),
            period=self.period,
            can_manage=user.has_perm("indicators.manage", self.space),
            **kwargs,
        )


class DetailView(IndicatorMixin, TemplateView):
    template_name = "indicators/detail.html"

    def get_context_data(self, **kwargs):
        indicator = self.indicator
        (row,) = figures_for(self.space, self.period, indicators=[indicator])
        shown = Shown(row, self.records_open)
        result = row.current.result
        breakdowns = []
        for breakdown in result.breakdowns if result else []:
            parts = [
                (
                    part,
                    group_amount(part.value, indicator.unit),
                    records_url(indicator, row.current.period, breakdown.dimension, part.key)
                    if self.records_open
                    else "",
                )
                for part in breakdown.parts
            ]
            chart = horizontal_bars(
                [Bar(part.label, float(part.value)) for part in breakdown.parts],
                title=_("%(code)s by %(dimension)s")
                % {"code": indicator.code, "dimension": breakdown.label.lower()},
            )
            breakdowns.append({"breakdown": breakdown, "parts": parts, "chart": chart})
        user = self.request.user
        return super().get_context_data(
            shown=shown,
            rule=RULES.get(indicator.rule),
            breakdowns=breakdowns,
            entries=[] if indicator.is_computed else list(indicator.values.all()),
            periods=periods_of_all([indicator]),
            can_manage=user.has_perm("indicators.manage", self.space),
            can_enter=not indicator.is_computed
            and user.has_perm("indicators.enter_value", indicator),
            **kwargs,
        )


class RecordsView(IndicatorMixin, ListView):
    """The records a figure counts, or those of one group of one of its breakdowns."""

    permission_required = "indicators.view_records"
    template_name = "indicators/records.html"
    paginate_by = RECORDS_PAGE_SIZE
    context_object_name = "records"

    def get_queryset(self):
        indicator = self.indicator
        self.rule = RULES.get(indicator.rule)
        if self.rule is None:
            raise Http404  # an entered value has no records behind it
        self.shown_period = self.period or latest_period(indicator)
        scope = scope_for(indicator, self.shown_period, spaces_under(self.space))
        self.dimension = self.request.GET.get("dimension", "")
        key = self.request.GET.get("key", "")
        self.group, self.total = None, ""
        if not self.dimension:
            self.total = amount(self.rule.compute(scope, ()).value, indicator.unit)
            return self.rule.records(scope, "", "")
        if self.dimension not in self.rule.dimensions:
            messages.warning(self.request, _("This figure has no such breakdown."))
            return self.rule.records(scope, "", "").none()
        result = self.rule.compute(scope, (self.dimension,))
        parts = result.breakdowns[0].parts if result.breakdowns else []
        self.group = next((part for part in parts if part.key == key), None)
        if self.group is None:
            messages.warning(self.request, _("This breakdown has no such group."))
            return self.rule.records(scope, "", "").none()
        self.total = group_amount(self.group.value, indicator.unit)
        return self.rule.records(scope, self.dimension, key)

    def get_context_data(self, **kwargs):
        kind = self.rule.records_kind
        return super().get_context_data(
            rule=self.rule,
            records_templates=[
                f"indicators/records/{kind}.html",
                "indicators/records/generic.html",
            ],
            shown_period=self.shown_period,
            group=self.group,
            dimension_label=DIMENSIONS[self.dimension] if self.group else "",
            total=self.total,
            **kwargs,
        )


class ExportView(IndicatorsMixin, View):
    """One row per indicator, then one per group of each of its breakdowns."""

    HEADERS = [
        "code",
        "title",
        "level",
        "unit",
        "method",
        "period",
        "baseline",
        "comparison",
        "target",
        "value",
        "met",
        "unknown",
        "source",
        "dimension",
        "group",
        "group_key",
    ]

    def get(self, request, *args, **kwargs):
        file_format = kwargs["fmt"]
        if file_format not in FORMATS:
            raise Http404
        data = figures_as_data(figures_for(self.space, self.period, indicators=self.indicators))
        return tabular_response(
            headers=self.HEADERS,
            rows=self.rows(data),
            filename=f"indicateurs-{self.space.slug}",
            file_format=file_format,
        )

    def rows(self, data):
        for item in data:
            met = "" if item["met"] is None else ("yes" if item["met"] else "no")
            figure = {**item, "met": met}
            yield [figure.get(name, "") for name in self.HEADERS]
            for dimension, parts in item["breakdowns"].items():
                for part in parts:
                    group = {
                        **{name: item[name] for name in self.HEADERS[:9]},
                        "value": part["value"],
                        "dimension": dimension,
                        "group": part["label"],
                        "group_key": part["key"],
                    }
                    yield [group.get(name, "") for name in self.HEADERS]
