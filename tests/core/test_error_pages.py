"""Error pages in the platform's layout; the 500 page must render when the database is down."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.accounts.factories import make_user


@pytest.mark.django_db
def test_a_missing_page_answers_404_in_the_layout(client):
    response = client.get("/no-such-page/", headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 404
    assert 'class="site-header"' in page
    assert "<h1>Page not found</h1>" in page
    assert f'href="{reverse("core:home")}"' in page


@pytest.mark.django_db
def test_a_refused_page_answers_403_in_the_layout_without_details(client):
    client.force_login(make_user())

    response = client.get(reverse("audit:list"), headers={"accept-language": "en"})

    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="site-header"' in page
    assert "<h1>Access refused</h1>" in page
    assert "Traceback" not in page and "PermissionDenied" not in page


def test_the_500_page_needs_no_database():
    # No django_db mark: any query here would make pytest-django fail the test.
    response = server_error(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>" in page and "/static/palabre/css/palabre.css" in page
