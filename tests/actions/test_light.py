"""The action-plan pages load on slow links and offline deployments: nothing from elsewhere."""

import re

import pytest
from django.urls import reverse

from tests.meetings.factories import MinutesFactory, OutcomeFactory
from tests.spaces.factories import SpaceFactory
from tests.test_light_pages import FETCHING_ATTRIBUTE

from .factories import ActionFactory, ActionPlanFactory, ProgressUpdateFactory, people_of

pytestmark = pytest.mark.django_db


def test_no_page_fetches_from_another_origin(client):
    space = SpaceFactory()
    people = people_of(space)
    plan = ActionPlanFactory(space=space)
    action = ActionFactory(plan=plan)
    ProgressUpdateFactory(action=action)
    outcome = OutcomeFactory(minutes=MinutesFactory(meeting__space=space))
    client.force_login(people["secretariat"])
    urls = [
        reverse("actions:plan_list", args=[space.slug]),
        reverse("actions:plan_create", args=[space.slug]),
        plan.get_absolute_url(),
        reverse("actions:plan_edit", args=[space.slug, plan.pk]),
        reverse("actions:plan_versions", args=[space.slug, plan.pk]),
        reverse("actions:action_add", args=[space.slug, plan.pk]),
        action.get_absolute_url(),
        reverse("actions:action_edit", args=[space.slug, plan.pk, action.pk]),
        reverse("actions:progress_add", args=[space.slug, plan.pk, action.pk]),
        reverse("actions:promote_outcome", args=[space.slug, outcome.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        fetched = FETCHING_ATTRIBUTE.findall(response.content.decode())
        assert fetched, url
        foreign = [link for link in fetched if re.match(r"^(https?:)?//", link)]
        assert not foreign, f"{url} fetches from another origin: {foreign}"
