"""Invitations, registration, the waiting list and reminders, through the services."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from icalendar import Calendar

from palabre.audit.models import AuditEvent
from palabre.meetings.models import (
    Invitation,
    InvitationChannel,
    MeetingMode,
    MeetingStatus,
    ParticipationMode,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from palabre.meetings.services.meetings import meeting_update
from palabre.meetings.services.registration import (
    cancel_registration,
    invite,
    register,
    send_reminders,
    waitlist_promote,
)
from palabre.notifications.models import Notification
from palabre.spaces.models import Role
from tests.accounts.factories import make_user
from tests.directory.factories import PersonFactory
from tests.meetings.factories import MeetingFactory, RegistrationFactory, in_days
from tests.spaces.factories import CollegeFactory, MembershipFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Runs a service and returns the e-mails it sent once its transaction committed."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = service(**kwargs)
        return result

    run.outbox = mailoutbox
    return run


def ics_events(message) -> list:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    name, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content).walk("VEVENT")


def enrol(meeting, mode=ParticipationMode.IN_PERSON, **person_fields):
    return register(
        meeting=meeting,
        person=PersonFactory(**person_fields),
        mode=mode,
        source=RegistrationSource.SECRETARIAT,
    )


def test_beyond_the_capacity_people_wait_and_online_places_are_not_limited(sent):
    meeting = MeetingFactory(
        capacity=2, mode=MeetingMode.HYBRID, online_url="https://visio.example.org/comite"
    )

    first = sent(
        register,
        meeting=meeting,
        person=PersonFactory(),
        mode="in_person",
        source=RegistrationSource.ACCOUNT,
    )
    second = enrol(meeting)
    third = sent(
        register,
        meeting=meeting,
        person=PersonFactory(email="awa@example.org"),
        mode="in_person",
        source=RegistrationSource.ACCOUNT,
    )
    online = enrol(meeting, mode=ParticipationMode.ONLINE)

    assert [first.status, second.status, online.status] == [RegistrationStatus.REGISTERED] * 3
    assert third.status == RegistrationStatus.WAITLISTED
    waiting_mail = sent.outbox[-1]
    assert waiting_mail.to == ["awa@example.org"]
    assert "waiting list" in waiting_mail.body and "position 1" in waiting_mail.body
    assert not [a for a in waiting_mail.attachments if a[0].endswith(".ics")]
    assert ics_events(sent.outbox[0])[0]["summary"] == meeting.title


def test_a_cancellation_promotes_the_first_in_line_who_is_told_by_e_mail(sent):
    meeting = MeetingFactory(capacity=1)
    holder = enrol(meeting)
    first_in_line = enrol(meeting, email="first@example.org")
    second_in_line = enrol(meeting)
    sent.outbox.clear()

    sent(cancel_registration, registration=holder, actor=None)

    holder.refresh_from_db()
    first_in_line.refresh_from_db()
    second_in_line.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED and holder.cancelled_at
    assert first_in_line.status == RegistrationStatus.REGISTERED and first_in_line.promoted_at
    assert second_in_line.status == RegistrationStatus.WAITLISTED
    (promotion,) = [m for m in sent.outbox if m.to == ["first@example.org"]]
    assert "A place has become free" in promotion.body
    assert ics_events(promotion)[0]["summary"] == meeting.title
    assert "/reunions/inscription/annuler/" + first_in_line.token in promotion.body
    assert AuditEvent.objects.filter(action="registration.promote").count() == 1


def test_cancelling_an_online_registration_frees_no_room_place():
    meeting = MeetingFactory(
        capacity=1, mode=MeetingMode.HYBRID, online_url="https://visio.example.org/comite"
    )
    enrol(meeting)
    online = enrol(meeting, mode=ParticipationMode.ONLINE)
    waiting = enrol(meeting)

    cancel_registration(registration=online)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_a_grown_capacity_goes_to_those_waiting_before_newcomers():
    meeting = MeetingFactory(capacity=1)
    enrol(meeting)
    waiting = enrol(meeting)
    meeting.capacity = 2
    meeting.save()

    newcomer = enrol(meeting)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert newcomer.status == RegistrationStatus.WAITLISTED


def test_a_grown_capacity_can_be_given_to_those_waiting_at_once(sent):
    meeting = MeetingFactory(capacity=1)
    enrol(meeting)
    first, second, third = enrol(meeting), enrol(meeting), enrol(meeting)
    meeting.capacity = 3
    meeting.save()
    sent.outbox.clear()

    promoted = sent(waitlist_promote, meeting=meeting, actor=None)

    assert promoted == [first, second]
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITLISTED
    assert sorted(m.to[0] for m in sent.outbox) == sorted([first.person.email, second.person.email])


def test_the_secretariat_growing_the_room_promotes_those_waiting(sent):
    meeting = MeetingFactory(capacity=1)
    enrol(meeting)
    first, second = enrol(meeting), enrol(meeting)
    sent.outbox.clear()

    sent(meeting_update, meeting=meeting, actor=make_user(), capacity=2)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        RegistrationStatus.REGISTERED,
        RegistrationStatus.WAITLISTED,
    )
    assert [m.to[0] for m in sent.outbox] == [first.person.email]


@pytest.mark.parametrize(
    ("meeting_fields", "mode", "message"),
    [
        ({"registration_open": False}, "in_person", "Registration for this meeting is closed."),
        (
            {"starts_at": in_days(-1), "ends_at": in_days(-1) + datetime.timedelta(hours=2)},
            "in_person",
            "This meeting has already started or taken place.",
        ),
        ({"status": MeetingStatus.CANCELLED}, "in_person", "This meeting is cancelled."),
        ({}, "online", "This meeting is held in person only: there is no online participation."),
        (
            {"mode": MeetingMode.ONLINE, "online_url": "https://visio.example.org/x"},
            "in_person",
            "This meeting is held online only.",
        ),
    ],
    ids=["closed", "past", "cancelled", "online not offered", "in person not offered"],
)
def test_refused_registrations_store_nothing(sent, meeting_fields, mode, message):
    meeting = MeetingFactory(**meeting_fields)
    person = PersonFactory()

    with pytest.raises(ValidationError) as refusal:
        sent(register, meeting=meeting, person=person, mode=mode, source=RegistrationSource.ACCOUNT)

    assert message in refusal.value.messages
    assert not Registration.objects.exists()
    assert sent.outbox == []


def test_a_second_registration_of_the_same_person_is_refused():
    meeting = MeetingFactory()
    registration = enrol(meeting)

    with pytest.raises(ValidationError) as refusal:
        register(
            meeting=meeting,
            person=registration.person,
            mode="in_person",
            source=RegistrationSource.ACCOUNT,
        )

    assert refusal.value.messages == [
        f"{registration.person} is already registered for this meeting."
    ]
    assert Registration.objects.count() == 1


def test_the_secretariat_may_still_register_someone_once_registration_is_closed():
    meeting = MeetingFactory(registration_open=False)

    registration = enrol(meeting)

    assert registration.status == RegistrationStatus.REGISTERED


def test_registering_again_after_cancelling_reuses_the_registration_at_the_end_of_the_line():
    meeting = MeetingFactory(capacity=1)
    first = enrol(meeting)
    waiting = enrol(meeting)
    cancel_registration(registration=first)  # `waiting` gets the place

    again = register(
        meeting=meeting, person=first.person, mode="in_person", source=RegistrationSource.ACCOUNT
    )

    waiting.refresh_from_db()
    assert again.pk == first.pk
    assert again.status == RegistrationStatus.WAITLISTED and again.cancelled_at is None
    assert waiting.status == RegistrationStatus.REGISTERED


def test_cancelling_twice_or_after_the_start_is_refused():
    registration = enrol(MeetingFactory())
    cancel_registration(registration=registration)
    with pytest.raises(ValidationError, match="already cancelled"):
        cancel_registration(registration=registration)

    past = RegistrationFactory(meeting=MeetingFactory(starts_at=in_days(-1)))
    with pytest.raises(ValidationError, match="already started"):
        cancel_registration(registration=past)
    past.refresh_from_db()
    assert past.status == RegistrationStatus.REGISTERED


def test_invitations_carry_a_calendar_file_and_the_registration_link(sent):
    meeting = MeetingFactory(title="Atelier d'échange avec la diaspora", visibility="public")
    with_account = member_user(meeting.space)
    guest = PersonFactory(email="guest@example.org")
    secretariat = member_user(meeting.space, role=Role.SECRETARIAT)

    report = sent(invite, meeting=meeting, actor=secretariat, people=[guest, with_account.person])

    assert report.invited == 2 and report.emailed == 2 and report.without_email == []
    by_address = {message.to[0]: message for message in sent.outbox}
    guest_mail = by_address["guest@example.org"]
    assert guest_mail.subject.endswith(f"Invitation: {meeting.title}")
    events = ics_events(guest_mail)
    assert [str(event["summary"]) for event in events] == [meeting.title]
    assert f"/reunions/{meeting.pk}/inscription-publique/" in guest_mail.body
    assert meeting.venue in guest_mail.body
    assert f"/reunions/{meeting.pk}/" in by_address[with_account.email].body
    assert Invitation.objects.filter(meeting=meeting, sent_at__isnull=False).count() == 2
    notice = Notification.objects.get(recipient=with_account)
    assert notice.subject == f"Invitation: {meeting.title}" and not notice.by_email


def test_times_are_written_in_the_account_s_time_zone_with_the_venue_s_beside(sent):
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2099, 1, 15, 9, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2099, 1, 15, 12, 0, tzinfo=datetime.UTC),
        time_zone="Africa/Abidjan",
    )
    user = make_user(time_zone="America/Toronto")
    person = PersonFactory(user=user, email=user.email)
    guest = PersonFactory()

    sent(invite, meeting=meeting, actor=None, people=[person, guest])

    by_address = {message.to[0]: message.body for message in sent.outbox}
    assert "04:00–07:00 (EST)" in by_address[user.email]
    assert "09:00–12:00 venue time (Africa/Abidjan)" in by_address[user.email]
    assert "09:00–12:00 (GMT)" in by_address[guest.email]


def test_e_mails_are_in_the_account_s_language_and_in_french_without_account(sent, settings):
    settings.LANGUAGE_CODE = "fr"
    meeting = MeetingFactory(
        starts_at=datetime.datetime(2099, 1, 15, 9, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2099, 1, 15, 12, 0, tzinfo=datetime.UTC),
    )
    user = make_user(language="en")
    person = PersonFactory(user=user, email=user.email)
    guest = PersonFactory()

    sent(invite, meeting=meeting, actor=None, people=[person, guest])

    by_address = {message.to[0]: message.body for message in sent.outbox}
    assert "Thursday 15 January 2099" in by_address[user.email]
    assert "jeudi 15 janvier 2099" in by_address[guest.email]


def test_inviting_a_college_invites_only_its_current_members(sent):
    meeting = MeetingFactory()
    college = CollegeFactory(space=meeting.space)
    current = MembershipFactory(space=meeting.space, college=college)
    MembershipFactory(
        space=meeting.space,
        college=college,
        start_date=timezone.localdate() - datetime.timedelta(days=90),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    MembershipFactory(space=meeting.space)  # another college

    sent(invite, meeting=meeting, actor=None, colleges=[college])

    invitation = Invitation.objects.get()
    assert invitation.person == current.person
    assert invitation.channel == InvitationChannel.COLLEGE
    assert [message.to for message in sent.outbox] == [[current.person.email]]


def test_inviting_again_invites_nobody_twice(sent):
    meeting = MeetingFactory()
    MembershipFactory(space=meeting.space)
    chosen = PersonFactory()
    sent(invite, meeting=meeting, actor=None, members=True)
    sent.outbox.clear()

    report = sent(invite, meeting=meeting, actor=None, members=True, people=[chosen])

    assert (report.invited, report.already_invited) == (1, 1)
    assert Invitation.objects.count() == 2
    assert [message.to for message in sent.outbox] == [[chosen.email]]


def test_people_without_e_mail_are_counted_for_a_printed_invitation(sent):
    meeting = MeetingFactory()
    nowhere = PersonFactory(email="")

    report = sent(invite, meeting=meeting, actor=None, people=[nowhere, PersonFactory()])

    assert report.invited == 2 and report.emailed == 1
    assert report.without_email == [nowhere]
    assert Invitation.objects.get(person=nowhere).sent_at is None


@pytest.mark.parametrize(
    "meeting_fields",
    [{"status": MeetingStatus.CANCELLED}, {"starts_at": in_days(-1)}],
    ids=["cancelled", "past"],
)
def test_only_a_scheduled_meeting_ahead_takes_invitations(sent, meeting_fields):
    meeting = MeetingFactory(**meeting_fields)

    with pytest.raises(ValidationError):
        sent(invite, meeting=meeting, actor=None, people=[PersonFactory()])

    assert not Invitation.objects.exists() and sent.outbox == []


def test_a_college_of_another_space_cannot_be_invited():
    meeting = MeetingFactory()
    MembershipFactory(college=(college := CollegeFactory()), space=college.space)

    with pytest.raises(ValidationError, match="colleges of this meeting's space"):
        invite(meeting=meeting, actor=None, colleges=[college])

    assert not Invitation.objects.exists()


def test_reminders_go_once_to_those_registered_for_a_meeting_starting_soon(mailoutbox):
    soon = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))
    later = MeetingFactory(starts_at=in_days(5))
    reminded = RegistrationFactory(meeting=soon, person__email="soon@example.org")
    RegistrationFactory(meeting=soon, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(meeting=soon, status=RegistrationStatus.CANCELLED)
    RegistrationFactory(meeting=later)

    assert send_reminders() == 1
    assert send_reminders() == 0

    (reminder,) = mailoutbox
    assert reminder.to == ["soon@example.org"]
    assert reminder.subject.endswith(f"Reminder: {soon.title}")
    assert ics_events(reminder)[0]["summary"] == soon.title
    reminded.refresh_from_db()
    assert reminded.reminded_at is not None


def test_the_reminder_command_takes_the_number_of_hours(mailoutbox, capsys):
    RegistrationFactory(meeting=MeetingFactory(starts_at=in_days(5)))

    call_command("send_reminders", hours=24)
    call_command("send_reminders", hours=24 * 7)

    assert len(mailoutbox) == 1
    assert capsys.readouterr().out.splitlines() == ["0 reminder(s) sent.", "1 reminder(s) sent."]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_two_people_registering_at_once_cannot_both_take_the_last_place():
    meeting = MeetingFactory(capacity=1)
    first, second = PersonFactory(), PersonFactory()
    outcome = {}

    def register_the_second():
        try:
            outcome["status"] = register(
                meeting=meeting, person=second, mode="in_person", source="account"
            ).status
        finally:
            connection.close()

    with transaction.atomic():
        register(meeting=meeting, person=first, mode="in_person", source="account")
        other = threading.Thread(target=register_the_second)
        other.start()
        # The second registration must be waiting for the meeting's row, not counting places.
        deadline = time.monotonic() + 30
        while not _someone_waits_for_a_lock():
            assert time.monotonic() < deadline, "the second registration did not wait its turn"
            time.sleep(0.05)
    other.join()

    assert outcome["status"] == RegistrationStatus.WAITLISTED


def _someone_waits_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps showing the first snapshot of the activity.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0
