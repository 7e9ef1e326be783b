"""Adding up amounts given in several currencies.

Each amount is converted into the reporting currency with the rate in force on its own date
(the latest rate of its currency dated on or before it). An amount whose currency has no rate
yet for its date is not guessed: it is left out of the converted total and listed, in its own
currency, as unconverted, so that a total never hides what it could not count.
"""

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from ..models import ExchangeRate


def reporting_currency() -> str:
    return settings.PALABRE_REPORTING_CURRENCY


class RateBook:
    """Every rate, loaded once (one query), to convert many amounts."""

    def __init__(self, rates=None):
        self._dates: dict[str, list[date]] = defaultdict(list)
        self._rates: dict[str, list[Decimal]] = defaultdict(list)
        rows = (
            rates if rates is not None else ExchangeRate.objects.order_by("currency", "valid_from")
        )
        for rate in sorted(rows, key=lambda r: (r.currency, r.valid_from)):
            self._dates[rate.currency].append(rate.valid_from)
            self._rates[rate.currency].append(rate.rate)
        self.currency = reporting_currency()

    def rate(self, currency: str, on: date) -> Decimal | None:
        if currency == self.currency:
            return Decimal(1)
        index = bisect.bisect_right(self._dates.get(currency, []), on)
        return self._rates[currency][index - 1] if index else None

    def convert(self, amount: Decimal, currency: str, on: date) -> Decimal | None:
        rate = self.rate(currency, on)
        if rate is None:
            return None
        return (Decimal(amount) * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Total:
    currency: str
    converted: Decimal = Decimal(0)
    # Per currency, what could be converted (as given) and what could not.
    by_currency: dict[str, Decimal] = field(default_factory=dict)
    unconverted: dict[str, Decimal] = field(default_factory=dict)

    @property
    def is_complete(self) -> bool:
        return not self.unconverted


def total_of(amounts, book: RateBook | None = None) -> Total:
    """`amounts`: objects (or tuples) with an amount, a currency and a date."""
    book = book or RateBook()
    total = Total(currency=book.currency)
    for item in amounts:
        amount, currency, on = (
            item if isinstance(item, tuple) else (item.amount, item.currency, item.date)
        )
        total.by_currency[currency] = total.by_currency.get(currency, Decimal(0)) + amount
        converted = book.convert(amount, currency, on)
        if converted is None:
            total.unconverted[currency] = total.unconverted.get(currency, Decimal(0)) + amount
        else:
            total.converted += converted
    return total
