"""Invitation and registration pages, as the secretariat, members and the public use them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.directory.models import ConsentRecord, Person
from palabre.meetings.models import (
    Invitation,
    MeetingMode,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.directory.factories import PersonFactory
from tests.documents.utils import docx_text, pdf_text
from tests.meetings.factories import MeetingFactory, RegistrationFactory
from tests.spaces.factories import country, member_user

pytestmark = pytest.mark.django_db


def url(name, meeting, *args):
    return reverse(f"meetings:{name}", args=[meeting.space.slug, meeting.pk, *args])


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """E-mails leave once the transaction commits: run the callbacks the test transaction holds."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public_meeting():
    return MeetingFactory(visibility=Visibility.PUBLIC, capacity=1, title="Forum de la diaspora")


def public_form(**changes):
    data = {
        "first_name": "Aminata",
        "last_name": "Testtraoré",
        "email": "aminata@example.org",
        "phone": "+33 6 12 34 56 78",
        "gender": "F",
        "country_of_residence": country("FR").pk,
        "organisation": "Association des Maliens de Lyon",
        "mode": "in_person",
        "consent": "on",
    }
    return data | changes


# --- public form --------------------------------------------------------------------------------


def test_the_public_form_registers_a_new_person_with_their_consent(
    client, public_meeting, mailoutbox, committed
):
    with committed():
        response = client.post(url("public_register", public_meeting), public_form())

    assert response.status_code == 302
    assert response["Location"] == public_meeting.get_absolute_url()
    person = Person.objects.get(email="aminata@example.org")
    assert (person.first_name, person.last_name, person.phone) == (
        "Aminata",
        "Testtraoré",
        "+33612345678",
    )
    assert person.country_of_residence.iso2 == "FR"
    assert "Association des Maliens de Lyon" in person.notes
    consent = ConsentRecord.objects.get(person=person)
    assert consent.purpose == "Registration for the meeting: Forum de la diaspora"
    registration = Registration.objects.get(person=person)
    assert registration.source == RegistrationSource.PUBLIC_FORM
    assert registration.status == RegistrationStatus.REGISTERED
    (confirmation,) = mailoutbox
    assert confirmation.to == ["aminata@example.org"]
    assert reverse("meetings:cancel_by_token", args=[registration.token]) in confirmation.body
    page = client.get(response["Location"])
    assert "Thank you. Your registration request is recorded" in page.content.decode()


def test_a_known_address_or_a_duplicate_gets_the_same_answer_and_no_new_entry(
    client, public_meeting, mailoutbox, committed
):
    known = PersonFactory(email="aminata@example.org", first_name="Aminata")
    first = client.post(url("public_register", public_meeting), public_form(), follow=True)
    with committed():
        again = client.post(url("public_register", public_meeting), public_form(), follow=True)

    assert Person.objects.filter(email="aminata@example.org").get() == known
    assert Registration.objects.filter(person=known).count() == 1
    message = "Thank you. Your registration request is recorded"
    assert message in first.content.decode() and message in again.content.decode()
    assert "already" not in again.content.decode()
    assert [m.to for m in mailoutbox] == [["aminata@example.org"]]  # the confirmation again


def test_the_public_form_requires_the_consent(client, public_meeting):
    response = client.post(url("public_register", public_meeting), public_form(consent=""))

    assert response.status_code == 200
    assert response.context["form"].errors["consent"]
    assert not Person.objects.filter(email="aminata@example.org").exists()


def test_robots_filling_the_hidden_field_are_thanked_and_nothing_is_stored(client, public_meeting):
    response = client.post(
        url("public_register", public_meeting), public_form(website="http://spam.example.org")
    )

    assert response.status_code == 302
    assert not Person.objects.filter(email="aminata@example.org").exists()
    assert not Registration.objects.exists()


def test_a_full_room_puts_the_public_registrant_on_the_waiting_list(
    client, public_meeting, mailoutbox, committed
):
    RegistrationFactory(meeting=public_meeting)

    with committed():
        client.post(url("public_register", public_meeting), public_form())

    assert Registration.objects.get(person__email="aminata@example.org").status == (
        RegistrationStatus.WAITLISTED
    )
    assert "waiting list" in mailoutbox[0].body


def test_a_closed_meeting_says_so_on_the_public_form_and_stores_nothing(client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, registration_open=False)

    page = client.get(url("public_register", meeting))
    response = client.post(url("public_register", meeting), public_form())

    assert "Registration for this meeting is closed." in page.content.decode()
    assert "Registration for this meeting is closed." in response.content.decode()
    assert not Person.objects.filter(email="aminata@example.org").exists()


def test_the_public_form_of_a_members_meeting_does_not_exist(client):
    meeting = MeetingFactory(visibility=Visibility.MEMBERS)

    assert client.get(url("public_register", meeting)).status_code == 404
    assert client.post(url("public_register", meeting), public_form()).status_code == 404
    assert not Person.objects.filter(email="aminata@example.org").exists()


def test_the_public_form_offers_the_mode_only_for_a_hybrid_meeting(client):
    in_person = MeetingFactory(visibility=Visibility.PUBLIC)
    hybrid = MeetingFactory(
        visibility=Visibility.PUBLIC,
        mode=MeetingMode.HYBRID,
        online_url="https://visio.example.org/forum",
    )

    assert 'type="radio"' not in client.get(url("public_register", in_person)).content.decode()
    assert 'value="online"' in client.get(url("public_register", hybrid)).content.decode()


# --- signed in ----------------------------------------------------------------------------------


def test_a_member_registers_online_for_a_hybrid_meeting(client, mailoutbox, committed):
    meeting = MeetingFactory(mode=MeetingMode.HYBRID, online_url="https://visio.example.org/c")
    user = member_user(meeting.space)
    client.force_login(user)

    with committed():
        response = client.post(url("register", meeting), {"mode": "online"}, follow=True)

    registration = Registration.objects.get(person=user.person)
    assert (registration.mode, registration.source) == ("online", RegistrationSource.ACCOUNT)
    assert "You are registered." in response.content.decode()
    assert "Cancel my registration" in response.content.decode()
    assert "https://visio.example.org/c" in mailoutbox[0].body


def test_an_account_without_directory_entry_gets_one_when_registering(client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    user = make_user(full_name="Koffi Jean Testkouamé")
    client.force_login(user)

    form = client.get(url("register", meeting)).context["form"]
    assert (form.initial["first_name"], form.initial["last_name"]) == ("Koffi Jean", "Testkouamé")
    client.post(
        url("register", meeting),
        {"mode": "in_person", "first_name": "Koffi Jean", "last_name": "Testkouamé"},
    )

    person = Person.objects.get(user=user)
    assert (person.first_name, person.last_name, person.email) == (
        "Koffi Jean",
        "Testkouamé",
        user.email,
    )
    assert Registration.objects.filter(person=person, meeting=meeting).exists()


def test_a_confirmed_account_is_linked_to_its_directory_entry(client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC)
    user = make_user()
    entry = PersonFactory(email=user.email)
    client.force_login(user)

    client.post(
        url("register", meeting), {"mode": "in_person", "first_name": "X", "last_name": "Y"}
    )

    entry.refresh_from_db()
    assert entry.user == user
    assert Person.objects.filter(email=user.email).count() == 1
    assert Registration.objects.filter(person=entry).exists()


def test_the_meeting_page_shows_the_waiting_position_and_cancelling_gives_the_place(
    client, mailoutbox, committed
):
    meeting = MeetingFactory(capacity=1)
    holder = RegistrationFactory(meeting=meeting, person__email="holder@example.org")
    user = member_user(meeting.space)
    client.force_login(user)
    client.post(url("register", meeting), {"mode": "in_person"})

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "You are on the waiting list, in position 1." in page

    client.logout()
    with committed():
        client.post(reverse("meetings:cancel_by_token", args=[holder.token]))
    client.force_login(user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "You are registered (in person)." in page
    assert any(m.to == [user.email] and "A place has become free" in m.body for m in mailoutbox)


def test_a_member_cancels_their_own_registration(client):
    meeting = MeetingFactory()
    user = member_user(meeting.space)
    registration = RegistrationFactory(meeting=meeting, person=user.person)
    client.force_login(user)

    response = client.post(url("cancel_registration", meeting), follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "Your registration is cancelled." in response.content.decode()
    assert "Register again" in response.content.decode()


def test_the_meeting_page_offers_the_public_form_to_visitors_and_says_when_it_is_full(client):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, capacity=1)

    page = client.get(meeting.get_absolute_url()).content.decode()
    RegistrationFactory(meeting=meeting)
    full = client.get(meeting.get_absolute_url()).content.decode()

    assert url("public_register", meeting) in page
    assert "The room is full" not in page
    assert "The room is full: new in-person registrations go to the waiting list." in full


# --- cancelling by the e-mail's link ------------------------------------------------------------


def test_the_link_of_the_e_mail_asks_before_cancelling(client, mailoutbox, committed):
    registration = RegistrationFactory(meeting=MeetingFactory())
    link = reverse("meetings:cancel_by_token", args=[registration.token])

    page = client.get(link)
    registration.refresh_from_db()
    assert page.status_code == 200 and registration.status == RegistrationStatus.REGISTERED
    assert registration.meeting.title in page.content.decode()

    with committed():
        response = client.post(link, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "This registration is cancelled." in response.content.decode()
    assert "cancelled" in mailoutbox[0].subject


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("meetings:cancel_by_token", args=["nope"])).status_code == 404


# --- the secretariat ----------------------------------------------------------------------------


@pytest.fixture
def secretariat_client(client):
    meeting = MeetingFactory(capacity=2)
    client.force_login(member_user(meeting.space, role=Role.SECRETARIAT))
    client.meeting = meeting
    return client


def test_the_secretariat_invites_members_and_sees_who_answered(secretariat_client, committed):
    client, meeting = secretariat_client, secretariat_client.meeting
    member = member_user(meeting.space)
    nowhere = PersonFactory(email="", first_name="Sans", last_name="Testcourriel")

    with committed():
        response = client.post(
            url("invite", meeting), {"members": "on", "people": [nowhere.pk]}, follow=True
        )

    content = response.content.decode()
    assert Invitation.objects.filter(meeting=meeting).count() == 3  # with the secretariat
    assert "1 without e-mail: print their invitation (Sans Testcourriel)" in content
    RegistrationFactory(meeting=meeting, person=member.person)
    listing = client.get(url("invite", meeting)).content.decode()
    assert "Registered" in listing and "No answer" in listing


def test_invitations_of_people_without_e_mail_are_printed(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    nowhere = PersonFactory(email="", first_name="Sans", last_name="Testcourriel")
    reachable = PersonFactory(first_name="Avec", last_name="Testcourriel")
    client.post(url("invite", meeting), {"people": [nowhere.pk, reachable.pk]})

    page = client.get(url("invite", meeting)).content.decode()
    pdf = client.get(url("invitation_letters", meeting, "pdf"))
    word = client.get(url("invitation_letters", meeting, "docx"))

    assert "1 person invited has no e-mail address" in page
    text = " ".join(pdf_text(pdf.content).split())
    assert "Dear Sans Testcourriel," in text and meeting.title in text
    assert meeting.venue in text and "Avec Testcourriel" not in text
    assert "Dear Sans Testcourriel," in docx_text(word.content)


def test_no_letter_to_print_when_everyone_has_an_address(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting

    response = client.get(url("invitation_letters", meeting, "pdf"), follow=True)

    assert "Every person invited has an e-mail address." in response.content.decode()
    assert client.get(url("invitation_letters", meeting, "odt")).status_code == 404


def test_the_person_search_keeps_the_chosen_people_without_javascript(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    chosen = PersonFactory(first_name="Mariam", last_name="Testdiallo")
    PersonFactory(first_name="Fatou", last_name="Testdiallo")

    response = client.post(
        url("invite", meeting), {"q": "testdiallo", "people": [chosen.pk], "search": "1"}
    )

    picker = response.context["picker"]
    assert picker["chosen"] == [chosen]
    assert [p.first_name for p in picker["found"]] == ["Fatou"]
    assert not Invitation.objects.exists()


def test_the_htmx_search_answers_with_the_people_picker_only(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    PersonFactory(first_name="Fatou", last_name="Testdiallo")

    response = client.get(url("invite", meeting), {"q": "fatou"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="people-picker"')
    assert "Fatou" in content and "<html" not in content


def test_htmx_refreshes_the_list_or_the_person_choice(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    RegistrationFactory(meeting=meeting, person__last_name="Testakissi")
    PersonFactory(first_name="Yao", last_name="Testkonan")
    address = url("registrations", meeting)

    results = client.get(address, {"q": "akissi"}, headers={"HX-Request": "true"})
    choice = client.get(
        address, {"find": "konan"}, headers={"HX-Request": "true", "HX-Target": "person-choice"}
    )

    assert results.content.decode().lstrip().startswith('<div id="registration-results"')
    assert "Testakissi" in results.content.decode()
    assert 'id="person-choice"' in choice.content.decode()
    assert "Yao Testkonan" in choice.content.decode()


def test_the_secretariat_adds_and_cancels_a_registration(secretariat_client, mailoutbox, committed):
    client, meeting = secretariat_client, secretariat_client.meeting
    person = PersonFactory(first_name="Yao", last_name="Testkonan", email="yao@example.org")

    search = client.get(url("registrations", meeting), {"find": "konan"})
    assert "Yao" in search.content.decode()
    with committed():
        client.post(
            url("registrations", meeting) + "?find=konan",
            {"person": person.pk, "mode": "in_person"},
        )
    registration = Registration.objects.get(person=person)
    assert registration.source == RegistrationSource.SECRETARIAT

    with committed():
        response = client.post(url("registration_cancel", meeting, registration.pk), follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "The registration of Yao Testkonan is cancelled." in response.content.decode()
    assert [m.subject.split("] ")[1] for m in mailoutbox] == [
        f"Registration confirmed: {meeting.title}",
        f"Registration cancelled: {meeting.title}",
    ]


def test_adding_someone_already_registered_shows_why(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    registration = RegistrationFactory(meeting=meeting)

    response = client.post(
        url("registrations", meeting), {"person": registration.person.pk, "mode": "in_person"}
    )

    assert response.status_code == 200
    assert "is already registered for this meeting." in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_list_counts_filters_and_exports(secretariat_client):
    client, meeting = secretariat_client, secretariat_client.meeting
    RegistrationFactory(meeting=meeting, person__last_name="Testakissi")
    RegistrationFactory(meeting=meeting, person__last_name="Testbamba")
    RegistrationFactory(
        meeting=meeting, person__last_name="Testcoulibaly", status=RegistrationStatus.WAITLISTED
    )

    page = client.get(url("registrations", meeting))
    waiting = client.get(url("registrations", meeting), {"status": "waitlisted"})
    export = client.get(
        url("registrations_export", meeting), {"status": "registered", "format": "csv"}
    )

    counts = page.context["counts"]
    assert (counts.in_person, counts.waitlisted, counts.places_left) == (2, 1, 0)
    assert [r.person.last_name for r in waiting.context["registrations"]] == ["Testcoulibaly"]
    rows = list(
        csv.reader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )
    assert rows[0][:2] == ["Last name", "First name"]
    assert sorted(row[0] for row in rows[1:]) == ["Testakissi", "Testbamba"]
    assert AuditEvent.objects.filter(action="meeting.registrations_export").exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("invite", "get"),
        ("invite", "post"),
        ("registrations", "get"),
        ("registrations", "post"),
        ("registrations_export", "get"),
    ],
)
def test_a_member_may_not_manage_invitations_or_registrations(client, name, method):
    meeting = MeetingFactory()
    client.force_login(member_user(meeting.space))
    other = PersonFactory()

    response = getattr(client, method)(
        url(name, meeting),
        {"members": "on", "person": other.pk, "mode": "in_person"} if method == "post" else {},
    )

    assert response.status_code == 403
    assert not Invitation.objects.exists() and not Registration.objects.exists()


def test_a_member_may_not_cancel_someone_else_s_registration(client):
    meeting = MeetingFactory()
    registration = RegistrationFactory(meeting=meeting)
    client.force_login(member_user(meeting.space))

    response = client.post(url("registration_cancel", meeting, registration.pk))

    registration.refresh_from_db()
    assert response.status_code == 403 and registration.status == RegistrationStatus.REGISTERED


# --- queries ------------------------------------------------------------------------------------


def queries_for(client, address: str) -> int:
    client.get(address)  # warms the caches a normal visit finds warm
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "page", ["registrations", "registrations_export", "invite", "detail", "register"]
)
def test_pages_cost_the_same_with_3_or_30_people(secretariat_client, page):
    client, meeting = secretariat_client, secretariat_client.meeting
    meeting.capacity = None
    meeting.save()
    address = url(page, meeting) + ("?format=xlsx" if page == "registrations_export" else "")

    def add(count):
        for _ in range(count):
            registration = RegistrationFactory(meeting=meeting)
            Invitation.objects.create(meeting=meeting, person=registration.person, channel="person")

    add(3)
    few = queries_for(client, address)
    add(27)
    assert queries_for(client, address) == few
