"""The tools' services check what the forms check, for callers that bypass a form: the region in
the tool's country, the stage's footing kept by an edit, an audit entry for each change."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from palabre.audit.models import AuditEvent
from palabre.investment.models import IncentiveTool, PilotStage, ToolKind
from palabre.investment.services.tools import tool_create, tool_update
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory, country

from .factories import IncentiveToolFactory, region, tool_lesson, tool_recommendation

pytestmark = pytest.mark.django_db


def fields(**extra) -> dict:
    return {
        "kind": ToolKind.GUIDE,
        "title": "Guide des démarches de l'investisseur",
        "country": country("CI"),
        **extra,
    }


def test_a_tool_whose_region_is_in_another_country_is_not_created():
    with pytest.raises(ValidationError) as error:
        tool_create(space=SpaceFactory(), actor=make_user(), **fields(region=region("Thiès", "SN")))
    assert "region" in error.value.message_dict
    assert not IncentiveTool.objects.exists()


def test_an_update_is_audited_with_what_changed_only():
    tool = IncentiveToolFactory(title="Guide")
    actor = make_user()
    tool_update(tool=tool, actor=actor, **fields(title="Guide révisé"))
    event = AuditEvent.objects.get(action="investment.tool_update")
    assert event.changes["title"] == ["Guide", "Guide révisé"]
    assert "kind" in event.changes and "description" not in event.changes
    tool_update(tool=tool, actor=actor, **fields(title="Guide révisé"))
    assert AuditEvent.objects.filter(action="investment.tool_update").count() == 1


def test_a_capitalised_tool_keeps_its_analysis():
    tool = IncentiveToolFactory(
        stage=PilotStage.CAPITALISED,
        description="Un guide.",
        period_start=datetime.date(2026, 1, 1),
        people_reached=10,
        results="Dix personnes guidées.",
        analysis="Le guide papier est apprécié.",
    )
    tool_lesson(tool)
    tool_recommendation(tool)
    tool.activities.create(date=datetime.date(2026, 2, 1), title="Diffusion")
    with pytest.raises(ValidationError) as error:
        tool_update(
            tool=tool,
            actor=make_user(),
            **fields(
                description="Un guide.",
                period_start=datetime.date(2026, 1, 1),
                people_reached=10,
                results="Dix personnes guidées.",
                analysis="",
            ),
        )
    assert "an analysis" in " ".join(error.value.messages)
    tool.refresh_from_db()
    assert tool.analysis == "Le guide papier est apprécié."
