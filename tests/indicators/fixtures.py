"""A participation ledger small enough to count by hand (see the table in `ledger`)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from palabre.meetings.models import MeetingKind, MeetingStatus, ParticipationMode
from tests.directory.factories import PersonFactory
from tests.meetings.factories import AttendanceFactory, MeetingFactory
from tests.spaces.factories import CollegeFactory, MembershipFactory, SpaceFactory, country

IN, ON = ParticipationMode.IN_PERSON, ParticipationMode.ONLINE


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T09:00:00+00:00")


@dataclass
class Ledger:
    committee: object
    people: dict


def ledger() -> Ledger:
    """Meetings of a committee (Côte d'Ivoire) and of the space under it, in 2026:

    M1 committee 10 Feb, M2 committee 15 Mar, M3 training of the child space 20 May,
    M4 committee 1 Apr (cancelled), M5 committee 10 Sep, and X a meeting of another space.

    person  gender  lives in   college     attended
    A       F       CI         Régions*    M1 in person, M2 in person, M3 online
    B       F       FR         Diaspora    M1 online, M2 online
    C       M       CI         —           M1 in person
    D       M       FR         —           M2 in person, M3 in person
    E       —       —          —           M1 in person
    F       —       IT         —           M3 online
    G       F       CI         —           M4 only (cancelled: not counted)
    H       M       CI         —           M1, line removed (not counted)
    I       F       FR         —           X only (other space: not counted)
    J       F       MA         —           M5 (second half of the year)
    K       M       FR         —           M2 in person; K was merged into D (counts as D)

    * A's college is in the child space.
    """
    committee = SpaceFactory(country=country("CI"))
    child = SpaceFactory(parent=committee, country=country("CI"))
    elsewhere = SpaceFactory(country=country("CI"))
    m1 = MeetingFactory(space=committee, starts_at=at("2026-02-10"))
    m2 = MeetingFactory(space=committee, starts_at=at("2026-03-15"))
    m3 = MeetingFactory(space=child, kind=MeetingKind.TRAINING, starts_at=at("2026-05-20"))
    m4 = MeetingFactory(
        space=committee,
        starts_at=at("2026-04-01"),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Report",
    )
    m5 = MeetingFactory(space=committee, starts_at=at("2026-09-10"))
    x = MeetingFactory(space=elsewhere, starts_at=at("2026-02-11"))

    def person(gender, iso2):
        return PersonFactory(gender=gender, country_of_residence=country(iso2) if iso2 else None)

    people = {
        "A": person("F", "CI"),
        "B": person("F", "FR"),
        "C": person("M", "CI"),
        "D": person("M", "FR"),
        "E": person("", None),
        "F": person("", "IT"),
        "G": person("F", "CI"),
        "H": person("M", "CI"),
        "I": person("F", "FR"),
        "J": person("F", "MA"),
        "K": person("M", "FR"),
    }
    people["K"].merged_into = people["D"]
    people["K"].save()
    MembershipFactory(
        space=child, person=people["A"], college=CollegeFactory(space=child, name="Régions")
    )
    MembershipFactory(
        space=committee,
        person=people["B"],
        college=CollegeFactory(space=committee, name="Diaspora"),
    )
    for key, meeting, mode in [
        ("A", m1, IN),
        ("A", m2, IN),
        ("A", m3, ON),
        ("B", m1, ON),
        ("B", m2, ON),
        ("C", m1, IN),
        ("D", m2, IN),
        ("D", m3, IN),
        ("E", m1, IN),
        ("F", m3, ON),
        ("G", m4, IN),
        ("I", x, IN),
        ("J", m5, IN),
        ("K", m2, IN),
    ]:
        AttendanceFactory(meeting=meeting, person=people[key], mode=mode)
    AttendanceFactory(
        meeting=m1, person=people["H"], removed_at=timezone.now(), removal_reason="Erreur"
    )
    return Ledger(committee, people)
