"""Every allauth page a person meets renders inside Palabre's own layout."""

import re

import pytest
from django.urls import reverse

from .factories import ADMIN_TOTP_SECRET, log_in_with_form, make_admin, make_user, reauthenticate

pytestmark = pytest.mark.django_db

OUR_HEADER = 'class="site-header"'


def assert_in_our_layout(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert OUR_HEADER in html
    assert 'href="/static/palabre/css/palabre.css"' in html
    # One document, not allauth's bare layout nested in ours.
    assert html.count("<html") == 1


@pytest.mark.parametrize(
    "url_name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_use_our_layout(client, url_name):
    assert_in_our_layout(client.get(reverse(url_name)))


def test_login_page_has_labelled_fields_and_our_button(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login"' in html
    assert '<label for="id_password"' in html
    assert '<button class="button"' in html


def test_logout_confirmation_uses_our_layout(client):
    client.force_login(make_user())
    assert_in_our_layout(client.get(reverse("account_logout")))


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password"])
def test_account_management_pages_use_our_layout_and_account_menu(client, url_name):
    client.force_login(make_user())
    response = client.get(reverse(url_name))
    assert_in_our_layout(response)
    assert reverse("accounts:profile") in response.content.decode()


def test_unknown_confirmation_key_shows_a_page_in_our_layout(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))
    assert_in_our_layout(response)


def test_password_reset_link_pages_use_our_layout(client, mailoutbox):
    user = make_user(email="reset.page@example.org")
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://\S+/password/reset/key/\S+", mailoutbox[0].body).group(0)
    response = client.get(link, follow=True)
    assert_in_our_layout(response)
    assert 'name="password1"' in response.content.decode()


def test_two_factor_index_uses_our_layout_and_account_menu(client):
    user = make_user(email="totp.index@example.org")
    log_in_with_form(client, user.email)
    response = client.get(reverse("mfa_index"))
    assert_in_our_layout(response)
    assert reverse("accounts:profile") in response.content.decode()


def test_totp_setup_asks_for_the_password_again_then_shows_the_qr_code(client):
    user = make_user(email="qr@example.org")
    log_in_with_form(client, user.email)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert_in_our_layout(client.get(response["Location"]))

    reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert_in_our_layout(response)
    html = response.content.decode()
    assert 'src="data:image/svg+xml' in html
    assert 'id="authenticator_secret"' in html


def test_two_factor_code_page_uses_our_layout(client):
    admin = make_admin(email="code.page@example.org")
    response = log_in_with_form(client, admin.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert_in_our_layout(client.get(reverse("mfa_authenticate")))


def test_recovery_codes_page_uses_our_layout(client):
    admin = make_admin(email="codes.page@example.org")
    log_in_with_form(client, admin.email, totp_secret=ADMIN_TOTP_SECRET)
    reauthenticate(client)
    client.post(reverse("mfa_generate_recovery_codes"))
    response = client.get(reverse("mfa_view_recovery_codes"))
    assert_in_our_layout(response)
    assert 'id="recovery_codes"' in response.content.decode()
