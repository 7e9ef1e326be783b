"""Incentive tools: what a country or region pilots to draw the diaspora's investment, from the
idea to the lessons learnt. The stage says how far it went; each stage requires what it means
(see services/stages.py), and every change of stage is recorded."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import amount_field, currency_field
from palabre.directory.models import Organisation
from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Country, Region


class ToolKind(models.TextChoices):
    ONE_STOP_SHOP = "one_stop_shop", _("One-stop shop or diaspora desk")
    GUIDE = "guide", _("Guide to procedures")
    FORUM = "forum", _("Investment forum or diaspora days")
    PROSPECTING_MISSION = "prospecting_mission", _("Prospecting mission")
    MATCHING_FUND = "matching_fund", _("Co-financing or matching fund")
    GUARANTEE_FUND = "guarantee_fund", _("Guarantee or seed fund")
    INCUBATION = "incubation", _("Incubation and coaching")
    PROJECT_BANK = "project_bank", _("Regional project bank")
    SAVINGS_PRODUCT = "savings_product", _("Diaspora savings product or bond")
    OTHER = "other", _("Other")


class PilotStage(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    DESIGNED = "designed", _("Designed")
    PILOTED = "piloted", _("Piloted")
    ANALYSED = "analysed", _("Analysed")
    CAPITALISED = "capitalised", _("Capitalised")


STAGE_ORDER = list(PilotStage.values)


class IncentiveTool(models.Model):
    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="incentive_tools",
        verbose_name=_("space"),
        help_text=_("The space whose secretariat and investment officers keep the tool's record."),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="incentive_tools", verbose_name=_("country")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incentive_tools",
        verbose_name=_("region"),
        help_text=_("Leave empty for a tool of the whole country."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ToolKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="incentive_tools", verbose_name=_("partners")
    )
    budget = amount_field(_("budget"))
    currency = currency_field()
    period_start = models.DateField(_("start of the period"), null=True, blank=True)
    period_end = models.DateField(_("end of the period"), null=True, blank=True)
    stage = models.CharField(
        _("pilot stage"), max_length=12, choices=PilotStage.choices, default=PilotStage.IDENTIFIED
    )
    # Measured results. The two breakdowns (by gender, diaspora or resident) are each part of
    # the same total, and may leave people unknown.
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    women_reached = models.PositiveIntegerField(_("of whom women"), default=0)
    men_reached = models.PositiveIntegerField(_("of whom men"), default=0)
    diaspora_reached = models.PositiveIntegerField(_("of whom diaspora"), default=0)
    residents_reached = models.PositiveIntegerField(_("of whom residents"), default=0)
    projects_supported = models.PositiveIntegerField(_("projects supported"), default=0)
    jobs_expected = models.PositiveIntegerField(_("jobs expected"), default=0)
    results = models.TextField(
        _("results"), blank=True, help_text=_("What the pilot produced, in a few sentences.")
    )
    analysis = models.TextField(
        _("analysis"),
        blank=True,
        help_text=_("What worked, what did not, and why: required to mark the tool analysed."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("incentive tool")
        verbose_name_plural = _("incentive tools")
        ordering = ["country__name_fr", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    women_reached__lte=models.F("people_reached") - models.F("men_reached")
                ),
                name="tool_gender_within_reached",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    diaspora_reached__lte=models.F("people_reached") - models.F("residents_reached")
                ),
                name="tool_origin_within_reached",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="tool_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("investment:tool", args=[self.pk])

    def clean(self):
        errors = {}
        if self.region_id and self.country_id and self.region.country_id != self.country_id:
            errors["region"] = _("This region is not in the tool's country.")
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        if self.women_reached + self.men_reached > self.people_reached:
            errors["women_reached"] = _(
                "Women and men together cannot be more than the people reached."
            )
        if self.diaspora_reached + self.residents_reached > self.people_reached:
            errors["diaspora_reached"] = _(
                "Diaspora and residents together cannot be more than the people reached."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)


class PilotActivity(models.Model):
    """Something the pilot actually did, on a date: a desk's opening, a forum, a mission."""

    tool = models.ForeignKey(
        IncentiveTool, on_delete=models.CASCADE, related_name="activities", verbose_name=_("tool")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot activity")
        verbose_name_plural = _("pilot activities")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} — {self.title}"


class MobilisedAmount(models.Model):
    """Money the tool mobilised, in the currency it came in, on its date (which chooses the
    exchange rate used in totals)."""

    tool = models.ForeignKey(
        IncentiveTool, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("tool")
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    amount = amount_field(_("amount"), optional=False)
    currency = currency_field()
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Who put the money in, or the document that proves it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("amount mobilised")
        verbose_name_plural = _("amounts mobilised")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="mobilised_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} ({self.date})"


class StageChange(models.Model):
    """The record of a tool's stage changes: who, when, from what to what, and why."""

    tool = models.ForeignKey(
        IncentiveTool,
        on_delete=models.CASCADE,
        related_name="stage_changes",
        verbose_name=_("tool"),
    )
    from_stage = models.CharField(_("from"), max_length=12, choices=PilotStage.choices)
    to_stage = models.CharField(_("to"), max_length=12, choices=PilotStage.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("on"), default=timezone.now)

    class Meta:
        verbose_name = _("change of stage")
        verbose_name_plural = _("changes of stage")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.tool}: {self.from_stage} → {self.to_stage}"
