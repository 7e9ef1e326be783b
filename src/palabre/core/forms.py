"""Form pieces shared by every app."""

from decimal import Decimal

from django import forms


class AmountInput(forms.NumberInput):
    """Shows a stored 5000000.00 as 5000000: most amounts here are in francs CFA, which have no
    cents, and a number full of zeros is easy to misread by a factor of a hundred."""

    def format_value(self, value):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        return super().format_value(value)
