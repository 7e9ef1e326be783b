"""Forms of the programme part: a new exchange rate, and the filter of the rates' list."""

from decimal import Decimal

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.core.currencies import CURRENCY_CHOICES

from ..services.rates import reporting_currency


def _foreign_currencies():
    return [(code, label) for code, label in CURRENCY_CHOICES if code != reporting_currency()]


class RateForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=_foreign_currencies)
    valid_from = forms.DateField(
        label=_("Valid from"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Amounts dated from this day on are converted with this rate."),
    )
    rate = forms.DecimalField(
        label=_("Rate"),
        max_digits=18,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        help_text=_("Units of the reporting currency for one unit of this currency."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("For example: BCEAO, 2026-01-02."),
    )


class RateFilter(django_filters.FilterSet):
    currency = django_filters.ChoiceFilter(
        label=_("Currency"), choices=_foreign_currencies, empty_label=_("Any currency")
    )
