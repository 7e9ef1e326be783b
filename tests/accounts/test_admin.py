"""The Django admin manages e-mail based accounts."""

import pytest
from django.urls import reverse

from palabre.accounts.models import User

from .factories import make_admin, make_user

pytestmark = pytest.mark.django_db


def test_admin_lists_and_finds_accounts_by_email(client):
    make_user(email="searched.person@example.org", full_name="Seydou Testtraore")
    make_user(email="other.person@example.org")
    client.force_login(make_admin())

    response = client.get(reverse("admin:accounts_user_changelist"), {"q": "seydou"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "searched.person@example.org" in html
    assert "other.person@example.org" not in html


def test_admin_creates_an_account_with_an_email_and_no_username(client):
    client.force_login(make_admin())

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "created.in.admin@example.org",
            "full_name": "Fatou Testcisse",
            "usable_password": "true",
            "password1": "Baobab-du-village-7",
            "password2": "Baobab-du-village-7",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="created.in.admin@example.org")
    assert user.check_password("Baobab-du-village-7")


def test_admin_change_page_renders(client):
    user = make_user()
    client.force_login(make_admin())
    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    assert response.status_code == 200
    assert user.email in response.content.decode()
