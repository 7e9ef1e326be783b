"""Minutes: written by the secretariat, commented by members, approved by the approver, published
to the attendees, downloaded as PDF or Word, and their action items followed up."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.documents.models import IssuedDocument
from palabre.documents.services import sha256_of
from palabre.meetings.models import (
    ActionStatus,
    AgendaItem,
    MeetingStatus,
    Minutes,
    Outcome,
    OutcomeKind,
    ParticipationMode,
)
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from palabre.workflow.models import Revision, State
from palabre.workflow.services import workflow_act
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import SpaceFactory, member_user

from .factories import (
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MinutesFactory,
    OutcomeFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

DECISION = "Le comité adopte la feuille de route 2026 de la région du Cavally."


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi du Cavally")


@pytest.fixture
def people(space):
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        "member": member_user(space),
        "outsider": member_user(SpaceFactory()),
    }


@pytest.fixture
def meeting(space):
    """Held last week, members only, with two agenda items."""
    meeting = MeetingFactory(space=space, starts_at=in_days(-7), title="Comité de suivi de mai")
    AgendaItemFactory(meeting=meeting, order=1, title="Ouverture")
    AgendaItemFactory(meeting=meeting, order=2, title="Feuille de route")
    return meeting


@pytest.fixture
def minutes(meeting):
    return MinutesFactory(meeting=meeting, summary="Le comité a examiné la feuille de route.")


def client_of(client, user):
    client.force_login(user)
    return client


def url(name, meeting, *args):
    return reverse(f"meetings:{name}", args=[meeting.space.slug, meeting.pk, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def submit_approve(minutes, people):
    workflow_act(obj=minutes, action="submit", actor=people["secretariat"])
    workflow_act(obj=minutes, action="approve", actor=people["approver"], note="Conforme.")


def publish(minutes, people):
    submit_approve(minutes, people)
    workflow_act(obj=minutes, action="publish", actor=people["secretariat"])


# Starting -------------------------------------------------------------------------------------


def test_the_secretariat_starts_the_minutes_of_a_meeting_held(client, meeting, people):
    response = client_of(client, people["secretariat"]).post(url("minutes_start", meeting))

    assert response.status_code == 302 and response["Location"] == url("minutes", meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.workflow_state == State.DRAFT
    assert AuditEvent.objects.filter(action="minutes.create", object_id=str(minutes.pk)).exists()
    # Starting again opens the same minutes.
    client.post(url("minutes_start", meeting))
    assert Minutes.objects.filter(meeting=meeting).count() == 1


def test_a_future_or_cancelled_meeting_gets_no_minutes(client, space, people):
    future = MeetingFactory(space=space)
    cancelled = MeetingFactory(space=space, starts_at=in_days(-2), status=MeetingStatus.CANCELLED)
    client_of(client, people["secretariat"])

    response = client.post(url("minutes_start", future), follow=True)
    assert "The minutes can be started once the meeting has begun." in messages_of(response)
    response = client.post(url("minutes_start", cancelled), follow=True)
    assert "This meeting was cancelled: it has no minutes." in messages_of(response)
    assert not Minutes.objects.exists()
    # The page explains it instead of offering a button that would fail.
    assert "Start the minutes" not in client.get(url("minutes", future)).content.decode()


def test_before_minutes_exist_only_their_writers_find_the_page(client, meeting, people):
    assert client_of(client, people["member"]).get(url("minutes", meeting)).status_code == 404
    assert client.post(url("minutes_start", meeting)).status_code == 403
    page = client_of(client, people["secretariat"]).get(url("minutes", meeting))
    assert "Start the minutes" in page.content.decode()
    assert not Minutes.objects.exists()


# Writing --------------------------------------------------------------------------------------


def test_the_secretariat_writes_the_summary_and_the_notes_of_each_item(client, minutes, people):
    opening, roadmap = AgendaItem.objects.filter(meeting=minutes.meeting).order_by("order")
    response = client_of(client, people["secretariat"]).post(
        url("minutes_edit", minutes.meeting),
        {
            "summary": "Réunion constructive.",
            "visibility": Visibility.PUBLIC,
            f"item_{opening.pk}": "Mot de bienvenue du président.",
            f"item_{roadmap.pk}": "La feuille de route est discutée point par point.",
        },
    )

    assert response.status_code == 302
    minutes.refresh_from_db()
    roadmap.refresh_from_db()
    assert (minutes.summary, minutes.visibility) == ("Réunion constructive.", Visibility.PUBLIC)
    assert roadmap.minutes_notes == "La feuille de route est discutée point par point."
    assert AuditEvent.objects.filter(action="minutes.update").count() == 1
    assert AuditEvent.objects.filter(action="minutes.item_notes").count() == 2
    page = client.get(url("minutes", minutes.meeting)).content.decode()
    assert "La feuille de route est discutée point par point." in page


def test_a_member_who_is_not_secretariat_cannot_edit(client, minutes, people):
    client_of(client, people["member"])
    assert client.get(url("minutes_edit", minutes.meeting)).status_code == 403
    response = client.post(
        url("minutes_edit", minutes.meeting), {"summary": "Changé", "visibility": "public"}
    )
    assert response.status_code == 403
    minutes.refresh_from_db()
    assert minutes.summary == "Le comité a examiné la feuille de route."
    response = client.post(
        url("outcome_add", minutes.meeting), {"kind": "decision", "text": "Décision pirate"}
    )
    assert response.status_code == 403
    assert not Outcome.objects.exists()


# Outcomes -------------------------------------------------------------------------------------


def test_an_action_item_without_owner_is_refused_with_a_message(client, minutes, people):
    response = client_of(client, people["secretariat"]).post(
        url("outcome_add", minutes.meeting) + "?type=action_item",
        {"kind": "action_item", "text": "Rédiger le budget", "status": "open"},
    )

    assert response.status_code == 200
    assert "An action item needs someone responsible for it." in response.content.decode()
    assert not Outcome.objects.exists()


def test_outcomes_are_recorded_with_their_kind_item_owner_and_status(client, minutes, people):
    meeting = minutes.meeting
    roadmap = meeting.agenda_items.get(order=2)
    owner = member_user(meeting.space).person
    client_of(client, people["secretariat"])

    form = client.get(url("outcome_add", meeting) + "?type=recommendation")
    assert form.context["form"]["kind"].value() == "recommendation"
    client.post(
        url("outcome_add", meeting),
        {"kind": "decision", "text": DECISION, "agenda_item": roadmap.pk, "status": "open"},
    )
    client.post(
        url("outcome_add", meeting),
        {
            "kind": "action_item",
            "text": "Transmettre la feuille de route aux partenaires",
            "owner": owner.pk,
            "due_date": "2030-01-15",
        },
    )

    decision = Outcome.objects.get(kind=OutcomeKind.DECISION)
    assert (decision.text, decision.agenda_item, decision.status) == (DECISION, roadmap, "")
    action = Outcome.objects.get(kind=OutcomeKind.ACTION_ITEM)
    assert (action.owner, action.due_date, action.status) == (
        owner,
        datetime.date(2030, 1, 15),
        ActionStatus.OPEN,
    )
    assert AuditEvent.objects.filter(action="outcome.create").count() == 2
    page = client.get(url("minutes", meeting)).content.decode()
    assert DECISION in page and owner.full_name in page


def test_only_an_action_item_has_someone_responsible(client, minutes, people):
    owner = member_user(minutes.meeting.space).person
    response = client_of(client, people["secretariat"]).post(
        url("outcome_add", minutes.meeting),
        {"kind": "decision", "text": DECISION, "owner": owner.pk},
    )
    assert "Only action items have someone responsible and a due date." in (
        response.content.decode()
    )
    assert not Outcome.objects.exists()


def test_the_owner_is_chosen_among_attendees_and_members_by_name(client, minutes, people):
    meeting = minutes.meeting
    guest = PersonFactory(first_name="Zié", last_name="Aattendee")
    AttendanceFactory(meeting=meeting, person=guest)
    stranger = PersonFactory(first_name="Inconnu", last_name="Testétranger")
    client_of(client, people["secretariat"])

    owners = list(client.get(url("outcome_add", meeting)).context["form"].fields["owner"].queryset)
    assert guest in owners and people["member"].person in owners and stranger not in owners
    assert owners == sorted(owners, key=lambda person: (person.last_name, person.first_name))
    response = client.post(
        url("outcome_add", meeting),
        {"kind": "action_item", "text": "Hors liste", "owner": stranger.pk},
    )
    assert response.status_code == 200 and not Outcome.objects.exists()


def test_an_outcome_is_edited_and_deleted_while_in_draft_only(client, minutes, people):
    outcome = OutcomeFactory(minutes=minutes, text="Première rédaction")
    other = OutcomeFactory(minutes=minutes, text="À garder")
    client_of(client, people["secretariat"])

    client.post(
        url("outcome_edit", minutes.meeting, outcome.pk), {"kind": "decision", "text": DECISION}
    )
    outcome.refresh_from_db()
    assert outcome.text == DECISION
    client.post(url("outcome_delete", minutes.meeting, outcome.pk))
    assert not Outcome.objects.filter(pk=outcome.pk).exists()
    assert AuditEvent.objects.filter(action="outcome.delete").count() == 1

    submit_approve(minutes, people)
    response = client.post(url("outcome_delete", minutes.meeting, other.pk), follow=True)
    assert any("can no longer change" in message for message in messages_of(response))
    assert Outcome.objects.filter(pk=other.pk).exists()


# Workflow -------------------------------------------------------------------------------------


def test_empty_minutes_cannot_be_submitted(client, meeting, people):
    minutes = MinutesFactory(meeting=meeting, summary="")
    response = client_of(client, people["secretariat"]).post(
        url("minutes_action", meeting), {"action": "submit"}, follow=True
    )

    assert (
        "The minutes cannot be submitted yet: they need a summary and at least one outcome or "
        "the notes of an agenda item." in messages_of(response)
    )
    minutes.refresh_from_db()
    assert minutes.workflow_state == State.DRAFT


def test_submitting_asks_the_members_to_review(client, minutes, people):
    OutcomeFactory(minutes=minutes, text=DECISION)
    response = client_of(client, people["secretariat"]).post(
        url("minutes_action", minutes.meeting), {"action": "submit"}
    )

    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.workflow_state == State.IN_REVIEW
    notified = set(
        Notification.objects.filter(kind="minutes.review_requested").values_list(
            "recipient", flat=True
        )
    )
    assert notified == {people["approver"].pk, people["member"].pk}


def test_only_the_approver_approves(client, minutes, people):
    OutcomeFactory(minutes=minutes, text=DECISION)
    workflow_act(obj=minutes, action="submit", actor=people["secretariat"])

    for who in ("member", "secretariat"):
        response = client_of(client, people[who]).post(
            url("minutes_action", minutes.meeting), {"action": "approve"}
        )
        assert response.status_code == 403
        minutes.refresh_from_db()
        assert minutes.workflow_state == State.IN_REVIEW and minutes.approved_by is None
    assert not Revision.objects.exists()

    client_of(client, people["approver"]).post(
        url("minutes_action", minutes.meeting), {"action": "approve", "note": "Conforme."}
    )
    minutes.refresh_from_db()
    assert minutes.workflow_state == State.APPROVED and minutes.approved_by == people["approver"]
    assert set(
        Notification.objects.filter(kind="minutes.approved").values_list("recipient", flat=True)
    ) == {people["secretariat"].pk}


def test_a_member_comments_on_a_section(client, minutes, people):
    response = client_of(client, people["member"]).post(
        url("minutes_comment", minutes.meeting),
        {"section": "summary", "text": "Préciser les chiffres."},
    )
    assert response.status_code == 302
    page = client.get(url("minutes", minutes.meeting)).content.decode()
    assert "Préciser les chiffres." in page


def test_publishing_tells_every_attendee_and_lists_owners_their_items(
    client, minutes, people, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = minutes.meeting
    AttendanceFactory(meeting=meeting, person=people["member"].person)
    owner = member_user(meeting.space).person  # owns an item, was not there
    without_account = PersonFactory(email="awa.testkone@example.org")
    AttendanceFactory(meeting=meeting, person=without_account)
    removed = PersonFactory(email="parti@example.org")
    AttendanceFactory(meeting=meeting, person=removed, removed_at=timezone.now())
    OutcomeFactory(minutes=minutes, text=DECISION)
    OutcomeFactory(minutes=minutes, kind="action_item", text="Saisir les partenaires", owner=owner)
    OutcomeFactory(
        minutes=minutes, kind="action_item", text="Préparer l'atelier", owner=without_account
    )
    submit_approve(minutes, people)
    Notification.objects.all().delete()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(client, people["secretariat"]).post(
            url("minutes_action", meeting), {"action": "publish"}
        )

    assert response.status_code == 302
    published = Notification.objects.filter(kind="minutes.published")
    assert {n.recipient_id for n in published} == {
        people["member"].pk,
        owner.user_id,
    }
    assert "Saisir les partenaires" in published.get(recipient=owner.user).body
    assert "Saisir" not in published.get(recipient=people["member"]).body
    (mail,) = [m for m in mailoutbox if m.to == ["awa.testkone@example.org"]]
    assert "Préparer l'atelier" in mail.body
    # Members-only minutes: the reader without an account gets no link they could not open.
    assert minutes.get_absolute_url() not in mail.body
    assert "published for the members of the space" in mail.body
    assert not [m for m in mailoutbox if m.to == ["parti@example.org"]]


def test_public_minutes_are_linked_in_the_email_of_attendees_without_account(
    space, people, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory(space=space, starts_at=in_days(-3), visibility=Visibility.PUBLIC)
    minutes = MinutesFactory(meeting=meeting, visibility=Visibility.PUBLIC)
    OutcomeFactory(minutes=minutes, text=DECISION)
    AttendanceFactory(meeting=minutes.meeting, person=PersonFactory(email="k.test@example.org"))
    submit_approve(minutes, people)

    with django_capture_on_commit_callbacks(execute=True):
        workflow_act(obj=minutes, action="publish", actor=people["secretariat"])

    (mail,) = [m for m in mailoutbox if m.to == ["k.test@example.org"]]
    assert minutes.get_absolute_url() in mail.body


def test_published_minutes_change_only_through_a_new_version(client, minutes, people):
    OutcomeFactory(minutes=minutes, text=DECISION)
    publish(minutes, people)
    client_of(client, people["secretariat"])

    response = client.post(
        url("minutes_edit", minutes.meeting), {"summary": "Réécrit", "visibility": "members"}
    )
    assert "can no longer change" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.summary == "Le comité a examiné la feuille de route."

    client.post(url("minutes_action", minutes.meeting), {"action": "new_version"})
    client.post(
        url("minutes_edit", minutes.meeting),
        {"summary": "Le comité a adopté la feuille de route.", "visibility": "members"},
    )
    minutes.refresh_from_db()
    assert (minutes.version, minutes.summary) == (2, "Le comité a adopté la feuille de route.")
    versions = client.get(url("minutes_versions", minutes.meeting)).content.decode()
    assert "<del>examiné</del>" in versions and "<ins>adopté</ins>" in versions


# Who sees what --------------------------------------------------------------------------------


def test_public_minutes_reach_anonymous_visitors_only_once_published(client, space, people):
    meeting = MeetingFactory(space=space, starts_at=in_days(-3), visibility=Visibility.PUBLIC)
    minutes = MinutesFactory(meeting=meeting, visibility=Visibility.PUBLIC)
    OutcomeFactory(minutes=minutes, text=DECISION)
    AttendanceFactory(meeting=meeting, person=PersonFactory(first_name="Awa", last_name="Testnom"))

    response = client.get(url("minutes", meeting))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    publish(minutes, people)
    page = client.get(url("minutes", meeting)).content.decode()
    assert DECISION in page
    # Personal data is never public: the counts, not the names.
    assert "1 person attended." in page and "Testnom" not in page

    minutes.visibility = Visibility.MEMBERS
    minutes.save()
    assert client.get(url("minutes", meeting)).status_code == 302


def test_members_minutes_stay_hidden_from_outsiders(client, minutes, people):
    assert (
        client_of(client, people["outsider"]).get(url("minutes", minutes.meeting)).status_code
        == 404
    )
    private = SpaceFactory(visibility=Visibility.MEMBERS)
    hidden = MinutesFactory(meeting__space=private)
    assert client.get(url("minutes", hidden.meeting)).status_code == 404
    client.logout()
    assert client.get(url("minutes", hidden.meeting)).status_code == 404
    assert client.get(url("minutes_document", minutes.meeting, "pdf")).status_code == 302


def test_the_meeting_page_leads_to_the_minutes(client, minutes, people):
    page = client_of(client, people["member"]).get(minutes.meeting.get_absolute_url())
    assert url("minutes", minutes.meeting) in page.content.decode()
    fresh = MeetingFactory(space=minutes.meeting.space, starts_at=in_days(-1))
    assert "Start the minutes" not in client.get(fresh.get_absolute_url()).content.decode()
    page = client_of(client, people["secretariat"]).get(fresh.get_absolute_url())
    assert "Start the minutes" in page.content.decode()


# Documents ------------------------------------------------------------------------------------


@pytest.fixture
def recorded(minutes):
    """Minutes with a decision and two attendees."""
    OutcomeFactory(minutes=minutes, text=DECISION)
    organisation = OrganisationFactory(name="Union des ressortissants du Cavally en France")
    AttendanceFactory(
        meeting=minutes.meeting,
        person=PersonFactory(first_name="Awa", last_name="Testkoné", organisation=organisation),
    )
    AttendanceFactory(
        meeting=minutes.meeting,
        person=PersonFactory(first_name="Yao", last_name="Testkouamé", gender="M"),
        mode=ParticipationMode.ONLINE,
    )
    return minutes


def test_the_draft_pdf_and_docx_hold_the_decision_and_the_attendees(client, recorded, people):
    client_of(client, people["member"])

    pdf = client.get(url("minutes_document", recorded.meeting, "pdf"))
    docx = client.get(url("minutes_document", recorded.meeting, "docx"))

    for text in (pdf_text(pdf.content), docx_text(docx.content)):
        flat = " ".join(text.split())
        assert DECISION in flat
        assert "Awa Testkoné" in flat and "Yao Testkouamé" in flat
        assert "Union des ressortissants du Cavally en France" in flat
        assert "DRAFT" in flat
    assert not IssuedDocument.objects.exists()


def test_the_approved_minutes_are_archived_with_the_approver_and_checksum(client, recorded, people):
    submit_approve(recorded, people)
    client_of(client, people["member"])

    first = client.get(url("minutes_document", recorded.meeting, "pdf"))
    again = client.get(url("minutes_document", recorded.meeting, "pdf"))

    document = IssuedDocument.objects.get()
    assert (document.kind, document.version, document.approved_by) == (
        "minutes",
        1,
        people["approver"],
    )
    assert document.sha256 == sha256_of(first.content) == sha256_of(again.content)
    text = " ".join(pdf_text(first.content).split())
    assert "DRAFT" not in text and people["approver"].display_name in text


def test_the_public_copy_leaves_the_names_out(client, space, people):
    meeting = MeetingFactory(space=space, starts_at=in_days(-3), visibility=Visibility.PUBLIC)
    minutes = MinutesFactory(meeting=meeting, visibility=Visibility.PUBLIC)
    OutcomeFactory(minutes=minutes, text=DECISION)
    AttendanceFactory(meeting=meeting, person=PersonFactory(first_name="Awa", last_name="Testnom"))
    publish(minutes, people)

    text = " ".join(pdf_text(client.get(url("minutes_document", meeting, "pdf")).content).split())
    assert DECISION in text and "Testnom" not in text
    assert IssuedDocument.objects.get().key == "without-names"


def test_an_unknown_format_is_not_found(client, minutes, people):
    response = client_of(client, people["member"]).get(
        url("minutes_document", minutes.meeting, "odt")
    )
    assert response.status_code == 404


# Follow-up ------------------------------------------------------------------------------------


def test_an_action_item_status_changes_after_publication_and_is_audited(client, minutes, people):
    owner = people["member"].person
    item = OutcomeFactory(minutes=minutes, kind="action_item", text="Saisir", owner=owner)
    publish(minutes, people)

    response = client_of(client, people["member"]).post(
        url("outcome_status", minutes.meeting, item.pk), {"status": "done"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ActionStatus.OPEN

    back = reverse("meetings:action_items", args=[minutes.meeting.space.slug])
    response = client_of(client, people["secretariat"]).post(
        url("outcome_status", minutes.meeting, item.pk), {"status": "done", "next": back}
    )
    assert response["Location"] == back
    item.refresh_from_db()
    assert item.status == ActionStatus.DONE
    event = AuditEvent.objects.get(action="action_item.status")
    assert event.changes == {"status": ["open", "done"]} and event.actor == people["secretariat"]


def test_the_follow_up_list_filters_by_status_owner_and_lateness(client, minutes, people):
    space = minutes.meeting.space
    owner = PersonFactory(first_name="Mariam", last_name="Testdiarra")
    today = timezone.localdate()
    late = OutcomeFactory(
        minutes=minutes,
        kind="action_item",
        text="Action en retard",
        owner=owner,
        due_date=today - datetime.timedelta(days=3),
    )
    OutcomeFactory(
        minutes=minutes,
        kind="action_item",
        text="Action terminée",
        owner=people["member"].person,
        due_date=today - datetime.timedelta(days=3),
        status=ActionStatus.DONE,
    )
    OutcomeFactory(minutes=minutes, text="Une décision n'est pas une action")
    hidden = MinutesFactory(meeting__space=space, meeting__visibility=Visibility.RESTRICTED)
    OutcomeFactory(minutes=hidden, kind="action_item", text="Action confidentielle", owner=owner)
    list_url = reverse("meetings:action_items", args=[space.slug])
    client_of(client, people["member"])

    page = client.get(list_url).content.decode()
    assert "Action en retard" in page and "Action terminée" in page
    assert "Une décision" not in page and "Action confidentielle" not in page
    assert list(client.get(list_url + "?late=on").context["action_items"]) == [late]
    assert list(client.get(list_url + "?owner=diarra").context["action_items"]) == [late]
    done = client.get(list_url + "?status=done").context["action_items"]
    assert [item.text for item in done] == ["Action terminée"]
    assert 'class="is-late"' in page
    # Filtering with HTMX swaps the results only.
    partial = client.get(list_url + "?late=on", headers={"HX-Request": "true"}).content.decode()
    assert "Action en retard" in partial and "<h1>" not in partial


def test_the_follow_up_list_is_for_members(client, minutes, people):
    list_url = reverse("meetings:action_items", args=[minutes.meeting.space.slug])
    assert client.get(list_url).status_code == 302
    assert client_of(client, people["outsider"]).get(list_url).status_code == 403


# Queries --------------------------------------------------------------------------------------


def add_outcomes_and_attendees(minutes, count: int, start: int) -> None:
    organisation = OrganisationFactory()
    for index in range(start, start + count):
        person = PersonFactory(organisation=organisation)
        AttendanceFactory(meeting=minutes.meeting, person=person)
        OutcomeFactory(
            minutes=minutes,
            kind=["decision", "recommendation", "action_item"][index % 3],
            owner=person if index % 3 == 2 else None,
            due_date=timezone.localdate() if index % 3 == 2 else None,
            agenda_item=minutes.meeting.agenda_items.first(),
        )


def queries_for(client, page_url) -> int:
    client.get(page_url)  # warms what a normal visit finds warm (identity, session)
    with CaptureQueriesContext(connection) as context:
        response = client.get(page_url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["minutes", "action_items"])
def test_pages_cost_the_same_with_3_or_30_outcomes_and_attendees(client, minutes, people, page):
    client_of(client, people["secretariat"])
    if page == "minutes":
        page_url = url("minutes", minutes.meeting)
    else:
        page_url = reverse("meetings:action_items", args=[minutes.meeting.space.slug])
    add_outcomes_and_attendees(minutes, 3, start=0)
    with_three = queries_for(client, page_url)
    add_outcomes_and_attendees(minutes, 27, start=3)
    assert queries_for(client, page_url) == with_three


def test_members_find_the_action_items_from_the_space_page(client, space, people):
    space.visibility = Visibility.PUBLIC
    space.save()
    list_url = reverse("meetings:action_items", args=[space.slug])

    assert list_url not in client.get(space.get_absolute_url()).content.decode()
    client_of(client, people["member"])
    assert list_url in client.get(space.get_absolute_url()).content.decode()
