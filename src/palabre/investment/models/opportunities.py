"""Investment opportunities a region publishes for the diaspora."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.core.currencies import amount_field, currency_field
from palabre.directory.models import Organisation
from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Region, Sector

from .reference import SupportKind


class OpportunityStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("opportunity", "Open")
    IN_DISCUSSION = "in_discussion", pgettext_lazy("opportunity", "In discussion")
    FUNDED = "funded", pgettext_lazy("opportunity", "Funded")
    CLOSED = "closed", pgettext_lazy("opportunity", "Closed")


# Investors may still express an interest in these.
ACCEPTING_INTEREST = frozenset({OpportunityStatus.OPEN, OpportunityStatus.IN_DISCUSSION})


class Opportunity(models.Model):
    space = models.ForeignKey(
        Space,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("space"),
        help_text=_("The space whose investment officers publish and follow the opportunity."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("region")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("sector")
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Town, village or zone.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in the catalogue.")
    )
    description = models.TextField(_("description"))
    amount_min = amount_field(_("investment from"), optional=False)
    amount_max = amount_field(_("investment up to"), optional=False)
    currency = currency_field()
    jobs_expected = models.PositiveIntegerField(_("jobs expected"), default=0)
    support_sought = models.ManyToManyField(
        SupportKind,
        blank=True,
        related_name="opportunities",
        verbose_name=_("support sought"),
        help_text=_("Besides money: mentoring, expertise missions, networks..."),
    )
    promoter_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("promoter"),
    )
    promoter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promoted_opportunities",
        verbose_name=_("promoter's account"),
        help_text=_("The promoter's account follows the expressions of interest too."),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.OPEN,
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("investment opportunity")
        verbose_name_plural = _("investment opportunities")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "visibility"], name="opportunity_catalogue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_max__gte=models.F("amount_min")),
                name="opportunity_range_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("investment:opportunity", args=[self.pk])

    def clean(self):
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_max < self.amount_min
        ):
            raise ValidationError(
                {"amount_max": _("The upper end of the range cannot be below its lower end.")}
            )

    @property
    def accepts_interest(self) -> bool:
        return self.status in ACCEPTING_INTEREST


def opportunity_document_path(document: "OpportunityDocument", filename: str) -> str:
    return f"investment/opportunities/{document.opportunity_id}/{filename}"


class OpportunityDocument(models.Model):
    """A business plan, a feasibility study, photos: checked by content like every upload."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("opportunity"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=opportunity_document_path)
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of an opportunity")
        verbose_name_plural = _("documents of opportunities")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
