"""Invitations, registrations, the waiting list and reminders.

The meeting's row is locked while places are counted, so that two people registering at the
same moment cannot both take the last place. Capacity counts places in the room only: online
participants are never limited, so only in-person registrations go to the waiting list.

E-mails reach everyone with an address, account or not, in their account's language (French by
default), with the meeting's .ics when they are expected there; people with an account also
find a notification in the app. E-mails leave once the transaction has committed.
"""

import datetime
import logging
import smtplib
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palabre.audit.services import audit_record
from palabre.core.models import SiteIdentity
from palabre.directory.models import Organisation, Person
from palabre.directory.services import consent_record_add, person_create, person_update
from palabre.notifications.services import notify
from palabre.spaces.models import College

from ..ical import calendar_bytes
from ..models import (
    Invitation,
    InvitationChannel,
    Meeting,
    MeetingStatus,
    ParticipationMode,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from ..rules import is_public_meeting
from ..selectors_meetings import places_left
from ..selectors_registration import current_members_of, waitlist, waitlist_position
from ..templatetags.meeting_tags import meeting_times_of

logger = logging.getLogger(__name__)

ALREADY_REGISTERED = "already_registered"


# --- checks -------------------------------------------------------------------------------------


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("space").get(pk=meeting.pk)
    )


def _check_ahead(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting is cancelled."), code="cancelled")
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("This meeting has already started or taken place."), code="past")


def _check_mode(meeting: Meeting, mode: str) -> None:
    if mode == ParticipationMode.IN_PERSON and not meeting.offers_in_person:
        raise ValidationError({"mode": _("This meeting is held online only.")})
    if mode == ParticipationMode.ONLINE and not meeting.offers_online:
        raise ValidationError(
            {"mode": _("This meeting is held in person only: there is no online participation.")}
        )
    if mode not in ParticipationMode.values:
        raise ValidationError({"mode": _("Choose how you will take part.")})


# --- e-mails ------------------------------------------------------------------------------------


def _account(person: Person):
    return person.user if person.user_id and person.user.is_active else None


def _address(person: Person) -> str:
    account = _account(person)
    return person.email or (account.email if account else "")


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _texts(kind: str, meeting: Meeting, registration: Registration | None = None):
    """(subject, opening paragraph) of a message, in the active language."""
    title, space = meeting.title, meeting.space.name
    if kind == "invitation":
        return (
            _("Invitation: %(title)s") % {"title": title},
            _("%(space)s invites you to “%(title)s”.") % {"space": space, "title": title},
        )
    if kind == "registered":
        return (
            _("Registration confirmed: %(title)s") % {"title": title},
            _("Your registration for “%(title)s” is confirmed (%(mode)s).")
            % {"title": title, "mode": registration.get_mode_display().lower()},
        )
    if kind == "waitlisted":
        return (
            _("Waiting list: %(title)s") % {"title": title},
            _(
                "The room is full: you are on the waiting list for “%(title)s”, in position "
                "%(position)s. If a place becomes free, you will be registered and told by e-mail."
            )
            % {"title": title, "position": waitlist_position(registration)},
        )
    if kind == "promoted":
        return (
            _("A place is yours: %(title)s") % {"title": title},
            _("A place has become free: you are now registered for “%(title)s”.")
            % {"title": title},
        )
    if kind == "cancelled":
        return (
            _("Registration cancelled: %(title)s") % {"title": title},
            _("Your registration for “%(title)s” is cancelled.") % {"title": title},
        )
    if kind == "reminder":
        return (
            _("Reminder: %(title)s") % {"title": title},
            _("A reminder: “%(title)s”, for which you are registered, is coming soon.")
            % {"title": title},
        )
    raise ValueError(kind)


# Messages after which the person is expected at the meeting: they carry its .ics and link.
EXPECTED = {"invitation", "registered", "promoted", "reminder"}
# Messages about a registration, which may be cancelled from them.
ABOUT_A_REGISTRATION = {"registered", "waitlisted", "promoted", "reminder"}


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _details(meeting: Meeting, kind: str) -> list[tuple[str, str]]:
    """In the active time zone: the person's own, or the venue's."""
    details = [(_("Meeting"), meeting.title), (_("When"), str(meeting_times_of(meeting)))]
    if meeting.offers_in_person:
        details.append(
            (_("Where"), ", ".join(part for part in (meeting.venue, meeting.city) if part))
        )
    if meeting.offers_online and kind in EXPECTED:
        details.append((_("Online link"), meeting.online_url))
    return details


def _action(meeting: Meeting, kind: str, account) -> tuple[str, str]:
    """What the message asks the person to do, and the link to do it."""
    if kind != "invitation":
        return _("The meeting's page"), _absolute(meeting.get_absolute_url())
    if account is not None:
        return _("Register on the meeting's page"), _absolute(meeting.get_absolute_url())
    if is_public_meeting.test(None, meeting):
        path = reverse("meetings:public_register", args=[meeting.space.slug, meeting.pk])
        return _("Register here"), _absolute(path)
    return _("Please tell the secretariat whether you will take part."), ""


def _letter(
    person: Person, meeting: Meeting, kind: str, registration: Registration | None = None
) -> EmailMultiAlternatives | None:
    """The e-mail to one person, written in their language; None when they have no address."""
    kind = str(kind)
    address = _address(person)
    if not address:
        return None
    account = _account(person)
    language = (account.language if account else "") or settings.LANGUAGE_CODE
    zone = _zone(account.time_zone if account else "") or meeting.venue_zone
    with translation.override(language), timezone.override(zone):
        subject, intro = _texts(kind, meeting, registration)
        action_text, action_link = _action(meeting, kind, account)
        cancel_link = ""
        if kind in ABOUT_A_REGISTRATION and account is None:
            path = reverse("meetings:cancel_by_token", args=[registration.token])
            cancel_link = _absolute(path)
        site_name = SiteIdentity.current().name
        context = {
            "name": person.full_name,
            "intro": intro,
            "details": _details(meeting, kind),
            "action_text": action_text,
            "action_link": action_link,
            "cancel_link": cancel_link,
            "cancel_hint": kind in ABOUT_A_REGISTRATION,
            "site_name": site_name,
        }
        message = EmailMultiAlternatives(
            subject=f"[{site_name}] {subject}",
            body=render_to_string("meetings/registration/email/message.txt", context),
            to=[address],
        )
        message.attach_alternative(
            render_to_string("meetings/registration/email/message.html", context), "text/html"
        )
    if kind in EXPECTED:
        message.attach(
            f"{slugify(meeting.title)[:60] or 'meeting'}.ics",
            calendar_bytes([meeting]),
            "text/calendar",
        )
    return message


def _tell_in_app(people: Iterable[Person], meeting: Meeting, kind: str, registration=None) -> None:
    """The notification in the app, for those with an account (their e-mail is sent apart)."""
    accounts = [account for person in people if (account := _account(person))]
    if accounts:
        notify(
            recipients=accounts,
            subject=lambda user: _texts(kind, meeting, registration)[0],
            body=lambda user: _texts(kind, meeting, registration)[1],
            url=meeting.get_absolute_url(),
            kind=f"meeting_{kind}",
            email=False,
        )


def _send(
    letters: Sequence[tuple[object, EmailMultiAlternatives]],
    on_sent: Callable[[list], None] | None = None,
    on_failed: Callable[[list], None] | None = None,
) -> int:
    """Sends the letters over one connection; `on_sent`/`on_failed` get the keys of each."""
    sent, failed = [], []
    if letters:
        connection = get_connection()
        try:
            connection.open()
        except (smtplib.SMTPException, OSError):
            logger.exception("The mail server cannot be reached; meeting e-mails not sent")
            failed = [key for key, _message in letters]
        else:
            try:
                for key, message in letters:
                    message.connection = connection
                    try:
                        message.send()
                    except (smtplib.SMTPException, OSError):
                        logger.exception("Meeting e-mail to %s failed", message.to)
                        failed.append(key)
                    else:
                        sent.append(key)
            finally:
                connection.close()
    if sent and on_sent:
        on_sent(sent)
    if failed and on_failed:
        on_failed(failed)
    return len(sent)


def _send_after_commit(letters, on_sent=None) -> None:
    if letters:
        # Robust: the registration is made; a mail server down must not turn it into an error.
        transaction.on_commit(lambda: _send(letters, on_sent), robust=True)


def _write(person: Person, meeting: Meeting, kind: str, registration=None) -> None:
    kind = str(kind)  # a status is a kind of message too
    letter = _letter(person, meeting, kind, registration)
    _send_after_commit([(person.pk, letter)] if letter else [])
    _tell_in_app([person], meeting, kind, registration)


# --- invitations --------------------------------------------------------------------------------


@dataclass
class InvitationReport:
    invited: int = 0
    already_invited: int = 0
    emailed: int = 0
    without_email: list[Person] = field(default_factory=list)


@transaction.atomic
def invite(
    *,
    meeting: Meeting,
    actor,
    members: bool = False,
    colleges: Iterable[College] = (),
    people: Iterable[Person] = (),
) -> InvitationReport:
    """Invites the space's current members, those of some colleges, and chosen people.

    Someone invited already gets no second invitation, unless the first could not be sent (no
    e-mail address then, or the mail server down)."""
    meeting = _locked(meeting)
    _check_ahead(meeting)
    colleges, people = list(colleges), list(people)
    if not (members or colleges or people):
        raise ValidationError(_("Choose whom to invite: all members, colleges or people."))
    if any(college.space_id != meeting.space_id for college in colleges):
        raise ValidationError(_("Only the colleges of this meeting's space can be invited."))
    # The most precise reason wins when someone is invited several ways.
    channels: dict[int, str] = {}
    if members:
        for pk in current_members_of(meeting).values_list("pk", flat=True):
            channels[pk] = InvitationChannel.MEMBERS
    if colleges:
        for pk in current_members_of(meeting, colleges).values_list("pk", flat=True):
            channels[pk] = InvitationChannel.COLLEGE
    for person in people:
        if person.merged_into_id is None:
            channels[person.pk] = InvitationChannel.PERSON
    if not channels:
        raise ValidationError(_("Nobody to invite: the members chosen are not current members."))

    already = set(
        meeting.invitations.filter(person_id__in=channels).values_list("person_id", flat=True)
    )
    inviter = actor if getattr(actor, "is_authenticated", False) else None
    Invitation.objects.bulk_create(
        Invitation(meeting=meeting, person_id=pk, channel=channel, invited_by=inviter)
        for pk, channel in channels.items()
        if pk not in already
    )
    report = InvitationReport(invited=len(channels) - len(already), already_invited=len(already))
    unsent = list(
        meeting.invitations.filter(person_id__in=channels, sent_at__isnull=True).select_related(
            "person", "person__user"
        )
    )
    letters = []
    for invitation in unsent:
        letter = _letter(invitation.person, meeting, "invitation")
        if letter is None:
            report.without_email.append(invitation.person)
        else:
            letters.append((invitation.pk, letter))
    report.emailed = len(letters)
    if report.invited:
        audit_record(
            actor=actor,
            action="meeting.invite",
            target=meeting,
            changes={"invitations": [len(already), len(already) + report.invited]},
            note=_invitation_note(members, colleges, people),
        )

    def mark_sent(pks):
        Invitation.objects.filter(pk__in=pks).update(sent_at=timezone.now())

    _send_after_commit(letters, mark_sent)
    _tell_in_app([invitation.person for invitation in unsent], meeting, "invitation")
    return report


def _invitation_note(members, colleges, people) -> str:
    parts = [_("all members")] if members else []
    parts += [college.name for college in colleges]
    if people:
        parts.append(
            ngettext("%(count)d chosen person", "%(count)d chosen people", len(people))
            % {"count": len(people)}
        )
    return ", ".join(parts)


# --- registrations ------------------------------------------------------------------------------


def _promote_waiting(meeting: Meeting, actor) -> list[Registration]:
    """Gives the free places to the first in line; `meeting` must be locked."""
    free = places_left(meeting)
    if not free:  # None (no limit) promotes nobody: nobody waits without a limit
        return []
    promoted = list(waitlist(meeting).select_related("person", "person__user")[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        audit_record(
            actor=actor,
            action="registration.promote",
            target=registration,
            changes={"status": [RegistrationStatus.WAITLISTED, RegistrationStatus.REGISTERED]},
        )
        registration.meeting = meeting
        _write(registration.person, meeting, "promoted", registration)
    return promoted


@transaction.atomic
def waitlist_promote(*, meeting: Meeting, actor) -> list[Registration]:
    """Gives the places free in the room to those waiting, first come first served, and tells
    them; for when the capacity grows (registering and cancelling do it themselves)."""
    meeting = _locked(meeting)
    if meeting.is_cancelled or meeting.starts_at <= timezone.now():
        return []
    return _promote_waiting(meeting, actor)


def _check_registration(meeting: Meeting, source: str) -> None:
    _check_ahead(meeting)
    # The secretariat may still add someone once registration is closed to the public.
    if not meeting.registration_open and source != RegistrationSource.SECRETARIAT:
        raise ValidationError(_("Registration for this meeting is closed."), code="closed")


def registration_closed_reason(meeting: Meeting, source: str = RegistrationSource.ACCOUNT) -> str:
    """Why nobody can register now (for the pages), or an empty string."""
    try:
        _check_registration(meeting, source)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@transaction.atomic
def register(*, meeting: Meeting, person: Person, mode: str, source: str, actor=None):
    """Registers the person, or puts them on the waiting list when the room is full.

    Raises ValidationError (code "already_registered" for a duplicate) and stores nothing when
    registration is not possible."""
    meeting = _locked(meeting)
    _check_registration(meeting, source)
    _check_mode(meeting, mode)
    if person.merged_into_id:
        raise ValidationError(_("This directory entry was merged into another one."))
    registration = (
        Registration.objects.select_for_update().filter(meeting=meeting, person=person).first()
    )
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        message = (
            _("%(person)s is already on the waiting list of this meeting.")
            if registration.status == RegistrationStatus.WAITLISTED
            else _("%(person)s is already registered for this meeting.")
        )
        raise ValidationError(message, code=ALREADY_REGISTERED, params={"person": person})
    # Those already waiting come first (the capacity may have grown since they registered).
    _promote_waiting(meeting, actor)
    has_place = mode == ParticipationMode.ONLINE or places_left(meeting) != 0
    status = RegistrationStatus.REGISTERED if has_place else RegistrationStatus.WAITLISTED
    before = None
    if registration is None:
        registration = Registration(meeting=meeting, person=person)
    else:
        before = registration.status
        # Back in line at the end: the place was left to others meanwhile.
        registration.registered_at = timezone.now()
        registration.cancelled_at = registration.promoted_at = registration.reminded_at = None
    registration.status, registration.mode, registration.source = status, mode, source
    registration.full_clean(validate_unique=False)
    registration.save()
    audit_record(
        actor=actor,
        action="registration.reactivate" if before else "registration.create",
        target=registration,
        changes={"status": [before, status], "mode": [None, mode], "source": [None, source]},
    )
    registration.meeting = meeting
    _write(person, meeting, status, registration)
    return registration


def resend_confirmation(*, registration: Registration) -> None:
    """The confirmation again, to the person's own address (the public form, on a duplicate)."""
    registration = Registration.objects.select_related("meeting__space", "person__user").get(
        pk=registration.pk
    )
    letter = _letter(registration.person, registration.meeting, registration.status, registration)
    _send_after_commit([(registration.pk, letter)] if letter else [])


@transaction.atomic
def cancel_registration(*, registration: Registration, actor=None) -> Registration:
    """Cancels; a place freed in the room goes to the first on the waiting list, who is told."""
    meeting = _locked(registration.meeting)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("person", "person__user")
        .get(pk=registration.pk)
    )
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    _check_ahead(meeting)
    before = registration.status
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=actor,
        action="registration.cancel",
        target=registration,
        changes={"status": [before, RegistrationStatus.CANCELLED]},
    )
    registration.meeting = meeting
    _write(registration.person, meeting, "cancelled", registration)
    _promote_waiting(meeting, actor)
    return registration


def registrant_for_account(*, user, first_name: str = "", last_name: str = "") -> Person:
    """The directory entry of a signed-in user; created (or linked) the first time they register.

    An entry with the account's address is linked only when the address is confirmed: otherwise
    anyone could claim someone else's entry by signing up with their address."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    with transaction.atomic():
        existing = Person.objects.active().filter(email__iexact=user.email).first()
        if existing is not None:
            confirmed = EmailAddress.objects.filter(
                user=user, email__iexact=user.email, verified=True
            ).exists()
            if existing.user_id or not confirmed:
                raise ValidationError(
                    _(
                        "The directory already has an entry with your e-mail address; please "
                        "ask the secretariat to link it to your account."
                    )
                )
            return person_update(actor=user, person=existing, user=user)
        if not (first_name.strip() and last_name.strip()):
            raise ValidationError(_("Give your first and last name."))
        return person_create(
            actor=user,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=user.email,
            user=user,
        )


@transaction.atomic
def public_register(
    *,
    meeting: Meeting,
    mode: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    gender: str = "",
    country_of_residence=None,
    organisation: str = "",
) -> Registration:
    """Registration through the public form of a public meeting, by someone not signed in.

    The e-mail finds the person in the directory, or a new entry is made; their consent is
    recorded. Whether the address was known, or already registered, never shows: a duplicate
    gets its confirmation again, at that address only."""
    if not is_public_meeting.test(None, meeting):
        raise ValidationError(_("Only public meetings take registrations from this form."))
    meeting = _locked(meeting)
    # Refused before anything is stored about the person.
    _check_registration(meeting, RegistrationSource.PUBLIC_FORM)
    _check_mode(meeting, mode)
    person = Person.objects.active().filter(email__iexact=email.strip()).first()
    if person is None:
        person = person_create(
            actor=None,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            phone=phone,
            gender=gender,
            country_of_residence=country_of_residence,
            **_organisation_fields(organisation, meeting),
        )
    with translation.override(settings.LANGUAGE_CODE):
        purpose = _("Registration for the meeting: %(title)s") % {"title": meeting.title}
        source = _("Public registration form")
    consent_record_add(actor=None, person=person, purpose=purpose[:200], source=source)
    try:
        return register(
            meeting=meeting, person=person, mode=mode, source=RegistrationSource.PUBLIC_FORM
        )
    except ValidationError as error:
        if getattr(error, "code", None) != ALREADY_REGISTERED:
            raise
    registration = Registration.objects.get(meeting=meeting, person=person)
    resend_confirmation(registration=registration)
    return registration


def _organisation_fields(name: str, meeting: Meeting) -> dict:
    """The organisation typed by the registrant: linked when the directory knows it by that
    exact name or acronym, kept in the entry's notes otherwise (strangers do not create
    organisations)."""
    name = name.strip()
    if not name:
        return {}
    known = Organisation.objects.filter(name__iexact=name).first() or (
        Organisation.objects.filter(acronym__iexact=name).first()
    )
    if known is not None:
        return {"organisation": known}
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Organisation given when registering for “%(title)s”: %(name)s")
        return {"notes": note % {"title": meeting.title, "name": name}}


def registrations_export_record(*, actor, meeting: Meeting, rows: int, file_format: str) -> None:
    """Personal data leaves the platform: the audit log says who took it."""
    audit_record(
        actor=actor,
        action="meeting.registrations_export",
        target=meeting,
        note=f"{rows} rows, {file_format}",
    )


# --- reminders ----------------------------------------------------------------------------------


def send_reminders(*, now=None, hours_before: int = 48) -> int:
    """Reminds each registered person of a meeting starting within `hours_before` hours, once;
    returns the number of reminders e-mailed. Run hourly: a second run sends nothing again."""
    now = now or timezone.now()
    due = list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminded_at__isnull=True,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + datetime.timedelta(hours=hours_before),
        )
        .select_related("meeting__space", "person__user")
        .order_by("meeting_id", "pk")
    )
    letters, reached = [], []
    for registration in due:
        # Claimed one by one, so that two runs at once cannot both remind the same person.
        if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            continue
        letter = _letter(registration.person, registration.meeting, "reminder", registration)
        if letter is not None:
            letters.append((registration.pk, letter))
        reached.append(registration)
    for registration in reached:
        _tell_in_app([registration.person], registration.meeting, "reminder", registration)

    def retry_next_time(pks):
        Registration.objects.filter(pk__in=pks).update(reminded_at=None)

    return _send(letters, on_failed=retry_next_time)
