"""Currencies that amounts may be stated in (ISO 4217), for plans' budgets and investments.

The list covers the partner countries, their diasporas' countries of residence and the usual
funders; an administrator converts between them with dated rates where totals are needed.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CURRENCY_CHOICES = [
    ("XOF", _("CFA franc (BCEAO), XOF")),
    ("XAF", _("CFA franc (BEAC), XAF")),
    ("EUR", _("Euro, EUR")),
    ("MAD", _("Moroccan dirham, MAD")),
    ("USD", _("US dollar, USD")),
    ("CAD", _("Canadian dollar, CAD")),
    ("GBP", _("Pound sterling, GBP")),
    ("CHF", _("Swiss franc, CHF")),
    ("GNF", _("Guinean franc, GNF")),
    ("GHS", _("Ghanaian cedi, GHS")),
    ("NGN", _("Nigerian naira, NGN")),
]

DEFAULT_CURRENCY = "XOF"


def amount_field(verbose_name, *, optional: bool = True) -> models.DecimalField:
    """A sum of money: never negative, up to a hundred thousand billion, with cents."""
    return models.DecimalField(
        verbose_name,
        max_digits=16,
        decimal_places=2,
        null=optional,
        blank=optional,
        validators=[MinValueValidator(0)],
    )


def currency_field() -> models.CharField:
    """The currency an amount beside it is stated in."""
    return models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default=DEFAULT_CURRENCY
    )
