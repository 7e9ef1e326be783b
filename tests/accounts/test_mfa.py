"""Site administrators must use TOTP: without it, every page sends them to set it up."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from .factories import (
    ADMIN_TOTP_SECRET,
    log_in_with_form,
    make_admin,
    make_user,
    reauthenticate,
    totp_code,
)

pytestmark = pytest.mark.django_db


def test_staff_without_totp_is_sent_to_the_totp_setup(client):
    client.force_login(make_user(is_staff=True))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_totp_cannot_reach_the_admin_either(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_totp_reaches_pages(client):
    client.force_login(make_admin())
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_ordinary_user_without_totp_is_not_redirected(client):
    client.force_login(make_user())
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_member_sets_up_totp_then_reaches_the_site(client):
    staff = make_user(email="new.admin@example.org", is_staff=True)
    log_in_with_form(client, staff.email)
    assert client.get(reverse("core:home"))["Location"] == reverse("mfa_activate_totp")

    reauthenticate(client)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(reverse("core:home")).status_code == 200


def test_admin_login_asks_for_the_code(client):
    admin = make_admin(email="coded.admin@example.org")
    response = log_in_with_form(client, admin.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": totp_code(ADMIN_TOTP_SECRET)})
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_requirement_can_be_switched_off(client, settings):
    settings.PALABRE_STAFF_MFA_REQUIRED = False
    client.force_login(make_user(is_staff=True))
    assert client.get(reverse("core:home")).status_code == 200
