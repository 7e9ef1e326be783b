"""Reading a framing note: the note itself, its sections, the agenda as a timetable, and who
hears of its steps."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from palabre.accounts.models import User
from palabre.spaces.models import Membership, Space

from .models import AgendaItem, FramingNote, Meeting


def framing_note_of(meeting: Meeting) -> FramingNote:
    """The meeting's note, or an unsaved empty draft when it has none yet (meetings created
    before notes existed): pages and rules then treat both alike, and nothing is written until
    someone saves."""
    note = FramingNote.objects.select_related("approved_by").filter(meeting=meeting).first()
    if note is None:
        return FramingNote(meeting=meeting)
    note.meeting = meeting  # already loaded with its space by the page
    return note


def text_sections(note: FramingNote) -> list[tuple[str, str, str]]:
    """(key, title, text) of the written sections, in reading order: the note's workflow
    sections without the agenda, which pages show as a table rather than as text."""
    return [
        (
            name,
            str(FramingNote._meta.get_field(name).verbose_name).capitalize(),
            getattr(note, name),
        )
        for name in FramingNote.TEXT_SECTIONS
    ]


@dataclass
class TimedItem:
    item: AgendaItem
    # Venue's local clock; None once an earlier item has no duration.
    starts: datetime.time | None
    ends: datetime.time | None


@dataclass
class Timetable:
    items: list[TimedItem]
    total_minutes: int
    # Some item has no duration: the total and the times after it are incomplete.
    incomplete: bool
    # The agenda runs past the meeting's planned end.
    overruns: bool


def timetable_of(meeting: Meeting) -> Timetable:
    """The agenda with each item's start and end, counted from the meeting's start in the
    venue's time zone, as the programme is printed for the room."""
    clock = meeting.starts_at.astimezone(meeting.venue_zone)
    timed, total, incomplete = [], 0, False
    for item in meeting.agenda_items.all():
        if incomplete or not item.duration_minutes:
            timed.append(TimedItem(item, None if incomplete else clock.time(), None))
            incomplete = True
            continue
        end = clock + datetime.timedelta(minutes=item.duration_minutes)
        timed.append(TimedItem(item, clock.time(), end.time()))
        clock, total = end, total + item.duration_minutes
    planned = (meeting.ends_at - meeting.starts_at).total_seconds() / 60
    return Timetable(timed, total, incomplete, total > planned)


def space_users(space: Space, roles: list[str] | None = None) -> QuerySet[User]:
    """Active accounts of the space's current members (with one of `roles` when given)."""
    memberships = Membership.objects.current().filter(space=space)
    if roles:
        memberships = memberships.filter(role__in=roles)
    return User.objects.filter(is_active=True, person__in=memberships.values("person_id")).order_by(
        "pk"
    )
