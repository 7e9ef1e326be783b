"""Action plans: created and edited by the secretariat while a draft, bilateral between exactly
two countries, adopted through the workflow, listed for whoever may read them."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from palabre.actions.models import ActionPlan, PlanKind
from palabre.audit.models import AuditEvent
from palabre.notifications.models import Notification
from palabre.spaces.models import Visibility
from palabre.workflow.models import Revision, State
from palabre.workflow.services import workflow_act
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, country

from .factories import ActionFactory, ActionPlanFactory, adopt, people_of, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def people(space):
    return people_of(space)


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def plan_form(**changes) -> dict:
    data = {
        "title": "Plan d'action annuel",
        "kind": PlanKind.SPACE,
        "country_a": "",
        "country_b": "",
        "period_start": this_year(1, 1).isoformat(),
        "period_end": this_year(12, 31).isoformat(),
        "context": "Un an après le forum de la diaspora.",
        "objectives": "Ouvrir le guichet ; lancer la banque de projets.",
        "visibility": Visibility.PUBLIC,
    }
    return {**data, **changes}


# Creating and editing ---------------------------------------------------------------------------


def test_the_secretariat_creates_a_plan_of_the_space(client, space, people):
    response = login(client, people["secretariat"]).post(
        reverse("actions:plan_create", args=[space.slug]), plan_form()
    )

    plan = ActionPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.space, plan.kind, plan.workflow_state) == (space, PlanKind.SPACE, State.DRAFT)
    assert plan.created_by == people["secretariat"]
    assert AuditEvent.objects.filter(action="action_plan.create", object_id=str(plan.pk)).exists()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Plan d&#x27;action annuel" in page and "Draft" in page


def test_a_bilateral_plan_is_between_exactly_two_different_countries(client, space, people):
    login(client, people["secretariat"])
    url = reverse("actions:plan_create", args=[space.slug])
    ci, ma = country("CI"), country("MA")

    for countries in [("", ""), (ci.pk, ""), (ci.pk, ci.pk)]:
        response = client.post(
            url, plan_form(kind=PlanKind.BILATERAL, country_a=countries[0], country_b=countries[1])
        )
        assert response.status_code == 200
        assert "A bilateral plan is between exactly two different countries." in (
            response.content.decode()
        )
    response = client.post(url, plan_form(kind=PlanKind.SPACE, country_a=ci.pk, country_b=ma.pk))
    assert "Only a bilateral plan names countries" in response.content.decode()
    assert not ActionPlan.objects.exists()

    client.post(url, plan_form(kind=PlanKind.BILATERAL, country_a=ci.pk, country_b=ma.pk))
    plan = ActionPlan.objects.get()
    assert set(plan.countries.values_list("iso2", flat=True)) == {"CI", "MA"}
    assert "Morocco" in client.get(plan.get_absolute_url()).content.decode()


def test_the_period_must_end_after_it_starts(client, space, people):
    response = login(client, people["secretariat"]).post(
        reverse("actions:plan_create", args=[space.slug]),
        plan_form(period_end=this_year(1, 1).isoformat()),
    )
    assert "The period must end after it starts." in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_a_member_cannot_create_nor_edit_a_plan(client, space, people):
    plan = ActionPlanFactory(space=space, title="Plan initial")
    login(client, people["member"])

    assert client.get(reverse("actions:plan_create", args=[space.slug])).status_code == 403
    assert (
        client.post(reverse("actions:plan_create", args=[space.slug]), plan_form()).status_code
        == 403
    )
    response = client.post(
        reverse("actions:plan_edit", args=[space.slug, plan.pk]), plan_form(title="Piraté")
    )
    assert response.status_code == 403
    assert ActionPlan.objects.get().title == "Plan initial"
    assert not AuditEvent.objects.exists()


def test_the_secretariat_edits_a_draft_and_the_change_is_audited(client, space, people):
    plan = ActionPlanFactory(space=space, title="Plan initial")
    response = login(client, people["secretariat"]).post(
        reverse("actions:plan_edit", args=[space.slug, plan.pk]), plan_form(title="Plan 2026")
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Plan 2026"
    event = AuditEvent.objects.get(action="action_plan.update")
    assert event.changes["title"] == ["Plan initial", "Plan 2026"]


def test_an_adopted_plan_refuses_edits_with_a_message(client, space, people):
    plan = ActionPlanFactory(space=space, title="Plan adopté")
    ActionFactory(plan=plan)
    adopt(plan, people)
    login(client, people["secretariat"])
    url = reverse("actions:plan_edit", args=[space.slug, plan.pk])

    page = client.get(url).content.decode()
    assert "can no longer change" in page and '<form method="post"' not in page
    response = client.post(url, plan_form(title="Changé après coup"))
    assert response.status_code == 200
    assert "can no longer change" in response.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Plan adopté"


# The workflow -----------------------------------------------------------------------------------


def test_a_plan_without_action_cannot_be_submitted(client, space, people):
    plan = ActionPlanFactory(space=space)
    response = login(client, people["secretariat"]).post(
        reverse("actions:plan_action", args=[space.slug, plan.pk]), {"action": "submit"}
    )
    assert "The plan cannot be submitted without any action." in messages_of(response)
    plan.refresh_from_db()
    assert plan.workflow_state == State.DRAFT


def test_only_the_approver_adopts_and_the_plan_shows_adopted(client, space, people):
    plan = ActionPlanFactory(space=space)
    ActionFactory(plan=plan, title="Ouvrir le guichet diaspora")
    workflow_act(obj=plan, action="submit", actor=people["secretariat"])
    assert Notification.objects.filter(
        recipient=people["member"], kind="action_plan.review_requested"
    ).exists()
    url = reverse("actions:plan_action", args=[space.slug, plan.pk])

    assert login(client, people["secretariat"]).post(url, {"action": "approve"}).status_code == 403
    assert login(client, people["member"]).post(url, {"action": "approve"}).status_code == 403
    login(client, people["approver"]).post(url, {"action": "approve"})

    plan.refresh_from_db()
    assert plan.workflow_state == State.APPROVED and plan.is_adopted
    revision = Revision.objects.get()
    assert "Ouvrir le guichet diaspora" in {k: t for k, _, t in revision.sections}["actions"]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'badge badge-published">Adopted' in page
    assert Notification.objects.filter(
        recipient=people["secretariat"], kind="action_plan.approved"
    ).exists()


def test_members_comment_on_a_section_while_in_review(client, space, people):
    plan = ActionPlanFactory(space=space)
    ActionFactory(plan=plan)
    workflow_act(obj=plan, action="submit", actor=people["secretariat"])
    login(client, people["member"]).post(
        reverse("actions:plan_comment", args=[space.slug, plan.pk]),
        {"section": "objectives", "text": "Ajouter un objectif chiffré pour la diaspora."},
    )
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Ajouter un objectif chiffré pour la diaspora." in page


def test_versions_page_compares_the_adopted_versions(client, space, people):
    plan = ActionPlanFactory(space=space)
    ActionFactory(plan=plan, title="Première action")
    adopt(plan, people)
    workflow_act(obj=plan, action="new_version", actor=people["secretariat"])
    ActionFactory(plan=plan, title="Action ajoutée en version 2")
    adopt(plan, people)

    page = login(client, people["member"]).get(
        reverse("actions:plan_versions", args=[space.slug, plan.pk]) + "?version=2"
    )
    assert (
        "<ins>" in page.content.decode() and "Action ajoutée en version 2" in page.content.decode()
    )


# Who sees which plan ----------------------------------------------------------------------------


def test_the_public_reads_a_public_plan_only_once_published(client, space, people):
    plan = ActionPlanFactory(space=space, title="Plan public")
    ActionFactory(plan=plan)
    url = plan.get_absolute_url()
    list_url = reverse("actions:plan_list", args=[space.slug])

    assert client.get(url).status_code == 302  # to the login page
    assert "Plan public" not in client.get(list_url).content.decode()
    assert login(client, people["outsider"]).get(url).status_code == 404
    client.logout()

    adopt(plan, people, publish=False)
    assert client.get(url).status_code == 302
    workflow_act(obj=plan, action="publish", actor=people["secretariat"])
    assert client.get(url).status_code == 200
    assert "Plan public" in client.get(list_url).content.decode()
    # A new version being prepared keeps the plan readable.
    workflow_act(obj=plan, action="new_version", actor=people["secretariat"])
    assert client.get(url).status_code == 200


def test_members_and_restricted_plans(client, space, people):
    members = ActionPlanFactory(space=space, title="Plan des membres", visibility="members")
    restricted = ActionPlanFactory(space=space, title="Plan restreint", visibility="restricted")
    for plan in (members, restricted):
        ActionFactory(plan=plan)
        adopt(plan, people)
    list_url = reverse("actions:plan_list", args=[space.slug])

    assert client.get(members.get_absolute_url()).status_code == 302
    assert "Plan des membres" not in client.get(list_url).content.decode()
    login(client, people["member"])
    assert client.get(members.get_absolute_url()).status_code == 200
    assert client.get(restricted.get_absolute_url()).status_code == 404
    page = client.get(list_url).content.decode()
    assert "Plan des membres" in page and "Plan restreint" not in page
    login(client, people["secretariat"])
    assert client.get(restricted.get_absolute_url()).status_code == 200
    assert "Plan restreint" in client.get(list_url).content.decode()


def test_the_plans_of_a_hidden_space_are_hidden(client, people):
    hidden = SpaceFactory(visibility=Visibility.MEMBERS)
    plan = ActionPlanFactory(space=hidden)
    assert client.get(reverse("actions:plan_list", args=[hidden.slug])).status_code == 404
    assert client.get(plan.get_absolute_url()).status_code == 404


# The list ---------------------------------------------------------------------------------------


def test_the_list_filters_by_search_kind_adoption_and_year(client, space, people):
    adopted = ActionPlanFactory(space=space, title="Plan du guichet unique de Soubré")
    ActionFactory(plan=adopted)
    adopt(adopted, people)
    bilateral = ActionPlanFactory(
        space=space, title="Plan bilatéral Côte d'Ivoire – Maroc", kind=PlanKind.BILATERAL
    )
    bilateral.countries.set([country("CI"), country("MA")])
    older = ActionPlanFactory(
        space=space,
        title="Plan de l'an passé",
        period_start=this_year().replace(year=this_year().year - 1),
        period_end=this_year(12, 31).replace(year=this_year().year - 1),
    )
    login(client, people["member"])
    url = reverse("actions:plan_list", args=[space.slug])

    def titles(query):
        return [plan.title for plan in client.get(url + query).context["plans"]]

    assert set(titles("")) == {adopted.title, bilateral.title, older.title}
    assert titles("?q=soubré") == [adopted.title]
    assert titles("?kind=bilateral") == [bilateral.title]
    assert titles("?adopted=yes") == [adopted.title]
    assert set(titles("?adopted=no")) == {bilateral.title, older.title}
    assert titles(f"?year={older.period_start.year}") == [older.title]
    partial = client.get(url + "?kind=space", headers={"HX-Request": "true"}).content.decode()
    assert "Plan du guichet unique de Soubré" in partial and "<h1>" not in partial


def test_the_list_is_paginated(client, space, people, settings):
    ActionPlanFactory.create_batch(27, space=space)
    login(client, people["member"])
    url = reverse("actions:plan_list", args=[space.slug])
    assert len(client.get(url).context["plans"]) == 25
    assert len(client.get(url + "?page=2").context["plans"]) == 2


def test_the_list_costs_the_same_with_2_or_20_plans(client, space, people):
    login(client, people["member"])
    url = reverse("actions:plan_list", args=[space.slug])
    for plan in ActionPlanFactory.create_batch(2, space=space, kind=PlanKind.BILATERAL):
        plan.countries.set([country("CI"), country("MA")])
        ActionFactory.create_batch(2, plan=plan)
    with_two = queries_for(client, url)
    for plan in ActionPlanFactory.create_batch(18, space=space, kind=PlanKind.BILATERAL):
        plan.countries.set([country("CI"), country("SN")])
        ActionFactory.create_batch(3, plan=plan)
    assert queries_for(client, url) == with_two
