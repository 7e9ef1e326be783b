"""The secretariat invites a directory person; the person chooses a password through the e-mail."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from palabre.accounts import services
from palabre.accounts.models import User
from palabre.audit.models import AuditEvent
from palabre.directory.models import Person
from palabre.spaces.models import Role

from ..spaces.factories import SpaceFactory, member_user
from .factories import log_in_with_form, make_admin, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Arbre-a-palabres-2026"


def make_person(**fields) -> Person:
    fields = {
        "first_name": "Mariam",
        "last_name": "Testdiallo",
        "email": "mariam@example.org",
    } | fields
    return Person.objects.create(**fields)


@pytest.fixture
def secretariat():
    return member_user(SpaceFactory(), role=Role.SECRETARIAT)


def invite(client, person, **data):
    return client.post(reverse("accounts:invite", args=[person.pk]), data)


def invitation_link(mail) -> str:
    return re.search(r"https?://\S+/compte/invitation/\S+/", mail.body).group(0)


def test_invitation_end_to_end(client, secretariat, mailoutbox):
    person = make_person()
    client.force_login(secretariat)

    response = invite(client, person)

    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    person.refresh_from_db()
    user = person.user
    assert user.email == "mariam@example.org"
    assert user.full_name == "Mariam Testdiallo"
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user, email=user.email).verified
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["mariam@example.org"]
    link = invitation_link(mailoutbox[0])

    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "person.invited",
        "invitation.accepted",
    }

    # The link served once: someone who finds it later cannot choose the password again.
    client.logout()
    response = client.post(
        link, {"new_password1": "Autre-mot-2026!", "new_password2": "Autre-mot-2026!"}
    )
    assert "This invitation link is no longer valid" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert "_auth_user_id" not in client.session

    # From now on the person logs in like everyone else.
    log_in_with_form(client, "mariam@example.org", NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_invitation_mail_is_in_the_inviters_language(client, mailoutbox, language):
    # The French catalogue is made separately; the date of expiry shows the language either way.
    client.force_login(make_admin(language=language))

    invite(client, make_person())

    valid_until = timezone.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    with translation.override(language):
        expected = formats.date_format(timezone.localtime(valid_until), "DATE_FORMAT")
    assert expected in mailoutbox[0].body
    if language == "en":
        assert mailoutbox[0].subject == "Your invitation to Palabre"


def test_a_weak_password_is_refused_and_the_link_still_works(client, secretariat, mailoutbox):
    client.force_login(secretariat)
    invite(client, make_person())
    link = invitation_link(mailoutbox[0])
    client.logout()

    response = client.post(link, {"new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert client.get(link).context["form"] is not None


def test_inviting_again_resends_without_a_second_account(client, secretariat, mailoutbox):
    person = make_person()
    client.force_login(secretariat)
    invite(client, person)
    invite(client, person)
    assert User.objects.filter(email=person.email).count() == 1
    assert len(mailoutbox) == 2
    assert AuditEvent.objects.filter(action="person.invited").count() == 2


def test_a_member_who_is_not_secretariat_gets_403_and_nothing_changes(client, mailoutbox):
    person = make_person()
    client.force_login(member_user(SpaceFactory(), role=Role.MEMBER))
    users_before = User.objects.count()

    response = invite(client, person)

    assert response.status_code == 403
    assert User.objects.count() == users_before
    person.refresh_from_db()
    assert person.user is None
    assert mailoutbox == []
    assert not AuditEvent.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client):
    person = make_person()
    response = invite(client, person)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    person.refresh_from_db()
    assert person.user is None


def test_the_invite_action_only_accepts_post(client, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("accounts:invite", args=[make_person().pk]))
    assert response.status_code == 405


def test_a_person_without_email_cannot_be_invited(client, secretariat, mailoutbox):
    person = make_person(email="")
    client.force_login(secretariat)

    response = invite(client, person)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("no e-mail address" in m or "adresse" in m for m in messages)
    person.refresh_from_db()
    assert person.user is None
    assert mailoutbox == []


def test_a_person_who_already_has_an_account_is_not_invited(client, secretariat, mailoutbox):
    person = make_person(user=make_user(email="mariam@example.org"))
    client.force_login(secretariat)
    users_before = User.objects.count()

    invite(client, person)

    assert User.objects.count() == users_before
    assert mailoutbox == []
    assert not AuditEvent.objects.filter(action="person.invited").exists()


def test_an_address_used_by_another_account_is_refused(client, secretariat, mailoutbox):
    make_user(email="mariam@example.org")
    person = make_person()
    client.force_login(secretariat)

    invite(client, person)

    person.refresh_from_db()
    assert person.user is None
    assert mailoutbox == []


def test_mail_failure_changes_nothing(client, secretariat, settings):
    settings.EMAIL_BACKEND = "tests.accounts.test_invitation.BrokenMailBackend"
    person = make_person()
    client.force_login(secretariat)

    response = invite(client, person)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user is None
    assert not User.objects.filter(email=person.email).exists()
    assert not AuditEvent.objects.exists()


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_next_parameter_brings_the_secretariat_back_but_never_elsewhere(client, secretariat):
    person = make_person()
    client.force_login(secretariat)
    assert invite(client, person, next="/espaces/")["Location"] == "/espaces/"
    response = invite(client, person, next="https://evil.example.org/")
    assert response["Location"] == person.get_absolute_url()


@pytest.mark.parametrize(
    "path", ["/compte/invitation/MA/not-a-token/", "/compte/invitation/%%%/x-y/"]
)
def test_a_wrong_link_shows_a_clear_page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "site-header" in response.content.decode()
    assert "form" not in response.context or response.context.get("form") is None


def render_invite_button(person, user) -> str:
    return render_to_string("accounts/_invite_button.html", {"person": person, "user": user})


def test_invite_button_follows_the_person_state(secretariat):
    person = make_person()
    invite_url = reverse("accounts:invite", args=[person.pk])
    assert invite_url in render_invite_button(person, secretariat)
    assert "Invite to create an account" in render_invite_button(person, secretariat)

    services.person_invite(actor=secretariat, person=person)
    person.refresh_from_db()
    assert "Send the invitation again" in render_invite_button(person, secretariat)

    person.user.set_password(NEW_PASSWORD)
    person.user.save()
    assert invite_url not in render_invite_button(person, secretariat)
    assert invite_url not in render_invite_button(make_person(email="b@example.org"), make_user())
