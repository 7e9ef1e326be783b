"""Defining, changing and deleting the indicators of a space, each change audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record

from ..models import Indicator

# What the audit compares (the dates of the record itself are not changes anyone made).
TRACKED = [
    field.name
    for field in Indicator._meta.get_fields()
    if field.concrete and field.name not in ("id", "space", "created_at", "updated_at")
]


def _state(indicator: Indicator) -> dict:
    state = model_to_dict(indicator, fields=TRACKED)
    state["countries"] = sorted(country.pk for country in state.get("countries") or [])
    return {
        name: value if isinstance(value, int | list | bool) else str(value)
        for name, value in state.items()
    }


def indicator_save(*, indicator: Indicator, actor, countries) -> Indicator:
    """Create or update `indicator` (its space already set) with these countries measured."""
    indicator.full_clean()
    creating = indicator.pk is None
    before = {} if creating else _state(Indicator.objects.get(pk=indicator.pk))
    with transaction.atomic():
        indicator.save()
        indicator.countries.set(countries)
        after = _state(Indicator.objects.get(pk=indicator.pk))
        changes = {
            name: [before.get(name), value]
            for name, value in after.items()
            if before.get(name) != value
        }
        audit_record(
            actor=actor,
            action="indicator.create" if creating else "indicator.update",
            target=indicator,
            changes={} if creating else changes,
        )
    return indicator


def indicator_delete(*, indicator: Indicator, actor) -> None:
    """Refused while values are entered: they are a record of what was measured and reported,
    which deleting the indicator would erase."""
    if indicator.values.exists():
        raise ValidationError(
            _(
                "This indicator has values entered for some periods: it cannot be deleted. "
                "Restrict its visibility instead."
            )
        )
    with transaction.atomic():
        audit_record(actor=actor, action="indicator.delete", target=indicator)
        indicator.delete()
