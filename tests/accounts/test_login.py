"""Logging in by e-mail, e-mail verification and password reset, through allauth's pages."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from palabre.accounts.models import User

from .factories import DEFAULT_PASSWORD, log_in_with_form, make_user

pytestmark = pytest.mark.django_db


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_login_by_email_signs_the_person_in(client):
    user = make_user(email="Awa.Testkone@example.org")
    response = log_in_with_form(client, "awa.testkone@EXAMPLE.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert signed_in_user_id(client) == str(user.pk)


def test_wrong_password_is_refused_with_a_message(client):
    make_user(email="wrong.password@example.org")
    response = log_in_with_form(client, "wrong.password@example.org", "not-the-password")
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert response.context["form"].errors


def test_unverified_address_cannot_log_in_and_gets_a_verification_mail(client, mailoutbox):
    user = User.objects.create_user(email="unverified@example.org", password=DEFAULT_PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = log_in_with_form(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    assert [m.to for m in mailoutbox] == [[user.email]]


def test_signup_sends_a_verification_mail_and_the_link_verifies(client, mailoutbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.member@example.org",
            "password1": "Baobab-2026!",
            "password2": "Baobab-2026!",
        },
    )
    assert response.status_code == 302
    assert signed_in_user_id(client) is None
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[0].body).group(0)

    client.post(link)

    assert EmailAddress.objects.get(email="new.member@example.org").verified


def test_password_reset_mail_link_sets_a_new_password(client, mailoutbox):
    user = make_user(email="forgetful@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    link = re.search(r"https?://\S+/password/reset/key/\S+", mailoutbox[0].body).group(0)

    # allauth moves the key from the URL into the session, then shows the form.
    response = client.get(link, follow=True)
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"password1": "Nouveau-Baobab-42", "password2": "Nouveau-Baobab-42"}
    )
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password("Nouveau-Baobab-42")
    client.logout()
    log_in_with_form(client, user.email, "Nouveau-Baobab-42")
    assert signed_in_user_id(client) == str(user.pk)
