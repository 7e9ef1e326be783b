"""Capturing in one step: the recommendations of approved minutes with a lesson, and a lesson
with its recommendation from a tool's pilot analysis."""

import pytest
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.investment.models import PilotStage
from palabre.investment.services.stages import change_stage
from palabre.knowledge.models import Lesson, Recommendation
from palabre.spaces.models import Role, Visibility
from palabre.workflow.models import State
from tests.investment.factories import IncentiveToolFactory, PilotActivityFactory
from tests.meetings.factories import MinutesFactory, OutcomeFactory
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(slug="nawa")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def minutes(space):
    minutes = MinutesFactory(meeting__space=space, meeting__title="Forum de la diaspora de Soubré")
    Minutes = type(minutes)
    Minutes.objects.filter(pk=minutes.pk).update(workflow_state=State.APPROVED)
    minutes.refresh_from_db()
    return minutes


def recommendation_of(minutes, text):
    return OutcomeFactory(minutes=minutes, kind="recommendation", text=text)


def capture_url(minutes):
    return reverse("knowledge:capture_minutes", args=[minutes.meeting.space.slug, minutes.pk])


LESSON = {
    "lesson_title": "La diaspora répond quand on l'invite tôt",
    "lesson_statement": "Les invitations envoyées un mois avant doublent la participation.",
    "lesson_context": "Forum de Soubré, mars 2026.",
    "tags": "diaspora, mobilisation",
    "visibility": "public",
}


def test_capture_creates_exactly_the_chosen_recommendations_linked_to_the_lesson(
    client, minutes, secretariat
):
    first = recommendation_of(minutes, "Créer un guichet diaspora à la préfecture.")
    second = recommendation_of(minutes, "Traduire le guide de l'investisseur.")
    recommendation_of(minutes, "Organiser un forum chaque année.")
    OutcomeFactory(minutes=minutes, kind="decision", text="Le comité adopte son budget.")
    client.force_login(secretariat)
    html = client.get(capture_url(minutes)).content.decode()
    assert "Traduire le guide" in html and "Le comité adopte son budget." not in html

    response = client.post(
        capture_url(minutes), {**LESSON, "outcomes": [first.pk, second.pk], "addressee": "DGIE"}
    )

    lesson = Lesson.objects.get()
    assert response["Location"] == lesson.get_absolute_url()
    recommendations = Recommendation.objects.order_by("pk")
    assert [r.source_outcome for r in recommendations] == [first, second]
    for recommendation in recommendations:
        assert list(recommendation.lessons.all()) == [lesson]
        assert list(recommendation.meetings.all()) == [minutes.meeting]
        assert recommendation.addressee == "DGIE"
    assert lesson.source_minutes == minutes and list(lesson.meetings.all()) == [minutes.meeting]
    assert AuditEvent.objects.filter(action="knowledge.capture_minutes").exists()
    # Captured ones are shown as such and no longer offered.
    html = client.get(capture_url(minutes)).content.decode()
    assert "Already in the register:" in html
    assert f'value="{first.pk}"' not in html


def test_an_already_captured_outcome_is_refused_and_nothing_is_created(
    client, minutes, secretariat
):
    taken = recommendation_of(minutes, "Créer un guichet diaspora.")
    free = recommendation_of(minutes, "Traduire le guide.")
    client.force_login(secretariat)
    client.post(capture_url(minutes), {"outcomes": [taken.pk], "visibility": "public"})
    assert Recommendation.objects.count() == 1

    response = client.post(capture_url(minutes), {**LESSON, "outcomes": [free.pk, taken.pk]})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Recommendation.objects.count() == 1 and not Lesson.objects.exists()


def test_the_service_refuses_a_captured_outcome_atomically(minutes, secretariat):
    from django.core.exceptions import ValidationError

    from palabre.knowledge.services.register import capture_from_minutes

    taken = recommendation_of(minutes, "Créer un guichet diaspora.")
    free = recommendation_of(minutes, "Traduire le guide.")
    capture_from_minutes(
        minutes=minutes, actor=secretariat, outcomes=[taken], lesson=None, visibility="public"
    )
    with pytest.raises(ValidationError):
        capture_from_minutes(
            minutes=minutes,
            actor=secretariat,
            outcomes=[free, taken],
            lesson={"title": "Leçon", "statement": "Texte."},
            visibility="public",
        )
    assert Recommendation.objects.count() == 1 and not Lesson.objects.exists()


def test_draft_minutes_cannot_be_captured(client, space, secretariat):
    draft = MinutesFactory(meeting__space=space)
    outcome = recommendation_of(draft, "Créer un guichet diaspora.")
    client.force_login(secretariat)
    html = client.get(capture_url(draft)).content.decode()
    assert "Only approved minutes can be captured" in html
    response = client.post(capture_url(draft), {"outcomes": [outcome.pk], "visibility": "public"})
    assert response.status_code == 200
    assert not Recommendation.objects.exists()


def test_a_member_may_not_capture(client, minutes, space):
    outcome = recommendation_of(minutes, "Créer un guichet diaspora.")
    client.force_login(member_user(space))
    response = client.post(capture_url(minutes), {"outcomes": [outcome.pk], **LESSON})
    assert response.status_code == 403
    assert not Recommendation.objects.exists() and not Lesson.objects.exists()


def test_minutes_of_another_space_are_not_found(client, secretariat, space):
    other = MinutesFactory()
    url = reverse("knowledge:capture_minutes", args=[space.slug, other.pk])
    client.force_login(secretariat)
    assert client.get(url).status_code == 404


# --- from a tool ---------------------------------------------------------------------------------


TOOL_CAPTURE = {
    "lesson_title": "Un guichet physique rassure",
    "lesson_statement": "Les investisseurs de passage préfèrent un interlocuteur en personne.",
    "context": "Analyse du pilote 2026.",
    "recommendation_title": "Ouvrir le guichet le samedi",
    "recommendation_statement": "Ouvrir le guichet le samedi pendant les vacances d'été.",
    "addressee": "Conseil régional de la Nawa",
    "priority": "high",
    "tags": "guichet unique",
}


def analysed_tool(space, **fields):
    tool = IncentiveToolFactory(
        space=space,
        description="Un guichet unique.",
        period_start="2026-01-01",
        people_reached=120,
        results="120 visiteurs.",
        analysis="Le samedi concentre les visites de la diaspora.",
        **fields,
    )
    PilotActivityFactory(tool=tool)
    change_stage(tool=tool, stage=PilotStage.ANALYSED, actor=member_user(space))
    return tool


def test_an_officer_captures_a_lesson_and_a_recommendation_and_the_tool_is_capitalised(
    client, space
):
    officer = member_user(space, role=Role.INVESTMENT_OFFICER)
    tool = analysed_tool(space, visibility=Visibility.MEMBERS)
    url = reverse("knowledge:capture_tool", args=[space.slug, tool.pk])
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert "Le samedi concentre les visites de la diaspora." in html  # prefilled context

    response = client.post(url, TOOL_CAPTURE)

    assert response["Location"] == tool.get_absolute_url() + "#learnings"
    lesson, recommendation = Lesson.objects.get(), Recommendation.objects.get()
    assert list(lesson.tools.all()) == [tool] and list(recommendation.tools.all()) == [tool]
    assert list(recommendation.lessons.all()) == [lesson]
    assert recommendation.priority == "high" and lesson.visibility == Visibility.MEMBERS
    change_stage(tool=tool, stage=PilotStage.CAPITALISED, actor=officer)
    tool.refresh_from_db()
    assert tool.stage == PilotStage.CAPITALISED


def test_a_member_may_not_capture_from_a_tool(client, space):
    tool = analysed_tool(space)
    client.force_login(member_user(space))
    url = reverse("knowledge:capture_tool", args=[space.slug, tool.pk])
    assert client.post(url, TOOL_CAPTURE).status_code == 403
    assert not Lesson.objects.exists() and not Recommendation.objects.exists()


def test_a_tool_of_another_space_is_not_found(client, space, secretariat):
    other = IncentiveToolFactory()
    client.force_login(secretariat)
    url = reverse("knowledge:capture_tool", args=[space.slug, other.pk])
    assert client.post(url, TOOL_CAPTURE).status_code == 404
    assert not Lesson.objects.exists()


def test_an_officer_reads_what_they_captured_from_a_restricted_tool_and_members_do_not(
    client, space
):
    officer = member_user(space, role=Role.INVESTMENT_OFFICER)
    tool = analysed_tool(space, visibility=Visibility.RESTRICTED)
    client.force_login(officer)
    client.post(reverse("knowledge:capture_tool", args=[space.slug, tool.pk]), TOOL_CAPTURE)
    lesson = Lesson.objects.get()
    assert lesson.visibility == Visibility.RESTRICTED

    assert client.get(lesson.get_absolute_url()).status_code == 200
    register = client.get(reverse("knowledge:register", args=[space.slug])).content.decode()
    assert "Un guichet physique rassure" in register
    client.force_login(member_user(space))
    assert client.get(lesson.get_absolute_url()).status_code in (403, 404)
