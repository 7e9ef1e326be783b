"""One meeting from its creation to its published minutes, through the pages the people use.

The secretariat schedules it and writes the framing note, an approver approves, three people are
invited, two register and the third waits until a place frees up, the day comes and they are
checked in, the minutes record a decision, a recommendation and an action item, are approved and
published, and the attendees hear of it. The documents issued on the way say what happened.
"""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from palabre.documents.models import IssuedDocument
from palabre.meetings.models import Attendance, Meeting, Registration, RegistrationStatus
from palabre.notifications.models import Notification
from palabre.spaces.models import Role
from palabre.workflow.models import State
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db(transaction=False)

DECISION = "Le comité adopte la feuille de route de la concertation pour 2027."
RECOMMENDATION = "Associer les mutuelles de la diaspora au guichet unique de San-Pédro."
ACTION_ITEM = "Envoyer aux membres le calendrier des ateliers thématiques."


@pytest.fixture
def cast():
    space = SpaceFactory(name="Espace de concertation de la Nawa")
    return {
        "space": space,
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        # Three members: the ones invited, registering and attending.
        "awa": member_user(space, person__first_name="Awa", person__last_name="Testbamba"),
        "yao": member_user(space, person__first_name="Yao", person__last_name="Testkouassi"),
        "fanta": member_user(space, person__first_name="Fanta", person__last_name="Testdiallo"),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def meeting_url(name, meeting, *args):
    return reverse(f"meetings:{name}", args=[meeting.space.slug, meeting.pk, *args])


@pytest.fixture
def post_ok(django_capture_on_commit_callbacks):
    """Posts as a person filling the form would, fails on a refused or invalid form, and sends
    the e-mails the request leaves for after its commit."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        form = response.context.get("form") if response.context else None
        assert response.status_code == 302, (response.status_code, form and form.errors)
        return response

    return post


def at(moment):
    """Lets the clock show `moment`, for the steps that happen on the day of the meeting."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_meeting_goes_from_its_creation_to_published_minutes(client, cast, mailoutbox, post_ok):
    space, secretariat = cast["space"], cast["secretariat"]
    awa, yao, fanta = (cast[name].person for name in ("awa", "yao", "fanta"))
    day = timezone.localdate() + datetime.timedelta(days=7)

    # The secretariat schedules a committee meeting for two people in the room.
    as_user(client, secretariat)
    post_ok(
        client,
        reverse("meetings:create", args=[space.slug]),
        {
            "title": "Comité de concertation de décembre",
            "kind": "committee",
            "mode": "in_person",
            "visibility": "members",
            "time_zone": "Africa/Abidjan",
            "date": day.isoformat(),
            "start_time": "09:00",
            "end_time": "13:00",
            "venue": "Salle de conférence du conseil régional, Soubré",
            "capacity": "2",
            "registration_open": "on",
        },
    )
    meeting = Meeting.objects.get(space=space)
    assert meeting.capacity == 2
    assert meeting.starts_at == datetime.datetime(
        day.year, day.month, day.day, 9, tzinfo=datetime.UTC
    )

    # The framing note: written by the secretariat, approved by the approver.
    post_ok(
        client,
        meeting_url("framing_note_edit", meeting),
        {
            "context": "La région veut associer sa diaspora à son plan de développement.",
            "objectives": "Adopter la feuille de route 2027.",
            "expected_results": "Une feuille de route adoptée.",
        },
    )
    for title in ["Ouverture", "Feuille de route 2027"]:
        post_ok(
            client,
            meeting_url("agenda_item_add", meeting),
            {"title": title, "kind": "discussion", "duration_minutes": "45"},
        )
    post_ok(client, meeting_url("framing_note_action", meeting), {"action": "submit"})
    # A member who is not the approver cannot approve it: 403 and nothing changes.
    as_user(client, cast["awa"])
    refused = client.post(meeting_url("framing_note_action", meeting), {"action": "approve"})
    assert refused.status_code == 403
    meeting.framing_note.refresh_from_db()
    assert meeting.framing_note.workflow_state == State.IN_REVIEW
    as_user(client, cast["approver"])
    post_ok(client, meeting_url("framing_note_action", meeting), {"action": "approve"})
    meeting.framing_note.refresh_from_db()
    assert meeting.framing_note.workflow_state == State.APPROVED

    # Three invitations, each e-mail carrying the meeting as an .ics that calendars read.
    as_user(client, secretariat)
    mailoutbox.clear()
    post_ok(client, meeting_url("invite", meeting), {"people": [awa.pk, yao.pk, fanta.pk]})
    assert meeting.invitations.count() == 3
    invitations = [m for m in mailoutbox if m.to[0] in {awa.email, yao.email, fanta.email}]
    assert len(invitations) == 3
    for message in invitations:
        (ics,) = [a for a in message.attachments if a[0].endswith(".ics")]
        (event,) = Calendar.from_ical(ics[1]).walk("VEVENT")
        assert str(event["SUMMARY"]) == meeting.title
        assert event.decoded("DTSTART") == meeting.starts_at

    # Two register, the third waits; when Awa cancels, Fanta takes her place.
    for user in (cast["awa"], cast["yao"], cast["fanta"]):
        post_ok(as_user(client, user), meeting_url("register", meeting), {"mode": "in_person"})
    statuses = dict(meeting.registrations.values_list("person", "status"))
    assert statuses == {
        awa.pk: RegistrationStatus.REGISTERED,
        yao.pk: RegistrationStatus.REGISTERED,
        fanta.pk: RegistrationStatus.WAITLISTED,
    }
    mailoutbox.clear()
    post_ok(as_user(client, cast["awa"]), meeting_url("cancel_registration", meeting))
    assert Registration.objects.get(meeting=meeting, person=fanta).status == (
        RegistrationStatus.REGISTERED
    )
    assert [m.to for m in mailoutbox if fanta.email in m.to], "Fanta is told she has a place"

    # On the day, from a phone: Yao and Fanta are checked in with one tap each.
    with at(meeting.starts_at + datetime.timedelta(minutes=20)):
        as_user(client, secretariat)
        for person in (yao, fanta):
            response = client.post(
                meeting_url("check_in_person", meeting, person.pk), headers={"HX-Request": "true"}
            )
            assert response.status_code == 200
    present = set(
        Attendance.objects.present().filter(meeting=meeting).values_list("person", flat=True)
    )
    assert present == {yao.pk, fanta.pk}

    # After the meeting the secretariat writes the minutes with the three kinds of outcome.
    with at(meeting.ends_at + datetime.timedelta(hours=2)):
        post_ok(client, meeting_url("minutes_start", meeting))
        post_ok(
            client,
            meeting_url("minutes_edit", meeting),
            {
                "summary": "Le comité a examiné et adopté sa feuille de route.",
                "visibility": "members",
            },
        )
        for outcome in (
            {"kind": "decision", "text": DECISION},
            {"kind": "recommendation", "text": RECOMMENDATION},
            {
                "kind": "action_item",
                "text": ACTION_ITEM,
                "owner": yao.pk,
                "due_date": (day + datetime.timedelta(days=30)).isoformat(),
                "status": "open",
            },
        ):
            post_ok(client, meeting_url("outcome_add", meeting), outcome)
        post_ok(client, meeting_url("minutes_action", meeting), {"action": "submit"})

        # Nobody but the approver approves, and a member cannot edit: 403, nothing changed.
        as_user(client, cast["awa"])
        assert (
            client.post(meeting_url("minutes_action", meeting), {"action": "approve"}).status_code
            == 403
        )
        assert (
            client.post(
                meeting_url("minutes_edit", meeting),
                {"summary": "Réécrit.", "visibility": "public"},
            ).status_code
            == 403
        )
        meeting.minutes.refresh_from_db()
        assert meeting.minutes.workflow_state == State.IN_REVIEW
        assert meeting.minutes.summary.startswith("Le comité a examiné")

        post_ok(
            as_user(client, cast["approver"]),
            meeting_url("minutes_action", meeting),
            {"action": "approve"},
        )
        post_ok(
            as_user(client, secretariat),
            meeting_url("minutes_action", meeting),
            {"action": "publish"},
        )
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.workflow_state == State.PUBLISHED

    # Whoever attended hears of it; Yao also gets the action item he is responsible for.
    told = Notification.objects.filter(kind="minutes.published")
    assert set(told.values_list("recipient", flat=True)) == {cast["yao"].pk, cast["fanta"].pk}
    assert ACTION_ITEM in told.get(recipient=cast["yao"]).body

    # The minutes as PDF and as Word hold the decision and the people present, and are archived.
    as_user(client, cast["fanta"])
    pdf = client.get(meeting_url("minutes_document", meeting, "pdf"))
    docx = client.get(meeting_url("minutes_document", meeting, "docx"))
    for text in (pdf_text(pdf.content), docx_text(docx.content)):
        flat = " ".join(text.split())
        assert DECISION in flat and RECOMMENDATION in flat and ACTION_ITEM in flat
        assert yao.full_name in flat and fanta.full_name in flat
        assert awa.full_name not in flat  # she cancelled and did not come
    archived = IssuedDocument.objects.filter(kind="minutes")
    assert {(doc.version, doc.approved_by_id) for doc in archived} == {(1, cast["approver"].pk)}
    assert archived.count() == 2  # one PDF, one DOCX
