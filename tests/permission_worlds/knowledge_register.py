"""The knowledge register in the permission table's world.

- `{lesson}`: a public lesson of `{space}`; `{members_lesson}`: a members-only one;
- `{recommendation}`: a public recommendation of `{space}`, proposed;
  `{restricted_recommendation}`: a restricted one (secretariat, approvers);
- `{private_lesson}`: a public lesson of `{private_space}` (hidden with its space);
- `{register_minutes}`: the approved minutes of a public meeting of `{space}`, with one
  recommendation;
- `{register_tool}`: a public incentive tool of `{space}`, with its analysis.
"""

from django.utils import timezone

from palabre.spaces.models import Visibility
from palabre.workflow.models import State
from tests.investment.factories import IncentiveToolFactory
from tests.knowledge.register_factories import LessonFactory, RecommendationFactory
from tests.meetings.factories import MeetingFactory, MinutesFactory, OutcomeFactory, in_days

NAMESPACES = {"knowledge"}

LESSON_FORM = {
    "title": "La diaspora suit mieux à distance",
    "statement": "Les réunions hybrides doublent la participation de la diaspora.",
    "learned_on": "{today}",
    "visibility": "public",
    "tags": "diaspora, participation à distance",
}
RECOMMENDATION_FORM = {
    "title": "Ouvrir un guichet diaspora",
    "statement": "Ouvrir un guichet diaspora à la préfecture de Guiglo.",
    "addressee": "Conseil régional du Cavally",
    "priority": "high",
    "visibility": "public",
}

PAYLOADS = {
    "knowledge:lesson_create": LESSON_FORM,
    "knowledge:lesson_edit": {**LESSON_FORM, "title": "La diaspora suit à distance"},
    "knowledge:recommendation_create": RECOMMENDATION_FORM,
    "knowledge:recommendation_edit": {**RECOMMENDATION_FORM, "priority": "medium"},
    # A second update with the same status is allowed: it records news without a move.
    "knowledge:follow_up": {
        "status": "accepted",
        "date": "{today}",
        "text": "Le bureau l'adopte en séance.",
    },
    # A lesson only: the minutes' recommendation can be captured once, the lesson every time.
    "knowledge:capture_minutes": {
        "lesson_title": "Inviter la diaspora tôt",
        "lesson_statement": "Les invitations envoyées un mois avant doublent la participation.",
        "visibility": "public",
    },
    "knowledge:capture_tool": {
        "lesson_title": "Un guichet physique rassure",
        "lesson_statement": "Les investisseurs de passage préfèrent un interlocuteur.",
        "recommendation_title": "Ouvrir le samedi",
        "recommendation_statement": "Ouvrir le guichet le samedi en été.",
        "addressee": "Conseil régional du Cavally",
        "priority": "medium",
    },
}


def placeholders(*, space, private_space, users, base) -> dict:
    author = users["secretariat"]
    meeting = MeetingFactory(space=space, starts_at=in_days(-20), visibility=Visibility.PUBLIC)
    minutes = MinutesFactory(meeting=meeting, visibility=Visibility.PUBLIC)
    type(minutes).objects.filter(pk=minutes.pk).update(
        workflow_state=State.APPROVED, approved_by=author, approved_at=timezone.now()
    )
    OutcomeFactory(minutes=minutes, kind="recommendation", text="Créer un guichet diaspora.")
    tool = IncentiveToolFactory(
        space=space, analysis="Le samedi concentre les visites.", created_by=author
    )
    return {
        "lesson": LessonFactory(space=space, created_by=author).pk,
        "members_lesson": LessonFactory(
            space=space, visibility=Visibility.MEMBERS, created_by=author
        ).pk,
        "recommendation": RecommendationFactory(space=space, created_by=author).pk,
        "restricted_recommendation": RecommendationFactory(
            space=space, visibility=Visibility.RESTRICTED, created_by=author
        ).pk,
        "private_lesson": LessonFactory(space=private_space, created_by=author).pk,
        "register_minutes": minutes.pk,
        "register_tool": tool.pk,
    }
