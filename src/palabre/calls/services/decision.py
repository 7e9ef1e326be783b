"""Deciding a call: once the technical scoring is closed, the evaluation report is issued
(PDF and Word, archived with their checksums) and every applicant is told their own result —
their scores, their rank or why their offer was not eligible — and nobody else's.

All or nothing: if the report cannot be issued or an applicant cannot be notified, the call
stays where it was.
"""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.audit.services import audit_record
from palabre.documents.services import DocumentFormat, issue_document
from palabre.notifications.services import notify

from ..models import Call, CallStatus
from ..selectors.decision import report_context
from ..services.ranking import RankedSubmission
from .states import call_transition

REPORT_KIND = "evaluation_report"
REPORT_TEMPLATE = "calls/decision/report.html"


def report_document(call: Call) -> dict:
    """What `issue_document` / `document_response` need for the call's evaluation report."""
    return {
        "subject": call,
        "kind": REPORT_KIND,
        "title": _("Evaluation report — %(reference)s") % {"reference": call.reference},
        "template_name": REPORT_TEMPLATE,
        "context": report_context(call),
        "space": call.space,
    }


def _number(value) -> str:
    return formats.number_format(value, decimal_pos=2)


def _result_text(line: RankedSubmission | None, submission, out_of: int):
    """The applicant's own result, written in their language when the notification is sent."""

    def text(recipient) -> str:
        if line is None:
            return _("Your offer was not eligible: %(reason)s\nThank you for your interest.") % {
                "reason": submission.ineligibility_reason or _("no reason was recorded.")
            }
        lines = [
            _("Your offer ranks %(rank)s of %(count)s.") % {"rank": line.rank, "count": out_of},
            "",
        ]
        for result in line.results:
            if result.mean is None:
                continue
            lines.append(
                _("%(criterion)s: mean score %(mean)s / 100, %(points)s points")
                % {
                    "criterion": result.criterion.name,
                    "mean": _number(result.mean),
                    "points": _number(result.points),
                }
            )
        lines.append(_("Technical score: %(points)s points") % {"points": _number(line.technical)})
        if any(result.mean is None for result in line.results):
            lines.append(_("Price: %(points)s points") % {"points": _number(line.price_points)})
        lines.append(_("Total: %(total)s / 100") % {"total": _number(line.total)})
        return "\n".join(lines)

    return text


@transaction.atomic
def decide(*, call: Call, actor, now=None) -> Call:
    """Move the call to decided, issue its report and notify each applicant of their result."""
    now = now or timezone.now()
    call = call_transition(call=call, status=CallStatus.DECIDED, actor=actor, now=now)
    call.results_on = timezone.localdate(now)
    call.save(update_fields=["results_on"])
    document = report_document(call)
    issued = [
        issue_document(**document, fmt=fmt, issued_by=actor, approved_by=actor, approved_at=now)
        for fmt in DocumentFormat.values
    ]
    ranked = document["context"]["ranked"]
    lines = {line.submission.pk: line for line in ranked}
    subject = format_lazy(gettext_lazy("Result of the call {reference}"), reference=call.reference)
    for submission in document["context"]["received"]:
        notify(
            recipients=[submission.applicant],
            subject=subject,
            body=_result_text(lines.get(submission.pk), submission, len(ranked)),
            url=call.get_absolute_url(),
            kind="calls.result",
        )
    audit_record(
        actor=actor,
        action="calls.decide",
        target=call,
        changes={"report": [None, [d.sha256 for d in issued]]},
        note=call.reference,
    )
    return call
