"""Trainings: the participants' scores before and after, the satisfaction survey, the certificates.

Scores and answers count in the space's reports, so every change is validated here and audited;
certificates are issued and archived by the documents app, once per person and format."""

import io
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response, issue_document

from ..models import Meeting, SatisfactionResponse, TrainingAssessment
from ..selectors_training import (
    RATINGS,
    assessments_by_person,
    chair_of,
    has_attended,
    learning_objectives,
    participants_of,
    training_hours,
)

CENT = Decimal("0.01")


def _check_training(meeting: Meeting) -> None:
    if not meeting.is_training:
        raise ValidationError(_("This meeting is not a training."))
    if meeting.is_cancelled:
        raise ValidationError(_("This training is cancelled."))


def _lock(meeting: Meeting) -> None:
    """One writer at a time per training, so that two answers or score sheets cannot cross."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


def _score(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        score = None
    if score is None or not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError(
            {field: _("A score is a number from 0 to 100, not %(value)s.") % {"value": value}}
        )
    return score.quantize(CENT, rounding=ROUND_HALF_UP)


def _checked_scores(*, person, pre_score, post_score, participant_ids) -> tuple:
    """The two scores as stored, or every problem of this person's line at once."""
    errors, scores = {}, {}
    for field, value in (("pre_score", pre_score), ("post_score", post_score)):
        try:
            scores[field] = _score(value, field)
        except ValidationError as error:
            errors.update(error.error_dict)
    if person.pk not in participant_ids:
        errors["person"] = [
            ValidationError(
                _("%(person)s is neither registered for this training nor on its attendance list.")
                % {"person": person.full_name}
            )
        ]
    if errors:
        raise ValidationError(errors)
    return scores["pre_score"], scores["post_score"]


def _store_scores(*, meeting, person, actor, pre, post, existing) -> tuple:
    """(the assessment, whether it changed); nothing is written or logged when nothing changes."""
    before = {
        "pre_score": existing.pre_score if existing else None,
        "post_score": existing.post_score if existing else None,
    }
    changes = field_changes(before, {"pre_score": pre, "post_score": post})
    if not changes:
        return existing, False
    assessment = existing or TrainingAssessment(meeting=meeting, person=person)
    assessment.pre_score, assessment.post_score = pre, post
    assessment.save()
    audit_record(
        actor=actor, action="assessment.set", target=assessment, changes=changes, note=str(meeting)
    )
    return assessment, True


@transaction.atomic
def assessment_set(
    *, meeting: Meeting, person, actor, pre_score=None, post_score=None
) -> TrainingAssessment | None:
    """Sets a participant's two scores (out of 100); None leaves a score blank, or clears it."""
    _check_training(meeting)
    _lock(meeting)
    participant_ids = set(participants_of(meeting).values_list("pk", flat=True))
    pre, post = _checked_scores(
        person=person, pre_score=pre_score, post_score=post_score, participant_ids=participant_ids
    )
    existing = TrainingAssessment.objects.filter(meeting=meeting, person=person).first()
    assessment, _changed = _store_scores(
        meeting=meeting, person=person, actor=actor, pre=pre, post=post, existing=existing
    )
    return assessment


@transaction.atomic
def assessments_bulk_set(*, meeting: Meeting, actor, rows) -> int:
    """The score sheet: `rows` of {"person", "pre_score", "post_score"}, saved all or nothing.

    A refusal is a ValidationError keyed by the person's id (as a string), so that the sheet shows
    each message on its line. Returns how many people's scores changed."""
    _check_training(meeting)
    _lock(meeting)
    participant_ids = set(participants_of(meeting).values_list("pk", flat=True))
    checked, errors, seen = [], {}, set()
    for row in rows:
        person = row["person"]
        try:
            if person.pk in seen:
                raise ValidationError(
                    _("%(person)s appears twice on the sheet.") % {"person": person.full_name}
                )
            seen.add(person.pk)
            scores = _checked_scores(
                person=person,
                pre_score=row.get("pre_score"),
                post_score=row.get("post_score"),
                participant_ids=participant_ids,
            )
        except ValidationError as error:
            errors[str(person.pk)] = error.messages
        else:
            checked.append((person, *scores))
    if errors:
        raise ValidationError(errors)
    existing = assessments_by_person(meeting)
    changed = 0
    for person, pre, post in checked:
        _assessment, was_changed = _store_scores(
            meeting=meeting,
            person=person,
            actor=actor,
            pre=pre,
            post=post,
            existing=existing.get(person.pk),
        )
        changed += was_changed
    return changed


def _rating(value, field: str) -> int:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({field: _("Choose a rating from 1 to 5.")})
    return rating


@transaction.atomic
def satisfaction_submit(
    *,
    meeting: Meeting,
    respondent,
    actor,
    overall,
    content,
    facilitation,
    organisation,
    would_recommend: bool,
    comments: str = "",
) -> SatisfactionResponse:
    """One answer to the survey: a participant's own (once), or a paper form typed by the
    secretariat (`respondent` None). The survey opens when the training starts."""
    _check_training(meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("The survey opens when the training starts."))
    _lock(meeting)
    if respondent is not None:
        if not has_attended(meeting, respondent):
            raise ValidationError(_("Only people present at the training answer its survey."))
        if SatisfactionResponse.objects.filter(meeting=meeting, respondent=respondent).exists():
            raise ValidationError(
                _("%(person)s has already answered this survey: one answer per participant.")
                % {"person": respondent.full_name}
            )
    errors, ratings = {}, {}
    given = dict(zip(RATINGS, (overall, content, facilitation, organisation), strict=True))
    for field, value in given.items():
        try:
            ratings[field] = _rating(value, field)
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    answer = SatisfactionResponse.objects.create(
        meeting=meeting,
        respondent=respondent,
        would_recommend=bool(would_recommend),
        comments=(comments or "").strip(),
        **ratings,
    )
    # The meeting is the target, and the ratings stay out of the log: answers are anonymous.
    audit_record(
        actor=actor,
        action="satisfaction.submit",
        target=meeting,
        note="" if respondent is not None else "paper form",
    )
    return answer


def _certificate(meeting: Meeting, person, actor) -> dict:
    """What `issue_document` needs for one person's certificate."""
    title = _("Certificate of attendance — %(person)s — %(training)s") % {
        "person": person.full_name,
        "training": meeting.title,
    }
    start = meeting.starts_at.astimezone(meeting.venue_zone).date()
    end = meeting.ends_at.astimezone(meeting.venue_zone).date()
    chair = chair_of(meeting.space)
    return {
        "subject": meeting,
        "kind": "certificate",
        "title": title,
        "template_name": "meetings/documents/training_certificate.html",
        "context": {
            "meeting": meeting,
            "space": meeting.space,
            "person": person,
            "start_date": start,
            "end_date": end,
            "dates": _dates(start, end),
            "hours": training_hours(meeting),
            "objectives": learning_objectives(meeting),
            "signatory": chair.full_name if chair else "",
        },
        "key": f"person-{person.pk}",
        "space": meeting.space,
        "issued_by": actor,
    }


def _dates(start, end) -> str:
    if start == end:
        return _("on %(date)s") % {"date": date_format(start, "j F Y")}
    return _("from %(start)s to %(end)s") % {
        "start": date_format(start, "j F Y"),
        "end": date_format(end, "j F Y"),
    }


def _check_certificate(meeting: Meeting, person) -> None:
    if not meeting.is_training:
        raise ValidationError(_("This meeting is not a training."))
    if not has_attended(meeting, person):
        raise ValidationError(
            _("%(person)s is not on the attendance list of this training: no certificate.")
            % {"person": person.full_name}
        )


def certificate_filename(person, fmt: str) -> str:
    return f"attestation-{slugify(person.full_name) or 'participant'}-{person.pk}.{fmt}"


def certificate_response(*, meeting: Meeting, person, actor, fmt: str):
    """The certificate of attendance of someone present, issued and archived on first download."""
    _check_certificate(meeting, person)
    if fmt not in DocumentFormat.values:
        raise ValidationError(_("Unknown document format."))
    return document_response(
        **_certificate(meeting, person, actor),
        fmt=fmt,
        filename=certificate_filename(person, fmt),
    )


def certificates_zip(*, meeting: Meeting, actor) -> bytes:
    """Every attendee's certificate as a PDF (each issued and archived), in one ZIP file."""
    if not meeting.is_training:
        raise ValidationError(_("This meeting is not a training."))
    attendees = [person for person in participants_of(meeting) if person.attended]
    if not attendees:
        raise ValidationError(_("Nobody is on the attendance list yet: no certificate to issue."))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for person in attendees:
            document = issue_document(
                **_certificate(meeting, person, actor), fmt=DocumentFormat.PDF.value
            )
            with document.file.open("rb") as handle:
                archive.writestr(certificate_filename(person, "pdf"), handle.read())
    return buffer.getvalue()
