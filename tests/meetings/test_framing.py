"""The framing note: editing a draft, its agenda, review and approval through the pages, the
versions' difference and the PDF/DOCX documents."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.documents.models import IssuedDocument
from palabre.meetings.models import AgendaItem, FramingNote, OutcomeKind
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from palabre.workflow.models import Action, ReviewComment, State
from palabre.workflow.services import comment_add, workflow_act
from tests.documents.utils import docx_text, pdf_text
from tests.meetings.factories import (
    AgendaItemFactory,
    FramingNoteFactory,
    MeetingFactory,
    MinutesFactory,
)
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi du Cavally", slug="comite-cavally")


@pytest.fixture
def meeting(space):
    # 08:00 UTC is 09:00 at the venue in Lagos, an hour ahead of the server's Abidjan.
    return MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        title="Atelier d'échange sur l'investissement",
        starts_at=datetime.datetime(2031, 3, 4, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 3, 4, 12, 0, tzinfo=datetime.UTC),
        time_zone="Africa/Lagos",
    )


@pytest.fixture
def note(meeting):
    note = FramingNoteFactory(meeting=meeting)
    AgendaItemFactory(meeting=meeting, order=1, title="Mot d'accueil", duration_minutes=30)
    AgendaItemFactory(
        meeting=meeting, order=2, title="Bilan des projets", duration_minutes=45, speaker="K. Test"
    )
    AgendaItemFactory(meeting=meeting, order=3, title="Feuille de route", duration_minutes=60)
    return note


@pytest.fixture
def people(space):
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        "member": member_user(space),
    }


def url(name, note, *extra):
    return reverse(f"meetings:{name}", args=[note.meeting.space.slug, note.meeting.pk, *extra])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def titles(meeting) -> list[tuple[int, str]]:
    return list(meeting.agenda_items.order_by("order").values_list("order", "title"))


def act(note, people, *steps):
    actors = {
        Action.SUBMIT: "secretariat",
        Action.APPROVE: "approver",
        Action.PUBLISH: "secretariat",
        Action.NEW_VERSION: "secretariat",
    }
    for action in steps:
        workflow_act(obj=note, action=action, actor=people[actors[action]])


SECTIONS = {
    "context": "Une diaspora nombreuse et engagée.",
    "objectives": "Recenser les projets portés par la diaspora.",
    "reflection_axes": "Financement ; accompagnement.",
    "expected_results": "Une liste de projets prioritaires.",
    "target_participants": "Associations de la diaspora.",
}


# Editing the draft


def test_the_secretariat_edits_the_draft_and_the_change_is_audited(client, note, people):
    client.force_login(people["secretariat"])
    response = client.post(url("framing_note_edit", note), SECTIONS)

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.objectives == SECTIONS["objectives"]
    event = AuditEvent.objects.get(action="framing_note.update")
    assert event.actor == people["secretariat"]
    assert event.changes["objectives"] == [
        "Installer le comité de suivi et valider sa feuille de route.",
        SECTIONS["objectives"],
    ]


def test_the_edit_page_of_a_note_in_review_sends_back_to_the_note_with_the_reason(
    client, note, people
):
    act(note, people, Action.SUBMIT)
    client.force_login(people["secretariat"])

    page = client.get(url("framing_note_edit", note))
    sent = client.post(url("framing_note_edit", note), SECTIONS)

    for response in (page, sent):
        assert response.status_code == 302 and response["Location"] == url("framing_note", note)
        assert any("is in review and can no longer change" in m for m in messages_of(response))
    note.refresh_from_db()
    assert note.objectives == "Installer le comité de suivi et valider sa feuille de route."
    assert not AuditEvent.objects.filter(action="framing_note.update").exists()


@pytest.mark.parametrize(
    "steps",
    [[Action.SUBMIT], [Action.SUBMIT, Action.APPROVE, Action.PUBLISH]],
    ids=["in review", "published"],
)
def test_the_agenda_of_a_frozen_note_does_not_change(client, note, people, steps):
    act(note, people, *steps)
    first, second = note.meeting.agenda_items.order_by("order")[:2]
    before = list(note.meeting.agenda_items.order_by("pk").values())
    client.force_login(people["secretariat"])

    responses = [
        client.post(url("agenda_item_add", note), {"title": "Divers", "kind": "other"}),
        client.post(
            url("agenda_item_edit", note, first.pk), {"title": "Accueil", "kind": "opening"}
        ),
        client.post(url("agenda_item_delete", note, first.pk)),
        client.post(url("agenda_item_move", note, second.pk), {"direction": "up"}),
    ]

    for response in responses:
        assert response["Location"] == url("framing_note", note)
        assert any("can no longer change" in m for m in messages_of(response))
    assert list(note.meeting.agenda_items.order_by("pk").values()) == before


def test_a_member_may_neither_edit_nor_move_the_note_forward(client, note, people):
    client.force_login(people["member"])
    item = note.meeting.agenda_items.first()
    before = list(note.meeting.agenda_items.order_by("pk").values())

    assert client.get(url("framing_note_edit", note)).status_code == 403
    assert client.post(url("framing_note_edit", note), SECTIONS).status_code == 403
    assert client.post(url("agenda_item_delete", note, item.pk)).status_code == 403
    assert client.post(url("framing_note_action", note), {"action": "submit"}).status_code == 403

    note.refresh_from_db()
    assert note.objectives != SECTIONS["objectives"] and note.workflow_state == State.DRAFT
    assert list(note.meeting.agenda_items.order_by("pk").values()) == before
    assert not AuditEvent.objects.exists()


def test_a_meeting_without_a_note_gets_its_draft_on_the_first_save(client, meeting, people):
    client.force_login(people["secretariat"])
    note_url = reverse("meetings:framing_note", args=[meeting.space.slug, meeting.pk])
    assert "Nobody has written the framing note yet." in client.get(note_url).content.decode()
    assert not FramingNote.objects.exists()

    client.post(
        reverse("meetings:agenda_item_add", args=[meeting.space.slug, meeting.pk]),
        {"title": "Ouverture", "kind": "opening", "duration_minutes": "10"},
    )

    note = FramingNote.objects.get(meeting=meeting)
    assert note.workflow_state == State.DRAFT and titles(meeting) == [(1, "Ouverture")]
    assert AuditEvent.objects.get(action="framing_note.create").actor == people["secretariat"]


# The agenda


def test_items_are_added_at_the_end_and_keep_their_order_without_gaps(client, note, people):
    client.force_login(people["secretariat"])
    meeting = note.meeting
    response = client.post(
        url("agenda_item_add", note),
        {"title": "Pause café", "kind": "break", "duration_minutes": "15"},
    )
    assert response["Location"] == url("framing_note", note) + "#section-agenda"
    assert titles(meeting)[-1] == (4, "Pause café")

    second = meeting.agenda_items.get(order=2)
    client.post(url("agenda_item_delete", note, second.pk))
    assert titles(meeting) == [
        (1, "Mot d'accueil"),
        (2, "Feuille de route"),
        (3, "Pause café"),
    ]

    pause = meeting.agenda_items.get(title="Pause café")
    client.post(url("agenda_item_move", note, pause.pk), {"direction": "up"})
    assert titles(meeting) == [(1, "Mot d'accueil"), (2, "Pause café"), (3, "Feuille de route")]
    first = meeting.agenda_items.get(order=1)
    client.post(url("agenda_item_move", note, first.pk), {"direction": "up"})  # already first
    client.post(url("agenda_item_move", note, first.pk), {"direction": "down"})
    assert titles(meeting) == [(1, "Pause café"), (2, "Mot d'accueil"), (3, "Feuille de route")]


def test_an_item_is_edited_and_a_wrong_duration_is_shown_on_the_form(client, note, people):
    client.force_login(people["secretariat"])
    item = note.meeting.agenda_items.get(order=2)
    edit = url("agenda_item_edit", note, item.pk)

    assert 'value="Bilan des projets"' in client.get(edit).content.decode()
    refused = client.post(
        edit, {"title": "Bilan", "kind": "presentation", "duration_minutes": "2000"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["duration_minutes"]
    client.post(edit, {"title": "Bilan 2030", "kind": "presentation", "duration_minutes": "40"})

    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.speaker) == ("Bilan 2030", 40, "")
    event = AuditEvent.objects.get(action="framing_note.agenda_update")
    assert event.changes["title"] == ["Bilan des projets", "Bilan 2030"]


def test_an_item_the_minutes_speak_of_is_not_removed(client, note, people):
    item = note.meeting.agenda_items.get(order=1)
    minutes = MinutesFactory(meeting=note.meeting)
    minutes.outcomes.create(kind=OutcomeKind.DECISION, text="Adopté.", agenda_item=item)
    client.force_login(people["secretariat"])

    response = client.post(url("agenda_item_delete", note, item.pk))

    assert any("already used in the minutes" in m for m in messages_of(response))
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_note_page_shows_the_timetable_in_the_venue_time(client, note, people):
    client.force_login(people["member"])
    page = client.get(url("framing_note", note)).content.decode()

    assert "09:00–09:30" in page and "09:30–10:15" in page and "10:15–11:15" in page
    assert "Total duration: 2 h 15 min." in page
    assert "Africa/Lagos" in page
    # A member reads and comments; only the secretariat sees the editing buttons.
    assert url("framing_note_edit", note) not in page
    assert url("agenda_item_delete", note, note.meeting.agenda_items.first().pk) not in page


def test_an_agenda_longer_than_the_meeting_is_pointed_out(client, note, people):
    AgendaItemFactory(meeting=note.meeting, order=4, title="Visite", duration_minutes=120)
    client.force_login(people["secretariat"])
    page = client.get(url("framing_note", note)).content.decode()
    assert "The agenda lasts longer than the meeting" in page


# The workflow through the pages


def test_a_note_without_objectives_or_agenda_is_not_submitted(client, meeting, people):
    note = FramingNoteFactory(meeting=meeting, objectives="  ")
    client.force_login(people["secretariat"])

    response = client.post(url("framing_note_action", note), {"action": "submit"})

    assert any(
        "cannot be submitted for review yet: write its objectives and at least one agenda item" in m
        for m in messages_of(response)
    )
    note.refresh_from_db()
    assert note.workflow_state == State.DRAFT


def test_submitted_approved_and_published_through_the_pages_with_notifications(
    client, note, people
):
    outsider = member_user(SpaceFactory())
    client.force_login(people["secretariat"])
    client.post(url("framing_note_action", note), {"action": "submit"})

    reviewers = set(
        Notification.objects.filter(kind="framing_note.submit").values_list("recipient", flat=True)
    )
    assert reviewers == {people["approver"].pk, people["member"].pk}
    review = Notification.objects.filter(kind="framing_note.submit").first()
    assert review.url == url("framing_note", note)
    assert review.subject == "Framing note to review: Atelier d'échange sur l'investissement"

    client.force_login(people["approver"])
    response = client.post(url("framing_note_action", note), {"action": "approve", "note": "Ok"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.workflow_state, note.approved_by) == (State.APPROVED, people["approver"])
    approved = Notification.objects.get(kind="framing_note.approve")
    assert approved.recipient == people["secretariat"]

    client.force_login(people["secretariat"])
    client.post(url("framing_note_action", note), {"action": "publish"})
    note.refresh_from_db()
    assert note.workflow_state == State.PUBLISHED
    told = set(
        Notification.objects.filter(kind="framing_note.publish").values_list("recipient", flat=True)
    )
    assert told == {people["approver"].pk, people["member"].pk}
    assert outsider.pk not in set(Notification.objects.values_list("recipient", flat=True))


def test_the_secretariat_cannot_approve(client, note, people):
    act(note, people, Action.SUBMIT)
    client.force_login(people["secretariat"])
    response = client.post(url("framing_note_action", note), {"action": "approve"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.workflow_state == State.IN_REVIEW


def test_a_member_comments_on_a_section_and_it_shows_under_it(client, note, people):
    act(note, people, Action.SUBMIT)
    client.force_login(people["member"])

    response = client.post(
        url("framing_note_comment", note),
        {"section": "expected_results", "text": "Ajouter un calendrier de mise en œuvre."},
    )

    assert response["Location"] == url("framing_note", note) + "#section-expected_results"
    comment = ReviewComment.objects.get()
    assert (comment.section, comment.author) == ("expected_results", people["member"])
    page = client.get(url("framing_note", note)).content.decode()
    section = page[page.index('id="section-expected_results"') : page.index('id="section-target')]
    assert "Ajouter un calendrier de mise en œuvre." in section


def test_a_change_after_publication_makes_a_version_whose_difference_is_shown(client, note, people):
    act(note, people, Action.SUBMIT, Action.APPROVE, Action.PUBLISH)
    client.force_login(people["secretariat"])
    client.post(url("framing_note_action", note), {"action": "new_version"})
    client.post(
        url("framing_note_edit", note),
        {
            **SECTIONS,
            "objectives": "Installer le comité de suivi et adopter son règlement intérieur.",
        },
    )

    page = client.get(url("framing_note_versions", note)).content.decode()

    assert "Version 2 compared with version 1" in page
    assert "<del>valider sa feuille de route.</del>" in page
    assert "<ins>adopter son règlement intérieur.</ins>" in page


def test_anonymous_visitors_read_the_note_of_a_public_meeting_once_published(client, note, people):
    assert client.get(url("framing_note", note)).status_code == 302  # to the login page
    act(note, people, Action.SUBMIT, Action.APPROVE, Action.PUBLISH)
    page = client.get(url("framing_note", note)).content.decode()
    assert "Recenser" not in page and "valider sa feuille de route" in page
    assert 'name="text"' not in page  # no comment form once published


# The meeting page


def test_the_meeting_page_shows_the_state_and_the_agenda_to_those_who_may_read_it(
    client, note, people
):
    meeting_url = note.meeting.get_absolute_url()
    assert "Framing note and agenda" not in client.get(meeting_url).content.decode()

    client.force_login(people["member"])
    page = client.get(meeting_url).content.decode()
    assert "Framing note and agenda" in page and "badge-draft" in page
    assert "09:30" in page and "Bilan des projets" in page
    assert url("framing_note_document", note, "pdf") in page


# Documents


def test_an_approved_note_is_issued_as_pdf_with_its_approver_and_archived(client, note, people):
    act(note, people, Action.SUBMIT, Action.APPROVE)
    client.force_login(people["member"])

    response = client.get(url("framing_note_document", note, "pdf"))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Installer le comité de suivi" in text
    assert "Mot d'accueil" in text and "Bilan des projets" in text and "Feuille de route" in text
    assert "DRAFT" not in text
    document = IssuedDocument.objects.get(format="pdf")
    assert document.approved_by == people["approver"] and document.space == note.meeting.space
    assert document.version == 1 and document.kind == "framing_note"
    # Downloaded again, it is the same archived file.
    client.get(url("framing_note_document", note, "pdf"))
    assert IssuedDocument.objects.count() == 1


def test_the_word_version_says_the_same(client, note, people):
    act(note, people, Action.SUBMIT, Action.APPROVE, Action.PUBLISH)
    client.force_login(people["secretariat"])

    response = client.get(url("framing_note_document", note, "docx"))

    text = docx_text(response.content)
    assert "Installer le comité de suivi" in text and "Bilan des projets" in text
    assert "09:30" in text and "K. Test" in text
    assert IssuedDocument.objects.get(format="docx").approved_by == people["approver"]


def test_a_draft_downloads_with_a_watermark_and_is_not_archived(client, note, people):
    client.force_login(people["secretariat"])
    response = client.get(url("framing_note_document", note, "pdf"))
    assert "DRAFT" in pdf_text(response.content)
    assert not IssuedDocument.objects.exists()
    assert client.get(url("framing_note_document", note, "odt")).status_code == 404


# Queries


def test_the_note_page_needs_the_same_queries_with_many_items_and_comments(client, space, people):
    def page_queries(size: int) -> int:
        meeting = MeetingFactory(space=space)
        note = FramingNoteFactory(meeting=meeting)
        for order in range(1, size + 1):
            AgendaItemFactory(meeting=meeting, order=order)
        workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
        for number in range(size):
            author = people["member"] if number % 2 else member_user(space)
            section = "agenda" if number % 3 else "objectives"
            comment_add(obj=note, section=section, text=f"Remarque {number}", actor=author)
        client.force_login(people["approver"])
        client.get(url("framing_note", note))  # caches (content types, site identity) warmed
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("framing_note", note)).status_code == 200
        return len(queries)

    assert page_queries(2) == page_queries(20)
