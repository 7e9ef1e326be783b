"""Taking attendance through the services: check-in, walk-ins, online, removal, and the figures."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.directory.models import Organisation, Person
from palabre.meetings.models import (
    Attendance,
    AttendanceSource,
    MeetingMode,
    MeetingStatus,
    ParticipationMode,
)
from palabre.meetings.selectors_attendance import attendance_breakdown
from palabre.meetings.services.attendance import (
    attendance_remove,
    check_in,
    record_online,
    walk_in,
)
from palabre.spaces.models import Role
from tests.directory.factories import PersonFactory
from tests.meetings.factories import AttendanceFactory, MeetingFactory, in_days
from tests.spaces.factories import (
    CollegeFactory,
    MembershipFactory,
    SpaceFactory,
    country,
    member_user,
)

pytestmark = pytest.mark.django_db

IN_PERSON, ONLINE = ParticipationMode.IN_PERSON, ParticipationMode.ONLINE


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def secretary(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def meeting(space):
    """Under way this morning."""
    return MeetingFactory(space=space, starts_at=timezone.now() - datetime.timedelta(hours=1))


def test_check_in_records_the_person_once_and_audits_it(meeting, secretary):
    person = PersonFactory(first_name="Aya", last_name="Konan")

    attendance = check_in(meeting=meeting, person=person, mode=IN_PERSON, actor=secretary)

    assert (attendance.source, attendance.mode, attendance.recorded_by) == (
        AttendanceSource.CHECK_IN,
        IN_PERSON,
        secretary,
    )
    event = AuditEvent.objects.get(action="attendance.add")
    assert event.actor == secretary
    assert event.changes["person"] == [None, "Aya Konan"]


def test_checking_in_twice_says_so_and_stores_nothing_new(meeting, secretary):
    person = PersonFactory(first_name="Aya", last_name="Konan")
    check_in(meeting=meeting, person=person, mode=IN_PERSON, actor=secretary)

    with pytest.raises(ValidationError, match="Aya Konan is already on the attendance list"):
        check_in(meeting=meeting, person=person, mode=IN_PERSON, actor=secretary)

    assert Attendance.objects.filter(meeting=meeting, person=person).count() == 1
    assert AuditEvent.objects.filter(action="attendance.add").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": MeetingStatus.CANCELLED}, "cancelled"),
        ({"starts_at": in_days(3)}, "opens the day before"),
    ],
)
def test_no_check_in_at_a_cancelled_meeting_or_one_days_ahead(space, secretary, changes, message):
    meeting = MeetingFactory(space=space, **changes)

    with pytest.raises(ValidationError, match=message):
        check_in(meeting=meeting, person=PersonFactory(), mode=IN_PERSON, actor=secretary)

    assert not Attendance.objects.exists()


def test_check_in_opens_the_day_before(space, secretary):
    meeting = MeetingFactory(space=space, starts_at=timezone.now() + datetime.timedelta(hours=20))

    check_in(meeting=meeting, person=PersonFactory(), mode=IN_PERSON, actor=secretary)

    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_a_walk_in_is_added_to_the_directory_with_their_organisation(meeting, secretary):
    attendance = walk_in(
        meeting=meeting,
        actor=secretary,
        mode=IN_PERSON,
        first_name="Mariam",
        last_name="Sanogo",
        gender="F",
        email="Mariam.Sanogo@example.org",
        phone="",
        organisation="Coopérative des planteurs de Méagui",
        country_of_residence=country("FR"),
    )

    person = attendance.person
    assert attendance.source == AttendanceSource.WALK_IN
    assert (person.full_name, person.email, person.gender) == (
        "Mariam Sanogo",
        "mariam.sanogo@example.org",
        "F",
    )
    assert person.organisation.name == "Coopérative des planteurs de Méagui"
    assert person.country_of_residence.iso2 == "FR"
    assert AuditEvent.objects.filter(action="person.create", object_id=str(person.pk)).exists()


def test_a_walk_in_already_in_the_directory_is_found_by_name_and_completed(meeting, secretary):
    known = PersonFactory(first_name="Aya", last_name="N'Guessan", email="", phone="")

    attendance = walk_in(
        meeting=meeting,
        actor=secretary,
        mode=IN_PERSON,
        first_name="aya",
        last_name="NGUESSAN",
        phone="+2250701020304",
    )

    assert attendance.person == known
    assert Person.objects.count() == 2  # the one found, and the secretary's own entry
    known.refresh_from_db()
    assert (known.first_name, known.phone) == ("Aya", "+2250701020304")


def test_the_e_mail_wins_over_the_name_when_they_point_to_two_people(meeting, secretary):
    by_email = PersonFactory(first_name="Yao", last_name="Brou", email="yao@example.org")
    PersonFactory(first_name="Koffi", last_name="Ahoussi", email="")

    attendance = walk_in(
        meeting=meeting,
        actor=secretary,
        mode=IN_PERSON,
        first_name="Koffi",
        last_name="Ahoussi",
        email="YAO@example.org",
    )

    assert attendance.person == by_email


def test_a_refused_walk_in_stores_no_person(space, secretary):
    meeting = MeetingFactory(space=space, status=MeetingStatus.CANCELLED)
    before = Person.objects.count()

    with pytest.raises(ValidationError):
        walk_in(
            meeting=meeting, actor=secretary, mode=IN_PERSON, first_name="Ali", last_name="Touré"
        )

    assert Person.objects.count() == before
    assert not Organisation.objects.exists()


def test_a_walk_in_already_present_stores_nothing(meeting, secretary):
    present = AttendanceFactory(meeting=meeting, person__first_name="Ali", person__email="")

    with pytest.raises(ValidationError, match="already on the attendance list"):
        walk_in(
            meeting=meeting,
            actor=secretary,
            mode=IN_PERSON,
            first_name="Ali",
            last_name=present.person.last_name,
            organisation="Nouvelle association",
        )

    assert Attendance.objects.count() == 1
    assert not Organisation.objects.filter(name="Nouvelle association").exists()


def test_removal_is_soft_audited_and_needs_a_reason(meeting, secretary):
    attendance = AttendanceFactory(meeting=meeting)

    with pytest.raises(ValidationError):
        attendance_remove(attendance=attendance, actor=secretary, reason="  ")
    attendance.refresh_from_db()
    assert attendance.removed_at is None

    attendance_remove(attendance=attendance, actor=secretary, reason="Inscrit deux fois")

    attendance.refresh_from_db()
    assert attendance.removed_at is not None
    assert attendance.removal_reason == "Inscrit deux fois"
    assert not Attendance.objects.present().filter(meeting=meeting).exists()
    event = AuditEvent.objects.get(action="attendance.remove")
    assert (event.actor, event.note) == (secretary, "Inscrit deux fois")
    # Removed by mistake? The person can be checked in again; the old line stays.
    check_in(meeting=meeting, person=attendance.person, mode=IN_PERSON, actor=secretary)
    assert Attendance.objects.filter(meeting=meeting, person=attendance.person).count() == 2


def test_online_participants_are_recorded_in_one_go_skipping_those_present(space, secretary):
    meeting = MeetingFactory(
        space=space,
        mode=MeetingMode.HYBRID,
        online_url="https://visio.example.org/comite",
        starts_at=in_days(-1),
    )
    present = AttendanceFactory(meeting=meeting)
    newcomers = [PersonFactory(), PersonFactory()]

    added = record_online(meeting=meeting, people=[present.person, *newcomers], actor=secretary)

    assert [a.person for a in added] == newcomers
    assert {(a.mode, a.source) for a in added} == {(ONLINE, AttendanceSource.ONLINE)}
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_breakdown_by_gender_college_origin_and_mode():
    """Checked against figures counted by hand, with every unknown the brief names."""
    space = SpaceFactory(country=country("CI"))
    regions, partners = CollegeFactory(space=space, order=1), CollegeFactory(space=space, order=2)
    meeting = MeetingFactory(space=space, starts_at=in_days(-7))
    other_space = SpaceFactory()
    today = timezone.localdate()

    def present(first_name, gender, residence, mode=IN_PERSON, **membership):
        person = PersonFactory(first_name=first_name, gender=gender, country_of_residence=residence)
        if membership:
            MembershipFactory(person=person, **membership)
        AttendanceFactory(meeting=meeting, person=person, mode=mode)
        return person

    ci, fr = country("CI"), country("FR")
    present("Awa", "F", ci, space=space, college=regions)
    present("Binta", "F", fr, ONLINE, space=space, college=partners)  # diaspora
    present("Yao", "M", ci, space=space, college=regions)
    present("Kofi", "", None, space=other_space)  # unknown gender and residence, outsider here
    present("Sam", "X", ci, ONLINE, space=space, college=None)  # member without a college
    # A former member, no longer in the college on the day of the meeting.
    present(
        "Fatou",
        "F",
        ci,
        space=space,
        college=partners,
        start_date=today - datetime.timedelta(days=60),
        end_date=today - datetime.timedelta(days=20),
    )
    removed = AttendanceFactory(meeting=meeting, person__gender="M")
    removed.removed_at = timezone.now()
    removed.save()

    breakdown = attendance_breakdown(meeting)

    def table(rows):
        return [(row.label, row.count, row.percent) for row in rows]

    assert breakdown.total == 6
    assert table(breakdown.by_gender) == [
        ("Women", 3, 60.0),
        ("Men", 1, 20.0),
        ("Other or prefers not to say", 1, 20.0),
        ("Not known", 1, None),
    ]
    assert (breakdown.women_share, breakdown.known_gender, breakdown.unknown_gender) == (60.0, 5, 1)
    assert table(breakdown.by_college) == [
        (regions.name, 2, 33.3),
        (partners.name, 1, 16.7),
        ("No college", 3, 50.0),
    ]
    assert table(breakdown.by_origin) == [
        ("Diaspora", 1, 16.7),
        ("Resident", 4, 66.7),
        ("Not known", 1, 16.7),
    ]
    assert table(breakdown.by_mode) == [("In person", 4, 66.7), ("Online", 2, 33.3)]


def test_breakdown_of_an_empty_list_has_no_percentages(meeting):
    breakdown = attendance_breakdown(meeting)

    assert breakdown.total == 0
    assert breakdown.women_share is None
    assert {row.percent for row in breakdown.by_mode} == {None}
