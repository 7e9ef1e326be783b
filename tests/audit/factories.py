"""Audit events for tests, recorded the way services record them."""

import datetime

from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.audit.services import audit_record


def event_on(target, *, actor=None, action="record.change", changes=None, days_ago=0, note=""):
    """An event as `audit_record` writes it, optionally dated in the past."""
    event = audit_record(actor=actor, action=action, target=target, changes=changes, note=note)
    if days_ago:
        event.at = timezone.now() - datetime.timedelta(days=days_ago)
        AuditEvent.objects.filter(pk=event.pk).update(at=event.at)
    return event
