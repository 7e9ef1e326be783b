"""The opportunity pages load on slow links and offline deployments: nothing from elsewhere."""

import re

import pytest
from django.urls import reverse

from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, member_user
from tests.test_light_pages import FETCHING_ATTRIBUTE

from .factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_no_page_fetches_from_another_origin(client):
    space = SpaceFactory()
    opportunity = OpportunityFactory(space=space)
    client.force_login(member_user(space, role=Role.INVESTMENT_OFFICER))
    urls = [
        reverse("investment:opportunity_list"),
        reverse("investment:opportunity_create"),
        opportunity.get_absolute_url(),
        reverse("investment:opportunity_edit", args=[opportunity.pk]),
        reverse("investment:opportunity_status", args=[opportunity.pk]),
        reverse("investment:opportunity_document_add", args=[opportunity.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        fetched = FETCHING_ATTRIBUTE.findall(response.content.decode())
        assert fetched, url
        foreign = [link for link in fetched if re.match(r"^(https?:)?//", link)]
        assert not foreign, f"{url} fetches from another origin: {foreign}"
