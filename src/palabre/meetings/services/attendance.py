"""Taking attendance: check-in at the door, walk-ins, online participants, removal, export.

Attendance counts (reports, indicators, the diaspora's participation): every line is audited and
removing one is soft, with its reason.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.directory.models import OrganisationKind, Person
from palabre.directory.names import normalise_name
from palabre.directory.services import organisation_create, person_create, person_update
from palabre.imports.selectors import OrganisationIndex

from ..models import Attendance, AttendanceSource, Meeting, ParticipationMode

# The door opens the day before: a sign-in sheet may be typed in, or a list prepared, early;
# a meeting further ahead cannot have been attended yet.
OPENS_BEFORE = datetime.timedelta(days=1)


def ensure_attendance_open(meeting: Meeting) -> None:
    """Raises ValidationError when nobody can be recorded as present at this meeting."""
    if meeting.is_cancelled:
        raise ValidationError(_("This meeting is cancelled: nobody can be recorded as present."))
    if meeting.starts_at - timezone.now() > OPENS_BEFORE:
        raise ValidationError(
            _("Attendance opens the day before the meeting (%(day)s).")
            % {
                "day": date_format(
                    timezone.localtime(meeting.starts_at - OPENS_BEFORE), "DATE_FORMAT"
                )
            }
        )


def _already_present(attendance: Attendance) -> ValidationError:
    return ValidationError(
        _("%(name)s is already on the attendance list (since %(time)s).")
        % {
            "name": attendance.person.full_name,
            "time": date_format(timezone.localtime(attendance.checked_in_at), "H:i"),
        },
        code="already_present",
    )


def attendance_add(
    *, meeting: Meeting, person: Person, mode: str, actor, source: str
) -> Attendance:
    """The one place an attendance line is created and audited. The caller has checked that the
    meeting is open to attendance (`ensure_attendance_open`), once for a whole batch."""
    if mode not in ParticipationMode.values:
        raise ValidationError(_("Choose in person or online."))
    if person.merged_into_id:
        raise ValidationError(
            _("%(name)s was merged into another entry of the directory: choose that one.")
            % {"name": person.full_name}
        )
    existing = (
        Attendance.objects.present()
        .filter(meeting=meeting, person=person)
        .select_related("person")
        .first()
    )
    if existing is not None:
        raise _already_present(existing)
    try:
        # Two phones tapping the same name at once: the database keeps one line.
        with transaction.atomic():
            attendance = Attendance.objects.create(
                meeting=meeting,
                person=person,
                mode=mode,
                source=source,
                recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
    except IntegrityError:
        existing = (
            Attendance.objects.present()
            .select_related("person")
            .get(meeting=meeting, person=person)
        )
        raise _already_present(existing) from None
    audit_record(
        actor=actor,
        action="attendance.add",
        target=attendance,
        changes={
            "person": [None, person.full_name],
            "mode": [None, mode],
            "source": [None, source],
        },
    )
    return attendance


@transaction.atomic
def check_in(
    *, meeting: Meeting, person: Person, mode: str, actor, source: str = AttendanceSource.CHECK_IN
) -> Attendance:
    """Records that `person` is there. Someone already present is refused with a message saying
    since when, and nothing new is stored."""
    ensure_attendance_open(meeting)
    return attendance_add(meeting=meeting, person=person, mode=mode, actor=actor, source=source)


def find_person(*, first_name: str, last_name: str, email: str = "") -> Person | None:
    """The directory entry a walk-in describes, as the imports match people: the e-mail wins;
    otherwise the normalised name, but never someone with another e-mail address (two homonyms
    with their own addresses are two people). Raises ValidationError when several could be
    meant."""
    people = Person.objects.active()
    if email:
        found = people.filter(email__iexact=email).first()
        if found is not None:
            return found
    namesakes = list(people.filter(normalised_name=normalise_name(first_name, last_name)))
    without_email = [person for person in namesakes if not person.email]
    candidates = without_email or ([] if email else namesakes)
    if len(candidates) > 1:
        raise ValidationError(
            _(
                "Several people named %(name)s are in the directory: search for the name and "
                "tap the right one, or give their e-mail address."
            )
            % {"name": f"{first_name} {last_name}"}
        )
    return candidates[0] if candidates else None


def _organisation(actor, name: str):
    organisation = OrganisationIndex().find(name)
    if organisation is None:
        organisation = organisation_create(actor=actor, name=name, kind=OrganisationKind.OTHER)
    return organisation


@transaction.atomic
def walk_in(*, meeting: Meeting, actor, mode: str, **person_fields) -> Attendance:
    """Someone who was not expected: found in the directory (e-mail, then name) and completed,
    or added to it, then checked in as a walk-in.

    `person_fields` are Person fields (first_name and last_name required); `organisation` may be
    a name, found by name or acronym or created. A refusal stores nothing, not even the person.
    """
    ensure_attendance_open(meeting)
    fields = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in person_fields.items()
    }
    fields = {name: value for name, value in fields.items() if value not in (None, "")}
    if not (fields.get("first_name") and fields.get("last_name")):
        raise ValidationError(_("Give the first name and the last name."))
    if isinstance(fields.get("organisation"), str):
        fields["organisation"] = _organisation(actor, fields["organisation"])
    person = find_person(
        first_name=fields["first_name"],
        last_name=fields["last_name"],
        email=fields.get("email", "").lower(),
    )
    if person is None:
        person = person_create(actor=actor, **fields)
    else:
        # Complete, never overwrite: the directory may know better than a form filled in a hurry.
        missing = {
            name: value
            for name, value in fields.items()
            if getattr(person, Person._meta.get_field(name).attname) in (None, "")
        }
        if missing:
            person_update(actor=actor, person=person, **missing)
    return attendance_add(
        meeting=meeting, person=person, mode=mode, actor=actor, source=AttendanceSource.WALK_IN
    )


@transaction.atomic
def record_online(*, meeting: Meeting, people: Iterable[Person], actor) -> list[Attendance]:
    """Marks people present online in one go (for instance the registered online participants
    who joined the call). Those already present are left as they are; returns the new lines."""
    ensure_attendance_open(meeting)
    present = set(
        Attendance.objects.present().filter(meeting=meeting).values_list("person_id", flat=True)
    )
    return [
        attendance_add(
            meeting=meeting,
            person=person,
            mode=ParticipationMode.ONLINE,
            actor=actor,
            source=AttendanceSource.ONLINE,
        )
        for person in people
        if person.pk not in present
    ]


@transaction.atomic
def attendance_remove(*, attendance: Attendance, actor, reason: str) -> Attendance:
    """Takes a line off the list (recorded by mistake, a duplicate): kept, with why and when."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this line is removed.")})
    if attendance.removed_at is not None:
        raise ValidationError(_("This line was already removed."))
    limit = Attendance._meta.get_field("removal_reason").max_length
    if len(reason) > limit:
        raise ValidationError({"reason": _("At most %(limit)s characters.") % {"limit": limit}})
    attendance.removed_at = timezone.now()
    attendance.removal_reason = reason
    attendance.save(update_fields=["removed_at", "removal_reason"])
    audit_record(
        actor=actor,
        action="attendance.remove",
        target=attendance,
        changes={"removed_at": [None, attendance.removed_at.isoformat()]},
        note=reason,
    )
    return attendance


def attendance_export_record(*, actor, meeting: Meeting, rows: int, file_format: str) -> None:
    """Personal data leaves the platform: who took the list, when, how many lines."""
    audit_record(
        actor=actor,
        action="attendance.export",
        target=meeting,
        changes={"rows": [None, rows], "format": [None, file_format]},
    )
