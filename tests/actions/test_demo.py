"""The demo's action plans: the annual plan 2026 adopted with a dozen actions (some from the
minutes, some late, with progress), and a bilateral Côte d'Ivoire – Morocco plan in draft."""

import io

import pytest
from django.core.management import call_command

from palabre.actions import demo
from palabre.actions.models import Action, ActionPlan, PlanKind, ProgressUpdate
from palabre.workflow.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(mailoutbox):
    call_command("seed_demo", stdout=io.StringIO(), show_accounts=False)
    demo.seed(stdout=io.StringIO())


def test_the_demo_has_an_adopted_annual_plan_and_a_bilateral_draft(seeded, client):
    annual = ActionPlan.objects.get(title=demo.ANNUAL_TITLE)
    assert annual.workflow_state == State.PUBLISHED and annual.is_adopted
    actions = annual.actions.all()
    assert actions.count() == 12
    assert actions.filter(source_outcome__isnull=False).count() >= 4
    assert Action.objects.filter(plan=annual).late().count() >= 2
    assert {"done", "in_progress", "delayed", "cancelled"} <= set(
        actions.values_list("status", flat=True)
    )
    assert ProgressUpdate.objects.filter(action__plan=annual).count() >= 10
    # Promoted actions keep their decision, and the minutes show it.
    promoted = actions.filter(source_outcome__isnull=False).first()
    minutes_page = client.get(promoted.source_outcome.minutes.get_absolute_url())
    assert promoted.get_absolute_url() in minutes_page.content.decode()

    bilateral = ActionPlan.objects.get(title=demo.BILATERAL_TITLE)
    assert bilateral.kind == PlanKind.BILATERAL and bilateral.workflow_state == State.DRAFT
    assert set(bilateral.countries.values_list("iso2", flat=True)) == {"CI", "MA"}
    assert bilateral.actions.count() == 4
    senegal = ActionPlan.objects.get(title=demo.SENEGAL_TITLE)
    assert senegal.kind == PlanKind.BILATERAL and senegal.workflow_state == State.PUBLISHED
    assert senegal.actions.filter(status="done").count() == 3
    # Anyone can read the adopted plan.
    assert client.get(annual.get_absolute_url()).status_code == 200


def test_seeding_the_plans_twice_changes_nothing(seeded):
    before = (ActionPlan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())
    demo.seed(stdout=io.StringIO())
    after = (ActionPlan.objects.count(), Action.objects.count(), ProgressUpdate.objects.count())
    assert after == before
