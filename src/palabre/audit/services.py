"""The one audit mechanism: services call `audit_record` when they change a record that counts."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def field_changes(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value differs, as strings for the log."""
    return {
        name: [_printable(before.get(name)), _printable(value)]
        for name, value in after.items()
        if before.get(name) != value
    }


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of an instance, to compare before and after a change."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: getattr(instance, name) for name in names}


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:250] if target is not None else "",
        changes=changes or {},
        note=note[:300],
    )


def _printable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
