"""Logframe indicators in the permission table's world.

- `{indicator}`: code of a public indicator of `{space}` computed from the participation
  ledger, broken down by gender; `{members_indicator}` and `{restricted_indicator}`: the same,
  shown to members only and restricted;
- `{entered_indicator}`: code of a public indicator of `{space}` entered by hand, with a value
  for the period `{indicator_period}` whose evidence is a PDF (it cannot be deleted);
- `{deletable_indicator}`: code of an indicator of `{space}` entered by hand with no value;
- `{private_indicator}`: code of a computed indicator of `{private_space}`.
"""

import datetime

from django.core.files.base import ContentFile

from palabre.indicators.models import Indicator, IndicatorValue, Level, Method, Unit
from palabre.spaces.models import Visibility

NAMESPACES = {"indicators"}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

INDICATOR_FORM = {
    "title": "Participants aux forums de la diaspora",
    "level": "output",
    "method": "computed",
    "rule": "unique_participants",
    "unit": "number",
    "baseline": "0",
    "comparison": "at_least",
    "target": "300",
    "frequency": "semester",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "order": "1",
    "visibility": "public",
}

PAYLOADS = {
    "indicators:create": {**INDICATOR_FORM, "code": "R9.1"},
    "indicators:edit": {**INDICATOR_FORM, "code": "R1.1"},
    "indicators:delete": {},
    "indicators:value": {"period": "{indicator_period}", "value": "72", "source": "Enquête"},
}

PERIOD = "2026-S1"


def _indicator(space, code: str, **fields) -> Indicator:
    values = {
        "title": f"Indicateur {code}",
        "level": Level.OUTPUT,
        "unit": Unit.NUMBER,
        "method": Method.COMPUTED,
        "rule": "unique_participants",
        "target": 500,
        "start_date": datetime.date(2026, 1, 1),
        "end_date": datetime.date(2027, 12, 31),
        "dimensions": ["gender"],
        **fields,
    }
    return Indicator.objects.create(space=space, code=code, **values)


def placeholders(*, space, private_space, users, base) -> dict:
    entered_fields = {"method": Method.ENTERED, "rule": "", "dimensions": []}
    entered = _indicator(space, "R4.1", **entered_fields)
    value = IndicatorValue(
        indicator=entered,
        period=PERIOD,
        value=70,
        source="Enquête",
        recorded_by=users["secretariat"],
    )
    value.evidence.save("enquete.pdf", ContentFile(PDF))
    return {
        "indicator": _indicator(space, "R1.1").code,
        "members_indicator": _indicator(space, "R1.2", visibility=Visibility.MEMBERS).code,
        "restricted_indicator": _indicator(space, "R1.3", visibility=Visibility.RESTRICTED).code,
        "entered_indicator": entered.code,
        "indicator_period": PERIOD,
        "deletable_indicator": _indicator(space, "R4.2", **entered_fields).code,
        "private_indicator": _indicator(private_space, "P1.1").code,
    }
