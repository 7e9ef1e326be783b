"""Totals of amounts in several currencies: each amount is converted with the rate in force on
its own date; what has no rate is listed apart, never guessed."""

import datetime
from decimal import Decimal

import pytest

from palabre.investment.services.rates import RateBook, total_of
from tests.investment.factories import (
    ExchangeRateFactory,
    IncentiveToolFactory,
    MobilisedAmountFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rates(settings):
    settings.PALABRE_REPORTING_CURRENCY = "XOF"
    ExchangeRateFactory(currency="EUR", valid_from=D(2025, 1, 1), rate=Decimal("655.957"))
    ExchangeRateFactory(currency="MAD", valid_from=D(2026, 1, 1), rate=Decimal("60"))
    ExchangeRateFactory(currency="MAD", valid_from=D(2026, 7, 1), rate=Decimal("62.5"))
    ExchangeRateFactory(currency="USD", valid_from=D(2026, 6, 1), rate=Decimal("580"))


def test_total_uses_the_rate_in_force_on_each_amounts_date(rates):
    tool = IncentiveToolFactory()
    for amount, currency, on in [
        ("1000000", "XOF", D(2026, 2, 1)),
        ("1000", "EUR", D(2026, 3, 15)),
        ("10000", "MAD", D(2026, 3, 15)),  # the January rate: 60
        ("10000", "MAD", D(2026, 7, 1)),  # the July rate from its first day: 62.5
        ("2000", "USD", D(2026, 5, 31)),  # before the first USD rate
    ]:
        MobilisedAmountFactory(tool=tool, amount=Decimal(amount), currency=currency, date=on)

    total = total_of(tool.amounts.all())

    # By hand: 1,000,000 + 1,000 × 655.957 + 10,000 × 60 + 10,000 × 62.5
    #        = 1,000,000 + 655,957 + 600,000 + 625,000 = 2,880,957 XOF; the dollars stay apart.
    assert total.currency == "XOF"
    assert total.converted == Decimal("2880957.00")
    assert total.unconverted == {"USD": Decimal("2000")}
    assert not total.is_complete
    assert total.by_currency["MAD"] == Decimal("20000")


def test_a_rate_entered_later_does_not_change_earlier_totals(rates):
    book = RateBook()
    assert book.convert(Decimal("100"), "MAD", D(2026, 6, 30)) == Decimal("6000.00")
    ExchangeRateFactory(currency="MAD", valid_from=D(2026, 10, 1), rate=Decimal("70"))
    book = RateBook()
    assert book.convert(Decimal("100"), "MAD", D(2026, 6, 30)) == Decimal("6000.00")
    assert book.convert(Decimal("100"), "MAD", D(2026, 10, 1)) == Decimal("7000.00")


def test_the_reporting_currency_needs_no_rate(settings):
    settings.PALABRE_REPORTING_CURRENCY = "EUR"
    ExchangeRateFactory(currency="XOF", valid_from=D(2025, 1, 1), rate=Decimal("0.001524"))
    total = total_of(
        [(Decimal("250"), "EUR", D(2026, 1, 1)), (Decimal("1000000"), "XOF", D(2026, 1, 1))]
    )
    assert total.converted == Decimal("1774.00")  # 250 + 1,000,000 × 0.001524
    assert total.is_complete
