"""Submitting to a call: before the deadline (the server's clock decides, to the second), with
every required document of an allowed type by its content and within its size; the latest
submission of an applicant replaces the previous ones, which are kept but no longer count.

Everything is checked before anything is stored: a refused submission leaves no file and no
row. An offer above the ceiling is accepted (the applicant may not know the ceiling was
exceeded by taxes, say) but flagged ineligible with the reason, and takes no rank.
"""

import hashlib
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from palabre.audit.services import audit_record
from palabre.core.uploads import DOCUMENT_KINDS, check_upload
from palabre.notifications.services import notify

from ..models import Call, CallStatus, RequiredDocument, Submission, SubmissionFile


def deadline_text(call: Call) -> str:
    """The deadline as the call states it: in its own time zone, named."""
    local = timezone.localtime(call.closes_at, zoneinfo.ZoneInfo(call.time_zone))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({call.time_zone})"


def _refuse_outside_window(call: Call, at) -> None:
    if call.status == CallStatus.DRAFT or at < call.opens_at:
        raise ValidationError(_("This call is not open yet."), code="call_not_open")
    if at >= call.closes_at or call.status != CallStatus.PUBLISHED:
        raise ValidationError(
            _(
                "The call closed on %(deadline)s; your submission arrived at %(at)s and cannot "
                "be accepted."
            )
            % {
                "deadline": deadline_text(call),
                "at": formats.date_format(
                    timezone.localtime(at, zoneinfo.ZoneInfo(call.time_zone)), "DATETIME_FORMAT"
                ),
            },
            code="call_closed",
        )


def _check_files(requirements: list[RequiredDocument], files: dict) -> None:
    errors = {}
    for requirement in requirements:
        upload = files.get(requirement.pk)
        field = f"document_{requirement.pk}"
        if upload is None:
            if requirement.is_required:
                errors[field] = _("“%(document)s” is required.") % {"document": requirement.label}
            continue
        kinds = {
            ext: kind for ext, kind in DOCUMENT_KINDS.items() if ext in requirement.extension_list
        }
        try:
            check_upload(upload, kinds=kinds, max_bytes=requirement.max_megabytes * 1024 * 1024)
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)


def _sha256(upload) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def submit(
    *, call: Call, applicant, applicant_name: str, price, files: dict, at=None
) -> Submission:
    """`files`: uploads keyed by the id of the required document they answer."""
    at = at or timezone.now()
    _refuse_outside_window(call, at)
    requirements = list(call.required_documents.all())
    unknown = set(files) - {r.pk for r in requirements}
    if unknown:
        raise ValidationError(_("A file answers no document of this call."), code="unknown_file")
    _check_files(requirements, files)
    checksums = {pk: _sha256(upload) for pk, upload in files.items()}

    with transaction.atomic():
        Call.objects.select_for_update().get(pk=call.pk)  # one submission at a time per call
        call.submissions.filter(applicant=applicant, is_current=True).update(is_current=False)
        over = call.budget_ceiling is not None and price is not None and price > call.budget_ceiling
        receipt = hashlib.sha256(
            "|".join(
                [str(call.pk), str(applicant.pk), at.isoformat(), str(price)]
                + [checksums[pk] for pk in sorted(checksums)]
            ).encode()
        ).hexdigest()
        submission = Submission.objects.create(
            call=call,
            applicant=applicant,
            applicant_name=applicant_name,
            price=price,
            submitted_at=at,
            is_eligible=not over,
            ineligibility_reason=(
                _(
                    "The financial offer (%(price)s %(currency)s) is above the ceiling of "
                    "%(ceiling)s %(currency)s."
                )
                % {
                    "price": formats.number_format(price, 0, force_grouping=True),
                    "ceiling": formats.number_format(call.budget_ceiling, 0, force_grouping=True),
                    "currency": call.currency,
                }
                if over
                else ""
            ),
            receipt_checksum=receipt,
        )
        for pk, upload in files.items():
            SubmissionFile.objects.create(
                submission=submission,
                requirement_id=pk,
                file=upload,
                sha256=checksums[pk],
                size=upload.size,
            )
        audit_record(
            actor=applicant,
            action="calls.submit",
            target=submission,
            changes={"receipt": receipt},
            note=call.reference,
        )
        notify(
            recipients=[applicant],
            subject=format_lazy(
                gettext_lazy("Receipt of your submission to {reference}"), reference=call.reference
            ),
            body=format_lazy(
                gettext_lazy(
                    "Your submission was received. Keep this receipt: its SHA-256 checksum is "
                    "{receipt}. Only your latest submission before the deadline counts."
                ),
                receipt=receipt,
            ),
            kind="calls.receipt",
        )
    return submission
