"""The actions of a plan: numbered, written while the plan is a draft, frozen once it is adopted,
editable again in a new version whose adopted predecessor stays readable."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from palabre.actions.models import Action, ActionStatus
from palabre.actions.services.plans import action_add
from palabre.audit.models import AuditEvent
from palabre.workflow.models import Revision
from palabre.workflow.services import workflow_act
from tests.directory.factories import OrganisationFactory
from tests.spaces.factories import SpaceFactory

from .factories import (
    ActionFactory,
    ActionPlanFactory,
    ProgressUpdateFactory,
    adopt,
    people_of,
    retained_theme,
    this_year,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def people(space):
    return people_of(space)


@pytest.fixture
def plan(space):
    return ActionPlanFactory(space=space, title="Plan d'action annuel")


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def action_form(**changes) -> dict:
    data = {
        "title": "Ouvrir le guichet diaspora à Soubré",
        "objective": "Informer les investisseurs de la diaspora.",
        "theme": "",
        "lead_organisation": "",
        "start_date": this_year(2, 1).isoformat(),
        "end_date": this_year(6, 30).isoformat(),
        "budget": "15000000",
        "currency": "XOF",
    }
    return {**data, **changes}


def add_url(plan):
    return reverse("actions:action_add", args=[plan.space.slug, plan.pk])


def edit_url(action):
    return reverse("actions:action_edit", args=[action.plan.space.slug, action.plan_id, action.pk])


# Adding ------------------------------------------------------------------------------------------


def test_actions_are_numbered_in_their_plan(client, plan, people):
    lead, partner = OrganisationFactory(name="Conseil régional de la Nawa"), OrganisationFactory()
    login(client, people["secretariat"])

    response = client.post(
        add_url(plan),
        {**action_form(lead_organisation=lead.pk), "partners": [partner.pk]},
    )
    assert response["Location"] == plan.get_absolute_url() + "#actions"
    client.post(add_url(plan), action_form(title="Organiser le forum annuel"))

    first, second = Action.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.lead_organisation == lead and list(first.partners.all()) == [partner]
    assert first.budget == Decimal("15000000") and first.status == ActionStatus.PLANNED
    assert AuditEvent.objects.filter(action="action.create").count() == 2
    assert (
        "Ouvrir le guichet diaspora à Soubré"
        in client.get(plan.get_absolute_url()).content.decode()
    )


def test_the_form_explains_what_is_wrong(client, plan, people):
    lead = OrganisationFactory()
    login(client, people["secretariat"])

    page = client.post(add_url(plan), action_form(title="")).content.decode()
    assert "This field is required." in page
    page = client.post(
        add_url(plan),
        action_form(start_date=this_year(6, 1).isoformat(), end_date=this_year(3, 1).isoformat()),
    ).content.decode()
    assert "The end cannot be before the start." in page
    page = client.post(
        add_url(plan),
        action_form(
            start_date=this_year(1, 1).replace(year=this_year().year + 2).isoformat(),
            end_date=this_year(6, 1).replace(year=this_year().year + 2).isoformat(),
        ),
    ).content.decode()
    assert "within the plan&#x27;s period" in page
    page = client.post(
        add_url(plan), {**action_form(lead_organisation=lead.pk), "partners": [lead.pk]}
    ).content.decode()
    assert "The lead organisation cannot also be one of the partners." in page
    page = client.post(add_url(plan), action_form(budget="-5")).content.decode()
    assert "greater than or equal to 0" in page
    assert not Action.objects.exists()


def test_a_member_cannot_add_edit_or_delete_actions(client, plan, people):
    action = ActionFactory(plan=plan, title="Titre d'origine")
    login(client, people["member"])

    assert client.get(add_url(plan)).status_code == 403
    assert client.post(add_url(plan), action_form()).status_code == 403
    assert client.post(edit_url(action), action_form(title="Changé")).status_code == 403
    delete = reverse("actions:action_delete", args=[plan.space.slug, plan.pk, action.pk])
    assert client.post(delete).status_code == 403
    assert list(Action.objects.values_list("title", flat=True)) == ["Titre d'origine"]
    assert not AuditEvent.objects.exists()


def test_a_retained_theme_chosen_for_an_action_enters_the_plan(client, plan, people):
    theme = retained_theme(plan.space)
    login(client, people["secretariat"]).post(add_url(plan), action_form(theme=theme.pk))

    action = Action.objects.get()
    theme.refresh_from_db()
    assert action.source_theme == theme and theme.status == "in_plan"
    # Another space's theme is not offered.
    foreign = retained_theme(SpaceFactory(), title="Thème d'un autre espace")
    page = client.post(add_url(plan), action_form(theme=foreign.pk)).content.decode()
    assert "Select a valid choice" in page


# Editing and deleting ----------------------------------------------------------------------------


def test_the_secretariat_edits_an_action_of_a_draft(client, plan, people):
    action = ActionFactory(plan=plan, title="Titre d'origine")
    response = login(client, people["secretariat"]).post(
        edit_url(action), action_form(title="Titre précisé")
    )
    assert response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.title == "Titre précisé"
    event = AuditEvent.objects.get(action="action.update")
    assert event.changes["title"] == ["Titre d'origine", "Titre précisé"]
    # The action's page lists the change in its history.
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Edited" in page and "title" in page


def test_an_action_of_an_adopted_plan_cannot_be_edited_nor_deleted(client, plan, people):
    action = ActionFactory(plan=plan, title="Titre adopté")
    adopt(plan, people)
    login(client, people["secretariat"])

    page = client.get(edit_url(action)).content.decode()
    assert "can no longer change" in page
    response = client.post(edit_url(action), action_form(title="Changé en douce"))
    assert response.status_code == 200
    assert "can no longer change" in response.content.decode()
    response = client.post(add_url(plan), action_form(title="Ajout tardif"))
    assert "can no longer change" in response.content.decode()
    delete = reverse("actions:action_delete", args=[plan.space.slug, plan.pk, action.pk])
    response = client.post(delete, follow=True)
    assert any("can no longer change" in message for message in messages_of(response))
    assert list(Action.objects.values_list("title", flat=True)) == ["Titre adopté"]
    # Neither can the services be called around the pages.
    with pytest.raises(Exception, match="can no longer change"):
        action_add(plan=plan, actor=people["secretariat"], title="Par le service")
    assert "Edit the action" not in client.get(action.get_absolute_url()).content.decode()


def test_a_new_version_makes_the_actions_editable_and_keeps_the_adopted_one(client, plan, people):
    action = ActionFactory(plan=plan, title="Titre de la version 1")
    adopt(plan, people)
    workflow_act(obj=plan, action="new_version", actor=people["secretariat"])

    login(client, people["secretariat"]).post(
        edit_url(action), action_form(title="Titre de la version 2")
    )
    action.refresh_from_db()
    assert action.title == "Titre de la version 2"
    adopted = Revision.objects.get(version=1)
    assert "Titre de la version 1" in {k: t for k, _, t in adopted.sections}["actions"]


def test_deleting_an_action_of_a_draft(client, plan, people):
    keep = ActionFactory(plan=plan)
    gone = ActionFactory(plan=plan, title="À supprimer")
    tracked = ActionFactory(plan=plan, title="Suivie")
    ProgressUpdateFactory(action=tracked)
    login(client, people["secretariat"])

    def delete(action):
        return client.post(
            reverse("actions:action_delete", args=[plan.space.slug, plan.pk, action.pk]),
            follow=True,
        )

    response = delete(gone)
    assert "Action 2 has been deleted." in messages_of(response)
    response = delete(tracked)
    assert any("cannot be deleted" in message for message in messages_of(response))
    assert set(Action.objects.values_list("pk", flat=True)) == {keep.pk, tracked.pk}
    assert AuditEvent.objects.get(action="action.delete").changes["action"][0].startswith("2.")


def test_an_action_page_shows_its_facts(client, plan, people):
    lead = OrganisationFactory(name="Conseil régional du Cavally")
    action = ActionFactory(
        plan=plan,
        title="Former les agents du guichet",
        lead_organisation=lead,
        budget=Decimal("2500000"),
        end_date=this_year(3, 31),
    )
    page = login(client, people["member"]).get(action.get_absolute_url()).content.decode()
    assert "Action 1: Former les agents du guichet" in page
    assert "Conseil régional du Cavally" in page and "XOF" in page
    assert "Added to the plan directly." in page
    assert "Record progress" not in page  # a member of another organisation
    assert action.end_date == datetime.date(this_year().year, 3, 31)
