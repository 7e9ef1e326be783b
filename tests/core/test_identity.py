"""The visual identity an administrator sets appears on every page, the account pages included."""

import pytest
from django.urls import reverse

from palabre.core.models import SiteIdentity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["core:home", "account_login", "account_reset_password"])
def test_every_page_wears_the_configured_identity(client, url_name):
    identity = SiteIdentity.current()
    identity.name = "Palabre Bas-Sassandra"
    identity.primary_colour = "#12345a"
    identity.funding_disclaimer = "Cette plateforme est cofinancée par des partenaires fictifs."
    identity.save()
    page = client.get(reverse(url_name)).content.decode()
    assert "--primary:#12345a" in page
    assert "<span>Palabre Bas-Sassandra</span>" in page
    assert "cofinancée par des partenaires fictifs" in page
