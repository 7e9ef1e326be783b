from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent


def audit_events() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "content_type")


def history_of(obj: models.Model) -> QuerySet[AuditEvent]:
    """Every recorded change to one record, newest first, for its page."""
    return audit_events().filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def attach_record_urls(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Set `record_url` on each event whose record still exists and has a page.

    One query per record type on the page, whatever the number of events; related rows that
    the records' URLs need (a membership's space...) come in the same query.
    """
    events = list(events)
    wanted: dict[ContentType, set] = defaultdict(set)
    for event in events:
        event.record_url = ""
        if event.content_type_id and event.object_id:
            wanted[event.content_type].add(event.object_id)
    found: dict[tuple[int, str], models.Model] = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        pks = [_pk_or_none(model, value) for value in ids]
        records = model._base_manager.select_related().filter(
            pk__in=[pk for pk in pks if pk is not None]
        )
        for record in records:
            found[(content_type.pk, str(record.pk))] = record
    for event in events:
        record = found.get((event.content_type_id, event.object_id))
        if record is not None:
            event.record_url = record.get_absolute_url()
    return events


def _pk_or_none(model, value: str):
    try:
        return model._meta.pk.to_python(value)
    except ValidationError:  # a malformed id only means there is nothing to link to
        return None
