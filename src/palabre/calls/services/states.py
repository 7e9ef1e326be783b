"""The life of a call: draft → published → technical scoring closed → decided.

- Publishing needs a grid whose weights make 100 %, at least one required document and a
  deadline still ahead.
- Closing the technical scoring needs the deadline passed and every evaluator to have declared
  no conflict of interest and submitted their scores; only then do the financial offers open
  (and the ranking with them).
- Deciding needs the technical scoring closed; it is where the report is issued and the
  applicants told (see services/decision.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record

from ..models import Call, CallStatus
from .grid import grid_check

TRANSITIONS = {
    CallStatus.DRAFT: {CallStatus.PUBLISHED},
    CallStatus.PUBLISHED: {CallStatus.SCORING_CLOSED},
    CallStatus.SCORING_CLOSED: {CallStatus.DECIDED},
    CallStatus.DECIDED: set(),
}


def missing_for(call: Call, status: str, now=None) -> list[str]:
    """What the call lacks to move to `status`; empty when it may."""
    now = now or timezone.now()
    missing = []
    if status == CallStatus.PUBLISHED:
        try:
            grid_check(call.criteria.all())
        except ValidationError as error:
            missing.extend(error.messages)
        if not call.required_documents.exists():
            missing.append(_("The call asks for no document."))
        if call.closes_at <= now:
            missing.append(_("Its deadline has already passed."))
    elif status == CallStatus.SCORING_CLOSED:
        if now < call.closes_at:
            missing.append(_("The deadline has not passed yet."))
        evaluators = list(call.evaluators.select_related("user"))
        if not evaluators:
            missing.append(_("The call has no evaluator."))
        pending = [e for e in evaluators if e.submitted_at is None]
        if pending:
            missing.append(
                _("Still to submit their scores: %(names)s.")
                % {"names": ", ".join(str(e.user) for e in pending)}
            )
    return missing


@transaction.atomic
def call_transition(*, call: Call, status: str, actor, now=None) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if status not in TRANSITIONS[CallStatus(call.status)]:
        raise ValidationError(
            _("A call cannot go from “%(current)s” to “%(status)s”.")
            % {"current": call.get_status_display(), "status": CallStatus(status).label},
            code="call_transition",
        )
    missing = missing_for(call, status, now=now)
    if missing:
        raise ValidationError(missing, code="call_requirements")
    previous = call.status
    call.status = status
    fields = ["status"]
    if status == CallStatus.SCORING_CLOSED:
        call.technical_closed_at = now or timezone.now()
        fields.append("technical_closed_at")
    if status == CallStatus.PUBLISHED and call.published_on is None:
        call.published_on = timezone.localdate()
        fields.append("published_on")
    call.save(update_fields=fields)
    audit_record(
        actor=actor, action="calls.transition", target=call, changes={"status": [previous, status]}
    )
    return call
