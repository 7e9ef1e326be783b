"""The charter in the permission table's world.

- `{space}` has a public charter still in draft, from the model charter: `{charter_section}` is
  its first section, `{charter_article}` the first article of that section;
- `{charter_space}`: another public space (none of the users belongs to it) whose charter is
  approved and published;
- `{private_space}` has no charter (a site administrator may start it).
"""

from django.utils import timezone

from palabre.knowledge.services.charter import charter_create
from palabre.workflow.models import State
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory

NAMESPACES = {"knowledge"}

RULES_FORM = {
    "title": "Charte de l'espace de concertation",
    "preamble": "Les membres adoptent la présente charte.",
    "women_minimum_percent": "30",
    "plenary_per_year": "2",
    "bureau_per_year": "4",
    "quorum_percent": "60",
    "majority": "two_thirds",
    "visibility": "public",
}
ARTICLE_FORM = {"title": "Quorum", "text": "L'assemblée délibère si le quorum est atteint."}

PAYLOADS = {
    "knowledge:charter_create": {"source": "model"},
    "knowledge:charter_edit": RULES_FORM,
    "knowledge:charter_colleges": {
        "colleges-TOTAL_FORMS": "1",
        "colleges-INITIAL_FORMS": "0",
        "colleges-0-name": "Collège des régions",
        "colleges-0-seats": "10",
        "colleges-0-vote": "deliberative",
    },
    "knowledge:charter_section_add": {"title": "Éthique", "kind": "other"},
    "knowledge:charter_section_edit": {"title": "Contexte", "kind": "context"},
    "knowledge:charter_section_move": {"direction": "down"},
    "knowledge:charter_article_add": ARTICLE_FORM,
    "knowledge:charter_article_edit": ARTICLE_FORM,
    "knowledge:charter_article_move": {"direction": "down"},
    "knowledge:charter_article_delete": {},
    "knowledge:charter_action": {"action": "submit"},
    "knowledge:charter_comment": {"section": "preamble", "text": "Préciser le préambule."},
}


def placeholders(*, space, private_space, users, base) -> dict:
    charter = charter_create(space=space, actor=users["admin"], from_model=True, language="fr")
    section = charter.sections.order_by("order").first()
    charter_space = SpaceFactory(name="Espace de concertation du Bafing")
    published = charter_create(
        space=charter_space, actor=users["admin"], from_model=True, language="fr"
    )
    now = timezone.now()
    type(published).objects.filter(pk=published.pk).update(
        workflow_state=State.PUBLISHED, approved_by=make_user(), approved_at=now, published_at=now
    )
    return {
        "charter_section": section.pk,
        "charter_article": section.articles.order_by("order").first().pk,
        "charter_space": charter_space.slug,
    }
