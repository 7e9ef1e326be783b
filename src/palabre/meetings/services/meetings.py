"""Scheduling meetings: create, edit, cancel; every change validated and audited."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.directory.models import Person
from palabre.notifications.services import notify
from palabre.spaces.models import SpaceStatus

from ..models import FramingNote, Meeting, MeetingStatus, RegistrationStatus
from ..templatetags.meeting_tags import meeting_times_of
from .registration import waitlist_promote

# What the secretariat may set on a meeting; the space, status and author follow from the actions.
EDITABLE_FIELDS = frozenset(
    {
        "title",
        "kind",
        "mode",
        "visibility",
        "starts_at",
        "ends_at",
        "time_zone",
        "venue",
        "city",
        "online_url",
        "capacity",
        "registration_open",
        "description",
        "learning_objectives",
    }
)


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable on a meeting: {', '.join(sorted(unknown))}")


def tell_people(meeting: Meeting, people: Iterable[Person], *, subject, body, kind: str) -> None:
    """Tells people about a meeting: in the app and by e-mail for those with an account (in their
    language and time zone), by e-mail in French and in the venue's time for the others.

    `subject` and `body` are callables taking the recipient (None without an account) and
    returning the text in the active language and time zone."""
    people = list(people)
    url = meeting.get_absolute_url()
    users = [person.user for person in people if person.user_id]
    if users:
        notify(recipients=users, subject=subject, body=body, url=url, kind=kind)
    addresses = [person.email for person in people if not person.user_id and person.email]
    if not addresses:
        return
    with translation.override(settings.LANGUAGE_CODE), timezone.override(meeting.venue_zone):
        subject_text, body_text = subject(None), body(None)
    link = f"{settings.SITE_URL.rstrip('/')}{url}"
    body_text = f"{body_text}\n\n{link}"
    html = f"{linebreaks(body_text, autoescape=True)}"

    def send():
        for address in addresses:
            message = EmailMultiAlternatives(subject_text, body_text, to=[address])
            message.attach_alternative(html, "text/html")
            message.send()

    transaction.on_commit(send)


@transaction.atomic
def meeting_create(*, space, actor, **fields) -> Meeting:
    """A new meeting of the space, with its empty framing note to prepare it."""
    _check_fields(fields)
    if space.status == SpaceStatus.CLOSED:
        raise ValidationError(_("A closed space holds no more meetings."))
    meeting = Meeting(
        space=space, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    FramingNote.objects.create(meeting=meeting)
    changes = field_changes({}, snapshot(meeting, sorted(fields)))
    audit_record(actor=actor, action="meeting.create", target=meeting, changes=changes)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, **fields) -> Meeting:
    _check_fields(fields)
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("space").get(pk=meeting.pk)
    )
    if meeting.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be edited."))
    before = snapshot(meeting, sorted(EDITABLE_FIELDS))
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    changes = field_changes(before, snapshot(meeting, sorted(EDITABLE_FIELDS)))
    if changes:
        audit_record(actor=actor, action="meeting.update", target=meeting, changes=changes)
    if "capacity" in changes:
        # A bigger room: those waiting get the new places without the secretariat thinking of it.
        waitlist_promote(meeting=meeting, actor=actor)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor, reason: str) -> Meeting:
    """Cancels the meeting, which stays visible as cancelled, and tells whoever registered."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("space").get(pk=meeting.pk)
    )
    reason = (reason or "").strip()
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is already cancelled."))
    if meeting.ends_at <= timezone.now():
        raise ValidationError(_("A meeting that has already taken place cannot be cancelled."))
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the cancellation.")})
    before = snapshot(meeting, ["status", "cancellation_reason"])
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancellation_reason = reason
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.cancel",
        target=meeting,
        changes=field_changes(before, snapshot(meeting, ["status", "cancellation_reason"])),
        note=reason,
    )
    people = Person.objects.filter(
        registrations__meeting=meeting,
        registrations__status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED],
    ).select_related("user")
    tell_people(
        meeting,
        people,
        subject=lambda user: _("Cancelled: %(title)s") % {"title": meeting.title},
        body=lambda user: (
            _("The meeting “%(title)s” of %(when)s is cancelled.\nReason: %(reason)s")
            % {"title": meeting.title, "when": meeting_times_of(meeting), "reason": reason}
        ),
        kind="meeting_cancelled",
    )
    return meeting
