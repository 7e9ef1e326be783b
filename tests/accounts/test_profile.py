"""The signed-in person edits their name, time zone and language, and sees their memberships."""

import pytest
from django.conf import settings
from django.urls import reverse

from palabre.spaces.models import Role

from ..spaces.factories import SpaceFactory, member_user
from .factories import make_user

pytestmark = pytest.mark.django_db

URL = reverse("accounts:profile")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_saves_time_zone_name_and_language_and_sets_the_language_cookie(client):
    user = make_user()
    client.force_login(user)

    response = client.post(
        URL, {"full_name": "Koffi Testyao", "time_zone": "America/Toronto", "language": "en"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.time_zone, user.language) == (
        "Koffi Testyao",
        "America/Toronto",
        "en",
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # The next page is in English and the header shows the new name.
    html = client.get(URL).content.decode()
    assert '<html lang="en">' in html
    assert "Koffi Testyao" in html


def test_unknown_time_zone_is_rejected_and_nothing_changes(client):
    user = make_user(time_zone="Africa/Abidjan", full_name="Awa Testkone")
    client.force_login(user)

    response = client.post(
        URL, {"full_name": "Changed Name", "time_zone": "Mars/Olympus_Mons", "language": "fr"}
    )

    assert response.status_code == 200
    assert "time_zone" in response.context["form"].errors
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("Awa Testkone", "Africa/Abidjan")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_common_time_zones_come_first(client):
    client.force_login(make_user())
    html = client.get(URL).content.decode()
    abidjan, toronto, zurich = (
        html.index('value="Africa/Abidjan"'),
        html.index('value="America/Toronto"'),
        html.index('value="Europe/Zurich"'),
    )
    assert abidjan < toronto < zurich
    assert 'value="Asia/Tokyo"' in html


def test_profile_shows_the_directory_entry_and_memberships(client):
    space = SpaceFactory(name="Comité de suivi Nawa-Diaspora")
    user = member_user(space, role=Role.RAPPORTEUR)
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert user.person.full_name in html
    assert "Comité de suivi Nawa-Diaspora" in html
    assert space.get_absolute_url() in html


def test_profile_of_an_account_without_directory_entry_says_so(client):
    client.force_login(make_user())
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["person"] is None


def test_profile_links_to_password_email_and_two_factor_pages(client):
    client.force_login(make_user())
    html = client.get(URL).content.decode()
    for name in ["account_change_password", "account_email", "mfa_index"]:
        assert f'href="{reverse(name)}"' in html
