"""Investor profiles of the diaspora and their expressions of interest in opportunities.

A profile is its owner's: what they bring (money within a ticket, and skills), where and in
what. Its contact details reach a promoter or an officer only with the investor's consent: given
on the profile for officers, or with an expression of interest for that opportunity's promoter.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import amount_field, currency_field
from palabre.directory.models import Organisation, e164
from palabre.territories.models import Country, Region, Sector

from .opportunities import Opportunity
from .reference import SupportKind


class InvestorKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ASSOCIATION = "association", _("Association")
    COMPANY = "company", _("Company")


class InvestorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="investor_profile",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=InvestorKind.choices)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Yours, or your association's or company's.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="investor_profiles",
        verbose_name=_("organisation in the directory"),
    )
    country_of_residence = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="investor_profiles",
        verbose_name=_("country of residence"),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="investor_profiles", verbose_name=_("sectors")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="investor_profiles", verbose_name=_("regions of interest")
    )
    ticket_min = amount_field(_("ticket from"))
    ticket_max = amount_field(_("ticket up to"))
    currency = currency_field()
    support_offered = models.ManyToManyField(
        SupportKind,
        blank=True,
        related_name="investor_profiles",
        verbose_name=_("what you offer"),
        help_text=_("Not only money: mentoring, expertise missions, networks..."),
    )
    skills = models.TextField(
        _("skills and experience"),
        blank=True,
        help_text=_("For example: 15 years in food processing in Lyon."),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(
        _("contact phone"), max_length=16, blank=True, validators=[e164]
    )
    share_contact_with_officers = models.BooleanField(
        _("the regions' investment officers may see my contact details"), default=False
    )
    digest_opt_in = models.BooleanField(
        _("send me new opportunities that match my profile by e-mail"), default=False
    )
    digest_sent_until = models.DateTimeField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive profile is left out of matching.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("investor profile")
        verbose_name_plural = _("investor profiles")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ticket_max__isnull=True)
                | models.Q(ticket_min__isnull=True)
                | models.Q(ticket_max__gte=models.F("ticket_min")),
                name="investor_ticket_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("investment:investor", args=[self.pk])

    def clean(self):
        if (
            self.ticket_min is not None
            and self.ticket_max is not None
            and self.ticket_max < self.ticket_min
        ):
            raise ValidationError(
                {"ticket_max": _("The upper end of the ticket cannot be below its lower end.")}
            )


class InterestStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_CONTACT = "in_contact", _("In contact")
    MEETING_HELD = "meeting_held", _("Meeting held")
    COMMITTED = "committed", _("Committed")
    DECLINED = "declined", _("Declined")


class ExpressionOfInterest(models.Model):
    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.PROTECT,
        related_name="interests",
        verbose_name=_("opportunity"),
    )
    investor = models.ForeignKey(
        InvestorProfile,
        on_delete=models.PROTECT,
        related_name="interests",
        verbose_name=_("investor"),
    )
    message = models.TextField(_("message"))
    amount_considered = amount_field(_("amount considered"))
    currency = currency_field()
    support_offered = models.ManyToManyField(
        SupportKind, blank=True, related_name="+", verbose_name=_("support offered")
    )
    share_contact = models.BooleanField(
        _("share my contact details with the promoter and the investment officers"),
        default=True,
    )
    status = models.CharField(
        _("status"), max_length=14, choices=InterestStatus.choices, default=InterestStatus.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status since"), default=timezone.now)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "investor"],
                name="one_interest_per_investor_and_opportunity",
                violation_error_message=_(
                    "You have already expressed an interest in this opportunity."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.investor} → {self.opportunity}"

    def get_absolute_url(self) -> str:
        return reverse("investment:interest", args=[self.pk])


class InterestStatusChange(models.Model):
    """Each step of an expression of interest, dated, with who moved it and a note."""

    interest = models.ForeignKey(
        ExpressionOfInterest,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("expression of interest"),
    )
    from_status = models.CharField(
        _("from"), max_length=14, choices=InterestStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=14, choices=InterestStatus.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("recorded on"), auto_now_add=True)

    class Meta:
        verbose_name = _("change of status")
        verbose_name_plural = _("changes of status")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.interest}: {self.to_status} ({self.date})"
