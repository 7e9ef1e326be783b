"""The main menu offers only what the visitor may open."""

import pytest
from django.urls import reverse

from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("directory:person_list")
AUDIT = reverse("audit:list")
ADMIN = reverse("admin:index")


def menu_of(client, user) -> str:
    if user is not None:
        client.force_login(user)
    page = client.get(reverse("core:home")).content.decode()
    return page[page.index('<nav class="main-nav"') : page.index("</nav>")]


def test_anonymous_visitors_see_public_pages_only(client):
    menu = menu_of(client, None)
    assert reverse("spaces:list") in menu
    assert DIRECTORY not in menu


def test_an_account_without_membership_is_not_offered_the_directory(client):
    menu = menu_of(client, make_user())
    assert DIRECTORY not in menu
    assert client.get(DIRECTORY).status_code == 403


def test_a_member_is_offered_the_directory_but_not_the_administration(client):
    menu = menu_of(client, member_user(SpaceFactory()))
    assert DIRECTORY in menu
    assert AUDIT not in menu and ADMIN not in menu


def test_a_site_administrator_reaches_the_audit_log_and_the_administration(client):
    menu = menu_of(client, make_admin())
    assert AUDIT in menu and ADMIN in menu
