"""A decision or action item of approved minutes, or a retained theme, becomes an action of a
draft plan in one step, and both sides show the link."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from palabre.actions.models import Action
from palabre.audit.models import AuditEvent
from palabre.deliberation.models import ThemeStatus
from palabre.meetings.services.minutes import outcome_delete
from palabre.spaces.models import Visibility
from palabre.workflow.services import workflow_act
from tests.directory.factories import OrganisationFactory, PersonFactory
from tests.meetings.factories import MeetingFactory, MinutesFactory, OutcomeFactory, in_days
from tests.spaces.factories import SpaceFactory

from .factories import ActionPlanFactory, people_of, retained_theme, this_year

pytestmark = pytest.mark.django_db

DECISION = "Le guichet diaspora sera ouvert dans les trois conseils régionaux."


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def people(space):
    return people_of(space)


@pytest.fixture
def minutes(space):
    meeting = MeetingFactory(
        space=space,
        title="Forum de la diaspora",
        starts_at=in_days(-20),
        visibility=Visibility.MEMBERS,
    )
    return MinutesFactory(meeting=meeting, summary="Le forum a réuni 88 participants.")


@pytest.fixture
def plan(space):
    return ActionPlanFactory(space=space, title="Plan d'action 2027")


def approve(minutes, people):
    workflow_act(obj=minutes, action="submit", actor=people["secretariat"])
    workflow_act(obj=minutes, action="approve", actor=people["approver"])


def login(client, user):
    client.force_login(user)
    return client


def promote_url(outcome):
    return reverse("actions:promote_outcome", args=[outcome.minutes.meeting.space.slug, outcome.pk])


def form(plan, **changes) -> dict:
    data = {
        "plan": plan.pk,
        "title": "Ouvrir le guichet diaspora",
        "objective": "",
        "theme": "",
        "lead_organisation": "",
        "start_date": this_year(2, 1).isoformat(),
        "end_date": this_year(6, 30).isoformat(),
        "budget": "",
        "currency": "XOF",
    }
    return {**data, **changes}


def test_a_decision_becomes_an_action_and_both_show_the_link(client, minutes, plan, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    login(client, people["secretariat"])

    # The minutes offer the button; the form comes prefilled from the decision.
    page = client.get(minutes.get_absolute_url()).content.decode()
    assert promote_url(decision) in page and "Add to an action plan" in page
    prefilled = client.get(promote_url(decision)).context["form"].initial
    assert (
        prefilled["title"] == DECISION
        and prefilled["start_date"] == minutes.meeting.starts_at.date()
    )

    response = client.post(promote_url(decision), form(plan, title=DECISION))
    assert response["Location"] == minutes.get_absolute_url() + "#outcomes"
    action = Action.objects.get()
    assert (action.plan, action.number, action.source_outcome) == (plan, 1, decision)
    assert AuditEvent.objects.get(action="action.create").note.startswith("Minutes")

    # The minutes show "→ Action 1 of Plan d'action 2027", linked to the action.
    page = client.get(minutes.get_absolute_url()).content.decode()
    assert "Action 1 of Plan d&#x27;action 2027" in page and action.get_absolute_url() in page
    # The action shows where it came from: the meeting and the decision.
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Forum de la diaspora" in page and DECISION in page
    assert (
        reverse("meetings:minutes", args=[minutes.meeting.space.slug, minutes.meeting_id]) in page
    )
    # Members see the link too, but not the button.
    page = login(client, people["member"]).get(minutes.get_absolute_url()).content.decode()
    assert "Action 1 of Plan d&#x27;action 2027" in page and promote_url(decision) not in page


def test_an_action_item_brings_its_owner_organisation_and_due_date(client, minutes, plan, people):
    region = OrganisationFactory(name="Conseil régional du Cavally")
    owner = PersonFactory(organisation=region)
    due = this_year(9, 30)
    item = OutcomeFactory(
        minutes=minutes,
        kind="action_item",
        text="Recenser les projets de la diaspora",
        owner=owner,
        due_date=due,
    )
    approve(minutes, people)
    login(client, people["secretariat"])

    initial = client.get(promote_url(item)).context["form"].initial
    assert (initial["lead_organisation"], initial["end_date"]) == (region.pk, due)
    client.post(
        promote_url(item),
        form(plan, title=item.text, lead_organisation=region.pk, end_date=due.isoformat()),
    )
    action = Action.objects.get()
    assert action.lead_organisation == region and action.end_date == due
    follow_up = client.get(reverse("meetings:action_items", args=[plan.space.slug]))
    assert "Action 1 of Plan d&#x27;action 2027" in follow_up.content.decode()


def test_only_decisions_and_action_items_of_approved_minutes(client, minutes, plan, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    recommendation = OutcomeFactory(minutes=minutes, kind="recommendation", text="Communiquer.")
    login(client, people["secretariat"])

    # Still a draft: no button, and the form says why.
    assert promote_url(decision) not in client.get(minutes.get_absolute_url()).content.decode()
    page = client.get(promote_url(decision)).content.decode()
    assert "Only the decisions and action items of approved minutes" in page
    client.post(promote_url(decision), form(plan))
    approve(minutes, people)
    page = client.get(promote_url(recommendation)).content.decode()
    assert "Only the decisions and action items of approved minutes" in page
    client.post(promote_url(recommendation), form(plan))
    assert not Action.objects.exists()


def test_the_plan_must_be_a_draft_of_the_same_space_and_not_have_it_already(
    client, minutes, plan, people
):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    other = ActionPlanFactory(space=SpaceFactory(), title="Plan d'un autre espace")
    login(client, people["secretariat"])

    page = client.post(promote_url(decision), form(other)).content.decode()
    assert "Select a valid choice" in page
    client.post(promote_url(decision), form(plan))
    page = client.post(promote_url(decision), form(plan)).content.decode()
    assert "This is already action 1 of this plan." in page
    assert Action.objects.count() == 1


def test_without_a_draft_plan_the_page_says_so(client, minutes, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    page = login(client, people["secretariat"]).get(promote_url(decision)).content.decode()
    assert "No action plan of this space is a draft" in page


def test_a_member_cannot_promote(client, minutes, plan, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    login(client, people["member"])
    assert client.get(promote_url(decision)).status_code == 403
    assert client.post(promote_url(decision), form(plan)).status_code == 403
    assert not Action.objects.exists()


def test_a_retained_theme_becomes_an_action_and_enters_the_plan(client, space, plan, people):
    theme = retained_theme(space, title="Tourisme balnéaire à Grand-Béréby")
    login(client, people["secretariat"])

    # The draft plan lists the retained themes it does not carry yet.
    url = reverse("actions:promote_theme", args=[space.slug, theme.pk])
    assert url in client.get(plan.get_absolute_url()).content.decode()
    page = client.get(f"{url}?plan={plan.pk}")
    assert page.context["form"].initial["title"] == theme.title
    response = client.post(url, form(plan, title="Étudier un circuit touristique à Grand-Béréby"))

    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    theme.refresh_from_db()
    assert action.source_theme == theme and theme.status == ThemeStatus.IN_PLAN
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Tourisme balnéaire à Grand-Béréby" in page
    # Filtering the plan by this theme finds the action.
    found = client.get(plan.get_absolute_url() + f"?theme={theme.pk}").context["actions"]
    assert list(found) == [action]


def test_a_theme_not_retained_cannot_become_an_action(client, space, plan, people):
    theme = retained_theme(space, status=ThemeStatus.PROPOSED)
    url = reverse("actions:promote_theme", args=[space.slug, theme.pk])
    page = login(client, people["secretariat"]).get(url).content.decode()
    assert "Only a theme the space has retained can lead to an action." in page
    page = client.post(url, form(plan)).content.decode()
    assert "Only a theme the space has retained can lead to an action." in page
    assert not Action.objects.exists()
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.PROPOSED


def test_a_public_plan_does_not_disclose_a_members_meeting(client, minutes, plan, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    login(client, people["secretariat"]).post(promote_url(decision), form(plan))
    action = Action.objects.get()
    workflow_act(obj=plan, action="submit", actor=people["secretariat"])
    workflow_act(obj=plan, action="approve", actor=people["approver"])
    workflow_act(obj=plan, action="publish", actor=people["secretariat"])
    client.logout()

    page = client.get(action.get_absolute_url()).content.decode()
    assert "Forum de la diaspora" not in page
    assert "From the minutes: Decision — meeting of" in page
    assert datetime.date.today() > minutes.meeting.starts_at.date()


def test_an_outcome_carried_out_by_an_action_cannot_be_deleted(minutes, plan, people):
    decision = OutcomeFactory(minutes=minutes, kind="decision", text=DECISION)
    approve(minutes, people)
    Action.objects.create(plan=plan, number=1, title="Ouvrir le guichet", source_outcome=decision)
    workflow_act(obj=minutes, action="send_back", actor=people["secretariat"])

    with pytest.raises(ValidationError, match="action plan carries out this outcome"):
        outcome_delete(outcome=decision, actor=people["secretariat"])
    assert minutes.outcomes.filter(pk=decision.pk).exists()


def test_a_retained_theme_offers_the_plans_and_then_shows_its_action(client, plan, people, space):
    theme = retained_theme(space)
    login(client, people["secretariat"])
    page = client.get(theme.get_absolute_url()).content.decode()
    promote = reverse("actions:promote_theme", args=[space.slug, theme.pk])
    assert promote in page

    action = Action.objects.create(
        plan=plan, number=4, title="Former les guides", source_theme=theme
    )

    page = login(client, people["member"]).get(theme.get_absolute_url()).content.decode()
    assert action.get_absolute_url() in page and promote not in page
