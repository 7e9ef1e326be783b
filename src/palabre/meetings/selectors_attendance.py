"""Reading a meeting's attendance: who came, who is expected at the door, and the counts by
gender, college, diaspora and mode that reports and indicators are made of.

Diaspora here is relative to the meeting's space: someone living outside the space's country
counts as diaspora; someone whose country of residence is unknown is counted apart.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _

from palabre.directory.models import Gender, Person
from palabre.directory.selectors import people_search
from palabre.spaces.models import Membership

from .models import (
    Attendance,
    Invitation,
    Meeting,
    ParticipationMode,
    Registration,
    RegistrationStatus,
)

# A search at the door shows this many people at most: beyond, typing one more letter is faster
# than scrolling on a phone.
CHECK_IN_LIMIT = 50
SEARCH_MIN_LENGTH = 2


def meeting_day(meeting: Meeting) -> datetime.date:
    """The meeting's date at the venue: memberships are read as they stood on that day."""
    return meeting.starts_at.astimezone(meeting.venue_zone).date()


def _college_memberships(meeting: Meeting, person_ref: str):
    """The person's membership with a college in the meeting's space on the meeting's day; with
    several (one per role), the first college in the space's order."""
    return (
        Membership.objects.current(on=meeting_day(meeting))
        .filter(space_id=meeting.space_id, person=OuterRef(person_ref), college__isnull=False)
        .order_by("college__order", "college__name")
    )


def _diaspora(meeting: Meeting, country_field: str) -> Case:
    """True when the person lives outside the space's country, None when nobody knows where."""
    return Case(
        When(**{f"{country_field}__isnull": True}, then=Value(None)),
        When(**{country_field: meeting.space.country_id}, then=Value(False)),
        default=Value(True),
        output_field=BooleanField(null=True),
    )


def attendances_of(meeting: Meeting) -> QuerySet[Attendance]:
    """The people present (removed lines left out), each with their college in the space
    (`college_pk`, `college_name`) and `diaspora` (True, False or None), in one query."""
    memberships = _college_memberships(meeting, "person")
    return (
        Attendance.objects.present()
        .filter(meeting=meeting)
        .select_related("person__organisation", "person__country_of_residence")
        .annotate(
            college_pk=Subquery(memberships.values("college_id")[:1]),
            college_name=Subquery(memberships.values("college__name")[:1]),
            diaspora=_diaspora(meeting, "person__country_of_residence"),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def removed_attendances_of(meeting: Meeting) -> QuerySet[Attendance]:
    """Lines taken off the list, kept with their reason: attendance counts, nothing is lost."""
    return (
        Attendance.objects.filter(meeting=meeting, removed_at__isnull=False)
        .select_related("person")
        .order_by("-removed_at")
    )


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    percent: float | None  # of the base the table states; None when that base is empty


def _shares(counts: list[tuple[str, str, int]], base: int) -> list[Share]:
    return [
        Share(key, label, count, round(100 * count / base, 1) if base else None)
        for key, label, count in counts
    ]


@dataclass(frozen=True)
class AttendanceBreakdown:
    """Who was there, disaggregated. Percentages of the gender table are over the people whose
    gender is known (the unknown ones are shown beside, without a percentage); the other tables
    are over everyone present."""

    total: int
    women: int
    known_gender: int
    unknown_gender: int
    by_gender: list[Share]
    by_college: list[Share]
    by_origin: list[Share]
    by_mode: list[Share]

    @property
    def women_share(self) -> float | None:
        return round(100 * self.women / self.known_gender, 1) if self.known_gender else None


NO_COLLEGE = "none"
UNKNOWN = "unknown"


def attendance_breakdown(meeting: Meeting) -> AttendanceBreakdown:
    """Totals by gender, by college (in the meeting's space; "no college" for outsiders), by
    diaspora or resident, and by mode, for the people present. Two queries whatever the size."""
    rows = list(
        attendances_of(meeting).values_list("person__gender", "college_pk", "diaspora", "mode")
    )
    colleges = list(meeting.space.colleges.order_by("order", "name").values_list("pk", "name"))
    total = len(rows)

    def count(position: int, value) -> int:
        return sum(1 for row in rows if row[position] == value)

    gender_counts = [
        (Gender.FEMALE, _("Women"), count(0, Gender.FEMALE)),
        (Gender.MALE, _("Men"), count(0, Gender.MALE)),
        (Gender.OTHER, _("Other or prefers not to say"), count(0, Gender.OTHER)),
    ]
    known = sum(n for _key, _label, n in gender_counts)
    by_gender = [
        *_shares(gender_counts, known),
        Share(UNKNOWN, str(_("Not known")), total - known, None),
    ]
    college_counts = [(str(pk), name, count(1, pk)) for pk, name in colleges]
    college_counts.append((NO_COLLEGE, _("No college"), count(1, None)))
    origin_counts = [
        ("diaspora", _("Diaspora"), count(2, True)),
        ("resident", _("Resident"), count(2, False)),
        (UNKNOWN, _("Not known"), count(2, None)),
    ]
    mode_counts = [(mode, label, count(3, mode)) for mode, label in ParticipationMode.choices]
    return AttendanceBreakdown(
        total=total,
        women=gender_counts[0][2],
        known_gender=known,
        unknown_gender=total - known,
        by_gender=[Share(s.key, str(s.label), s.count, s.percent) for s in by_gender],
        by_college=_shares([(k, str(label), n) for k, label, n in college_counts], total),
        by_origin=_shares([(k, str(label), n) for k, label, n in origin_counts], total),
        by_mode=_shares([(k, str(label), n) for k, label, n in mode_counts], total),
    )


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """{"total", "in_person", "online"} of the people present, in one query."""
    counts = {"total": 0, ParticipationMode.IN_PERSON: 0, ParticipationMode.ONLINE: 0}
    for mode in Attendance.objects.present().filter(meeting=meeting).values_list("mode", flat=True):
        counts["total"] += 1
        counts[mode] += 1
    return counts


def expected_count(meeting: Meeting) -> int:
    """People registered (not waitlisted) for the meeting, the counter's "out of"."""
    return meeting.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def _at_the_door(meeting: Meeting) -> QuerySet[Person]:
    """People with what the door needs to know of them: `registration_status`,
    `registration_mode`, `invited`, `expected` (1 or 0), `present_at` and `present_mode`."""
    registrations = Registration.objects.filter(meeting=meeting, person=OuterRef("pk")).exclude(
        status=RegistrationStatus.CANCELLED
    )
    present = Attendance.objects.present().filter(meeting=meeting, person=OuterRef("pk"))
    return (
        Person.objects.active()
        .select_related("organisation")
        .annotate(
            registration_status=Subquery(registrations.values("status")[:1]),
            registration_mode=Subquery(registrations.values("mode")[:1]),
            invited=Exists(Invitation.objects.filter(meeting=meeting, person=OuterRef("pk"))),
            present_at=Subquery(present.values("checked_in_at")[:1]),
            present_mode=Subquery(present.values("mode")[:1]),
        )
        .annotate(
            expected=Case(
                When(Q(registration_status__isnull=False) | Q(invited=True), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )


def check_in_people(meeting: Meeting, query: str = "") -> QuerySet[Person]:
    """The people the door may see, in one query, not yet present first.

    Without a search (or one shorter than SEARCH_MIN_LENGTH): those registered, waitlisted or
    invited, and those already present. With a search: anyone in the directory whose name,
    e-mail or organisation matches, the expected ones first.
    """
    people = _at_the_door(meeting)
    query = query.strip()
    if len(query) >= SEARCH_MIN_LENGTH:
        people = people_search(query=query, queryset=people)
    else:
        people = people.filter(Q(expected=1) | Q(present_at__isnull=False))
    not_yet_present = Case(
        When(present_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return people.order_by(not_yet_present, "-expected", "last_name", "first_name", "pk")


def check_in_row(meeting: Meeting, person_pk: int) -> Person:
    """One person as the door shows them, after a tap."""
    return _at_the_door(meeting).get(pk=person_pk)


def online_registrants(meeting: Meeting) -> QuerySet[Person]:
    """Registered to follow online and not yet present: those to tick once the call is over.
    For a meeting held only online, every registered person."""
    registered = Q(
        registrations__meeting=meeting, registrations__status=RegistrationStatus.REGISTERED
    )
    if meeting.offers_in_person:
        registered &= Q(registrations__mode=ParticipationMode.ONLINE)
    present = Attendance.objects.present().filter(meeting=meeting, person=OuterRef("pk"))
    return (
        Person.objects.active()
        .filter(registered)
        .exclude(Exists(present))
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def sign_in_sheet_people(meeting: Meeting) -> QuerySet[Person]:
    """The registered people (not waitlisted), by name, as the printed sheet lists them."""
    return (
        Person.objects.filter(
            registrations__meeting=meeting,
            registrations__status=RegistrationStatus.REGISTERED,
        )
        .select_related("organisation", "country_of_residence")
        .annotate(diaspora=_diaspora(meeting, "country_of_residence"))
        .order_by("last_name", "first_name", "pk")
    )
