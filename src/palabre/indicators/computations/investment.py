"""The investment figures: incentive tools capitalised per country, expressions of interest that
became commitments, and the amounts the tools mobilised.

- A tool counts as capitalised at the end of a period when that was its stage then, as its record
  of stage changes tells: a tool moved back to an earlier stage no longer counts. The logframe
  asks for so many tools per country, so the figure is the lowest count among the countries.
- An expression of interest counts when it reached "committed" within the period and has not
  been declined since.
- Each amount is converted into the reporting currency with the rate in force on its own date;
  an amount with no rate for its date is listed apart, never guessed.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.investment.models import (
    ExpressionOfInterest,
    IncentiveTool,
    InterestStatus,
    InterestStatusChange,
    MobilisedAmount,
    PilotStage,
    StageChange,
    ToolKind,
)
from palabre.investment.services.rates import RateBook, total_of
from palabre.territories.models import Country, Region, Sector

from ..models import Unit
from .base import UNKNOWN, Breakdown, Part, Result, Rule, Scope, register
from .meetings import choice_parts


def _key(key: str) -> int:
    """A group's key as the primary key it stands for (0, matching nothing, when it is not one)."""
    return int(key) if key.isdigit() else 0


def _named_parts(counts: dict, model, keep: tuple[int, ...] = ()) -> list[Part]:
    """One part per object counted (and per object of `keep`, even with nothing), the largest
    first, named in the user's language (one query)."""
    counts = {**dict.fromkeys(keep, 0), **counts}
    objects = model.objects.in_bulk(list(counts))
    return sorted(
        (Part(str(pk), str(objects[pk]), value) for pk, value in counts.items()),
        key=lambda part: (-part.value, part.label),
    )


# Tools capitalised per country -------------------------------------------------------------


def tools_of(scope: Scope) -> QuerySet[IncentiveTool]:
    tools = IncentiveTool.objects.filter(space_id__in=scope.space_ids)
    if scope.country_ids:
        tools = tools.filter(country_id__in=scope.country_ids)
    return tools


def _with_stage_then(tools: QuerySet[IncentiveTool], scope: Scope) -> QuerySet[IncentiveTool]:
    """Each tool's stage at the end of the scope: where its last change by then took it, else
    where its first later change took it from, else (never changed) its stage now."""
    last_before = (
        StageChange.objects.filter(tool_id=OuterRef("pk"), at__lt=scope.end_before)
        .order_by("-at", "-pk")
        .values("to_stage")[:1]
    )
    first_after = (
        StageChange.objects.filter(tool_id=OuterRef("pk"), at__gte=scope.end_before)
        .order_by("at", "pk")
        .values("from_stage")[:1]
    )
    return tools.annotate(
        stage_then=Coalesce(
            Subquery(last_before), Subquery(first_after), F("stage"), output_field=CharField()
        )
    )


def capitalised_tools(scope: Scope) -> QuerySet[IncentiveTool]:
    return _with_stage_then(tools_of(scope), scope).filter(stage_then=PilotStage.CAPITALISED)


def count_capitalised(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    per_country = dict(
        _with_stage_then(tools_of(scope), scope)
        .order_by()
        .values("country_id")
        .annotate(n=Count("pk", filter=Q(stage_then=PilotStage.CAPITALISED)))
        .values_list("country_id", "n")
    )
    parts = _named_parts(per_country, Country, keep=scope.country_ids)
    if not parts:
        return Result(value=None, explanation=_("No country has an incentive tool to count."))
    lowest = min(parts, key=lambda part: (part.value, part.label))
    breakdowns = []
    for dimension in dimensions:
        if dimension == "tool_country":
            note = _("The figure is the lowest of these counts.")
            breakdowns.append(Breakdown(dimension, parts, note=note))
        elif dimension == "tool_kind":
            counts = dict(
                capitalised_tools(scope)
                .order_by()
                .values("kind")
                .annotate(n=Count("pk"))
                .values_list("kind", "n")
            )
            breakdowns.append(Breakdown(dimension, choice_parts(counts, ToolKind)))
    return Result(
        value=lowest.value,
        breakdowns=breakdowns,
        explanation=_(
            "The lowest count among the %(countries)s countries: %(count)s tools capitalised "
            "in %(country)s."
        )
        % {"countries": len(parts), "count": lowest.value, "country": lowest.label},
    )


def tool_records(scope: Scope, dimension: str = "", key: str = "") -> QuerySet[IncentiveTool]:
    tools = capitalised_tools(scope)
    if dimension == "tool_country":
        tools = tools.filter(country_id=_key(key))
    elif dimension == "tool_kind":
        tools = tools.filter(kind=key)
    return tools.select_related("country", "region", "space").order_by(
        "country__name_fr", "title", "pk"
    )


# Expressions of interest committed ---------------------------------------------------------

INTEREST_DIMENSIONS = {
    "region": ("opportunity__region_id", Region),
    "country": ("investor__country_of_residence_id", Country),
    "sector": ("opportunity__sector_id", Sector),
}


def interests_counted(scope: Scope) -> QuerySet[ExpressionOfInterest]:
    committed = InterestStatusChange.objects.filter(
        interest_id=OuterRef("pk"),
        to_status=InterestStatus.COMMITTED,
        **scope.during_dates("date"),
    )
    return (
        ExpressionOfInterest.objects.filter(opportunity__space_id__in=scope.space_ids)
        .filter(Exists(committed))
        .exclude(status=InterestStatus.DECLINED)
    )


def count_interests(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    interests = interests_counted(scope)
    breakdowns = []
    for dimension in dimensions:
        field, model = INTEREST_DIMENSIONS[dimension]
        counts = dict(
            interests.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
        )
        breakdowns.append(Breakdown(dimension, _named_parts(counts, model)))
    return Result(value=interests.count(), breakdowns=breakdowns)


def interest_records(
    scope: Scope, dimension: str = "", key: str = ""
) -> QuerySet[ExpressionOfInterest]:
    interests = interests_counted(scope)
    if dimension in INTEREST_DIMENSIONS:
        interests = interests.filter(**{INTEREST_DIMENSIONS[dimension][0]: _key(key)})
    return interests.select_related(
        "opportunity__region",
        "opportunity__sector",
        "opportunity__space",
        "investor__country_of_residence",
    ).order_by("opportunity__title", "investor__name", "pk")


# Amounts mobilised -------------------------------------------------------------------------


def amounts_of(scope: Scope) -> QuerySet[MobilisedAmount]:
    return MobilisedAmount.objects.filter(
        tool__space_id__in=scope.space_ids, **scope.during_dates("date")
    )


def sum_amounts(scope: Scope, dimensions: tuple[str, ...]) -> Result:
    # Amounts of the same currency and date share a rate: added up first, they are converted
    # once, so that the rows read stay few however many amounts were recorded.
    rows = (
        amounts_of(scope)
        .order_by()
        .values("currency", "date", "tool__country_id", "source")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    book = RateBook()
    converted_rows, unconverted, left_out = [], defaultdict(Decimal), 0
    for row in rows:
        if book.rate(row["currency"], row["date"]) is None:
            unconverted[(row["currency"], row["date"])] += row["total"]
            left_out += row["n"]
        else:
            converted_rows.append(row)

    def total(selected) -> Decimal:
        return total_of([(r["total"], r["currency"], r["date"]) for r in selected], book).converted

    breakdowns = []
    for dimension in dimensions:
        if dimension == "tool_country":
            by_country = defaultdict(list)
            for row in converted_rows:
                by_country[row["tool__country_id"]].append(row)
            counts = {pk: total(group) for pk, group in by_country.items()}
            breakdowns.append(Breakdown(dimension, _named_parts(counts, Country)))
        elif dimension == "source":
            by_source = defaultdict(list)
            for row in converted_rows:
                by_source[row["source"] or UNKNOWN].append(row)
            parts = sorted(
                (
                    Part(source, source if source != UNKNOWN else _("Not recorded"), total(group))
                    for source, group in by_source.items()
                ),
                key=lambda part: (-part.value, part.label),
            )
            breakdowns.append(Breakdown(dimension, parts))
    return Result(
        value=total(converted_rows),
        breakdowns=breakdowns,
        unknown=left_out,
        unknown_label=_("amounts with no exchange rate for their date, listed apart"),
        unconverted=[
            (currency, amount, day) for (currency, day), amount in sorted(unconverted.items())
        ],
    )


def amount_records(scope: Scope, dimension: str = "", key: str = "") -> QuerySet[MobilisedAmount]:
    amounts = amounts_of(scope)
    if dimension == "tool_country":
        amounts = amounts.filter(tool__country_id=_key(key))
    elif dimension == "source":
        amounts = amounts.filter(source="" if key == UNKNOWN else key)
    return amounts.select_related("tool__country", "tool__space").order_by("date", "pk")


register(
    Rule(
        key="tools_capitalised_per_country",
        label=gettext_lazy("Incentive tools capitalised per country"),
        unit=Unit.NUMBER,
        dimensions=("tool_country", "tool_kind"),
        compute=count_capitalised,
        records=tool_records,
        records_kind="tools",
        description=gettext_lazy(
            "Tools piloted, analysed and capitalised by the end of the period, counted per "
            "country; the figure is that of the country with the fewest."
        ),
    )
)
register(
    Rule(
        key="interests_committed",
        label=gettext_lazy("Expressions of interest that became commitments"),
        unit=Unit.NUMBER,
        dimensions=tuple(INTEREST_DIMENSIONS),
        compute=count_interests,
        records=interest_records,
        records_kind="interests",
        description=gettext_lazy(
            "Expressions of interest that reached “committed” in the period and were not "
            "declined since."
        ),
    )
)
register(
    Rule(
        key="amounts_mobilised",
        label=gettext_lazy("Amounts mobilised by the incentive tools"),
        unit=Unit.AMOUNT,
        dimensions=("tool_country", "source"),
        compute=sum_amounts,
        records=amount_records,
        records_kind="amounts",
        description=gettext_lazy(
            "Each amount converted with the exchange rate in force on its date; amounts with no "
            "rate are listed apart."
        ),
    )
)
