"""A tool's stage says how far its pilot went: each stage refuses a tool that lacks what it
means, says what is missing, and changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.investment.models import PilotStage, StageChange
from palabre.investment.services.stages import allowed_stages, change_stage
from tests.accounts.factories import make_user
from tests.investment.factories import (
    IncentiveToolFactory,
    MobilisedAmountFactory,
    PilotActivityFactory,
    tool_lesson,
    tool_recommendation,
)

pytestmark = pytest.mark.django_db


def designed_tool(**fields):
    return IncentiveToolFactory(
        **{
            "description": "Un guichet unique à la préfecture pour les investisseurs.",
            "period_start": datetime.date(2026, 1, 1),
            "stage": PilotStage.DESIGNED,
            **fields,
        }
    )


def refused(tool, stage, **kwargs) -> str:
    tool.refresh_from_db()
    before = (tool.stage, StageChange.objects.filter(tool=tool).count())
    with pytest.raises(ValidationError) as error:
        change_stage(tool=tool, stage=stage, actor=make_user(), **kwargs)
    tool.refresh_from_db()
    assert (tool.stage, StageChange.objects.filter(tool=tool).count()) == before
    return " ".join(error.value.messages)


def test_a_tool_is_designed_once_described_and_dated():
    tool = IncentiveToolFactory()
    message = refused(tool, PilotStage.DESIGNED)
    assert "description" in message and "start of its period" in message
    assert tool.stage == PilotStage.IDENTIFIED

    tool.description = "Un guide des démarches pour créer son entreprise."
    tool.period_start = datetime.date(2026, 3, 1)
    tool.save()
    actor = make_user()
    change_stage(tool=tool, stage=PilotStage.DESIGNED, actor=actor)
    tool.refresh_from_db()
    assert tool.stage == PilotStage.DESIGNED
    change = StageChange.objects.get(tool=tool)
    assert (change.from_stage, change.to_stage, change.by) == ("identified", "designed", actor)
    assert AuditEvent.objects.filter(
        action="investment.tool_stage", object_id=str(tool.pk)
    ).exists()


def test_piloted_needs_an_activity_that_has_taken_place():
    tool = designed_tool()
    assert "pilot activity" in refused(tool, PilotStage.PILOTED)
    PilotActivityFactory(tool=tool, date=timezone.localdate() + datetime.timedelta(days=3))
    assert "pilot activity" in refused(tool, PilotStage.PILOTED), "a planned activity is not one"
    PilotActivityFactory(tool=tool, date=timezone.localdate() - datetime.timedelta(days=3))
    change_stage(tool=tool, stage=PilotStage.PILOTED, actor=make_user())
    tool.refresh_from_db()
    assert tool.stage == PilotStage.PILOTED


def test_analysed_needs_measured_results_and_an_analysis():
    tool = designed_tool()
    PilotActivityFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.PILOTED, actor=make_user())
    message = refused(tool, PilotStage.ANALYSED)
    assert "measured results" in message and "analysis" in message
    tool.results = "Le guichet a reçu 120 visiteurs."
    tool.analysis = "La permanence du samedi attire la diaspora de passage."
    tool.save()
    assert "measured results" in refused(tool, PilotStage.ANALYSED)
    MobilisedAmountFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.ANALYSED, actor=make_user())
    tool.refresh_from_db()
    assert tool.stage == PilotStage.ANALYSED


def test_capitalised_needs_a_lesson_and_a_recommendation():
    tool = designed_tool(
        people_reached=120, results="120 visiteurs.", analysis="Le samedi fonctionne."
    )
    PilotActivityFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.ANALYSED, actor=make_user())
    tool_lesson(tool)
    message = refused(tool, PilotStage.CAPITALISED)
    assert "recommendation" in message and "lesson" not in message
    assert "knowledge register" in message
    tool_recommendation(tool, "Ouvrir le samedi.")
    change_stage(tool=tool, stage=PilotStage.CAPITALISED, actor=make_user())
    tool.refresh_from_db()
    assert tool.stage == PilotStage.CAPITALISED


def test_a_jump_is_refused_with_everything_missing_on_the_way():
    tool = IncentiveToolFactory(description="Un fonds de garantie.")
    message = refused(tool, PilotStage.ANALYSED)
    assert "To be designed" in message and "start of its period" in message
    assert "To be piloted" in message and "To be analysed" in message
    assert tool.stage == PilotStage.IDENTIFIED


def test_a_jump_is_allowed_when_every_stage_on_the_way_is_met():
    tool = designed_tool(stage=PilotStage.IDENTIFIED, people_reached=30)
    tool.results, tool.analysis = "30 porteurs de projets reçus.", "Trop peu de dossiers complets."
    tool.save()
    PilotActivityFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.ANALYSED, actor=make_user())
    tool.refresh_from_db()
    assert tool.stage == PilotStage.ANALYSED


def test_going_back_one_stage_needs_a_reason_and_two_is_refused():
    tool = designed_tool()
    PilotActivityFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.PILOTED, actor=make_user())
    assert "Say why" in refused(tool, PilotStage.DESIGNED)
    assert "cannot go from" in refused(tool, PilotStage.IDENTIFIED, note="Tout reprendre.")
    change_stage(tool=tool, stage=PilotStage.DESIGNED, actor=make_user(), note="Pilote annulé.")
    tool.refresh_from_db()
    assert tool.stage == PilotStage.DESIGNED
    assert allowed_stages(tool) == ["identified", "piloted", "analysed", "capitalised"]
