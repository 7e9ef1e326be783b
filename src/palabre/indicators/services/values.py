"""Values entered by hand: one per indicator and period; a second entry for the same period
replaces the first, and the audit keeps what it replaced."""

import os
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.core.uploads import check_upload

from ..models import Indicator, IndicatorValue, Unit
from ..periods import Period, periods_between


def periods_of(indicator: Indicator) -> list[Period]:
    return periods_between(indicator.start_date, indicator.end_date, indicator.frequency)


def _text(value) -> str:
    """As stored (two decimals), whether the value was read back or just typed."""
    return str(Decimal(value).quantize(Decimal("0.01")))


def evidence_check(upload) -> None:
    check_upload(
        upload,
        field="evidence",
        refused=_(
            "The evidence must be a PDF, an image (JPEG, PNG or WebP), a Word document (DOCX) "
            "or a spreadsheet (XLSX)."
        ),
    )


def value_enter(
    *,
    indicator: Indicator,
    actor,
    period: str,
    value: Decimal,
    source: str,
    evidence=None,
    note: str = "",
) -> IndicatorValue:
    if indicator.is_computed:
        raise ValidationError(_("This indicator is computed from the data: no value is entered."))
    if period not in {step.code for step in periods_of(indicator)}:
        raise ValidationError(
            {"period": _("Choose one of the reporting periods of the indicator.")}
        )
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": _("Say where this value comes from.")})
    if value is None:
        raise ValidationError({"value": _("Enter the value.")})
    if indicator.unit == Unit.PERCENT and not 0 <= value <= 100:
        raise ValidationError({"value": _("A percentage lies between 0 and 100.")})
    if evidence:
        evidence_check(evidence)
    with transaction.atomic():
        entry = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, period=period)
            .first()
        )
        previous = None
        if entry is None:
            entry = IndicatorValue(indicator=indicator, period=period)
        else:
            previous = {"value": _text(entry.value), "source": entry.source}
        entry.value, entry.source, entry.note, entry.recorded_by = value, source, note, actor
        entry.full_clean(exclude=["evidence", "indicator"], validate_unique=False)
        if evidence:
            entry.evidence.save(os.path.basename(evidence.name), evidence, save=False)
        entry.save()
        changes = {"value": [previous["value"] if previous else None, _text(entry.value)]}
        if previous and previous["source"] != source:
            changes["source"] = [previous["source"], source]
        audit_record(
            actor=actor,
            action="indicator.value",
            target=indicator,
            changes=changes,
            note=f"{period}: {source}",
        )
    return entry
