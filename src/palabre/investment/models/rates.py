from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import CURRENCY_CHOICES


class ExchangeRate(models.Model):
    """How many units of the reporting currency (settings.PALABRE_REPORTING_CURRENCY) one unit
    of `currency` is worth from `valid_from` until the next rate of that currency.

    An amount is converted with the rate in force on the amount's own date, so that totals do
    not change when a new rate is entered for a later period.
    """

    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    valid_from = models.DateField(_("valid from"))
    rate = models.DecimalField(
        _("rate"),
        max_digits=18,
        decimal_places=6,
        validators=[MinValueValidator(0)],
        help_text=_("Units of the reporting currency for one unit of this currency."),
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("For example: BCEAO, 2026-01-02.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "valid_from"],
                name="exchange_rate_one_per_currency_and_date",
                violation_error_message=_("This currency already has a rate from this date."),
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.valid_from}: {self.rate}"
