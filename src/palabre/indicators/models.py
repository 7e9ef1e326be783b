"""Logframe indicators: what the programme promised to measure, and the values entered by hand.

A computed indicator has no stored value: its rule counts the records each time (see
`computations`), so a figure can always be opened down to what it counts. An entered indicator
has one value per reporting period, with its source and evidence.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Country


class Level(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class Unit(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENT = "percent", _("Percentage")
    AMOUNT = "amount", _("Amount in the reporting currency")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    EXACTLY = "exactly", _("exactly")


class Method(models.TextChoices):
    COMPUTED = "computed", _("Computed from the data")
    ENTERED = "entered", _("Entered by hand")


class Frequency(models.TextChoices):
    QUARTER = "quarter", _("Every quarter")
    SEMESTER = "semester", _("Every six months")
    YEAR = "year", _("Every year")


class Indicator(models.Model):
    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name=_("space"),
        help_text=_("Its figures count the records of this space and of the spaces under it."),
    )
    code = models.CharField(
        _("code"), max_length=20, help_text=_("As in the logframe, for instance R1.2.")
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("definition"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    rule = models.CharField(
        _("computation rule"),
        max_length=40,
        blank=True,
        help_text=_("For a computed indicator: which records it counts, and how."),
    )
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="+",
        verbose_name=_("countries measured"),
        help_text=_(
            "For a figure per country: every country listed appears, even with nothing to count."
        ),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, default=0)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    comparison = models.CharField(
        _("target is"), max_length=10, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2)
    frequency = models.CharField(
        _("reporting"), max_length=10, choices=Frequency.choices, default=Frequency.SEMESTER
    )
    start_date = models.DateField(_("measured from"))
    end_date = models.DateField(_("measured until"))
    cumulative = models.BooleanField(
        _("cumulative"),
        default=True,
        help_text=_(
            "Counted from the start of the measure to the end of each period, rather than "
            "within each period only."
        ),
    )
    dimensions = models.JSONField(
        _("disaggregations"),
        default=list,
        blank=True,
        help_text=_("The breakdowns shown beside the figure."),
    )
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["space", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["space", "code"], name="indicator_code_per_space"),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="indicator_period_in_order",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(method="computed", rule__gt="") | models.Q(method="entered", rule="")
                ),
                name="indicator_rule_when_computed",
            ),
            models.CheckConstraint(
                condition=~models.Q(unit="percent")
                | models.Q(target__gte=0, target__lte=100, baseline__gte=0, baseline__lte=100),
                name="indicator_percent_within_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.space.slug, self.code])

    @property
    def is_computed(self) -> bool:
        return self.method == Method.COMPUTED

    def clean(self):
        from .computations import RULES

        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = _("The measure must end after it starts.")
        if self.method == Method.COMPUTED:
            rule = RULES.get(self.rule)
            if rule is None:
                errors["rule"] = _("Choose the rule that computes this indicator.")
            else:
                if self.unit and self.unit != rule.unit:
                    errors["unit"] = _("This rule gives a %(unit)s.") % {
                        "unit": Unit(rule.unit).label.lower()
                    }
                unknown = set(self.dimensions or []) - set(rule.dimensions)
                if unknown:
                    errors["dimensions"] = _(
                        "This rule cannot break its figure down by: %(d)s."
                    ) % {"d": ", ".join(sorted(unknown))}
        elif self.method == Method.ENTERED and self.rule:
            errors["rule"] = _("An indicator entered by hand has no computation rule.")
        if self.unit == Unit.PERCENT:
            for name in ("target", "baseline"):
                value = getattr(self, name)
                if value is not None and not 0 <= value <= 100:
                    errors[name] = _("A percentage lies between 0 and 100.")
        if errors:
            raise ValidationError(errors)

    def is_met(self, value) -> bool | None:
        if value is None:
            return None
        if self.comparison == Comparison.AT_LEAST:
            return value >= self.target
        if self.comparison == Comparison.AT_MOST:
            return value <= self.target
        return value == self.target

    def measure_bounds(self) -> tuple[datetime.date, datetime.date]:
        return self.start_date, self.end_date


def evidence_path(instance, filename: str) -> str:
    return f"indicators/{instance.indicator_id}/{instance.period}/{filename}"


class IndicatorValue(models.Model):
    """A figure entered by hand for one reporting period, with where it comes from."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.CharField(_("period"), max_length=10)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    breakdown = models.JSONField(
        _("breakdown"),
        default=dict,
        blank=True,
        help_text=_("Per disaggregation, the figure of each group, when the source gives it."),
    )
    source = models.CharField(_("source"), max_length=300)
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded on"), auto_now=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"], name="indicator_value_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period}: {self.value}"
