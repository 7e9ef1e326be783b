"""Demo charter: the concertation space's charter, from the model charter adapted to the
territory; version 1 approved and published, version 2 in review with a few changes, so that the
versions page shows a real difference. The follow-up committee has none, so that its secretariat
sees the offer to start one from the model. Idempotent: a space that has its charter is left as
it is."""

import io

from django.db import transaction
from django.utils import translation

from palabre.accounts.models import User
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space
from palabre.workflow.models import Action
from palabre.workflow.services import comment_add, workflow_act

from .models import Charter, CharterArticle, Lesson, Recommendation, SectionKind
from .services import charter as services

SECRETARIAT = "secretariat@example.org"
APPROVER = "approver@example.org"

# Version 1: the model, adapted to San-Pédro, Nawa and Cavally (article of a kind → new text).
ADAPTED = {
    SectionKind.PRIORITIES: (
        "Priorités",
        "L'espace retient comme priorités la transformation locale du cacao, de l'hévéa et du "
        "manioc, l'emploi des jeunes et des femmes, le tourisme balnéaire entre San-Pédro et "
        "Grand-Béréby, et l'accès à l'eau potable dans les villages du Cavally.",
    ),
    SectionKind.RESOURCES: (
        "Ressources",
        "Le fonctionnement de l'espace est financé par les trois conseils régionaux, les "
        "cotisations des associations de la diaspora et l'appui des partenaires techniques et "
        "financiers ; aucune contribution ne donne de droit de vote supplémentaire.",
    ),
}

# Version 2: what the secretariat changed after a year of practice.
REVISED_PRIORITIES = (
    "L'espace retient comme priorités la transformation locale du cacao, de l'hévéa et du "
    "manioc, l'emploi des jeunes et des femmes, le tourisme balnéaire entre San-Pédro et "
    "Grand-Béréby, l'accès à l'eau potable dans les villages du Cavally et la formation "
    "professionnelle aux métiers portuaires."
)
NEW_ARTICLE = (
    "Rapport annuel public",
    "Chaque année, le secrétariat technique publie sur la plateforme un rapport des activités, "
    "des résultats du plan d'action et des recommandations suivies, accessible à tous.",
)


def seed(stdout=None) -> None:
    stdout = stdout or io.StringIO()
    space = Space.objects.filter(slug=spaces_demo.CONCERTATION).first()
    users = {user.email: user for user in User.objects.filter(email__in=[SECRETARIAT, APPROVER])}
    if space is None or len(users) < 2:
        stdout.write("Charter: no concertation space or demo accounts, nothing to seed.")
        return
    if Charter.objects.filter(space=space).exists():
        stdout.write("Charter: the concertation space has its charter (0 new).")
        return
    with transaction.atomic(), translation.override("fr"):
        _charter(space, users[SECRETARIAT], users[APPROVER])
    stdout.write("Charter: the concertation space's charter, v1 published, v2 in review (1 new).")


def _article_of(charter, kind):
    return (
        CharterArticle.objects.filter(section__charter=charter, section__kind=kind)
        .order_by("order")
        .first()
    )


def _charter(space, secretariat, approver) -> Charter:
    charter = services.charter_create(
        space=space, actor=secretariat, from_model=True, language="fr"
    )
    services.charter_update(
        charter=charter, actor=secretariat, women_minimum_percent=30, quorum_percent=50
    )
    lessons = list(Lesson.objects.filter(space=space).order_by("pk")[:2])
    recommendations = list(Recommendation.objects.filter(space=space).order_by("pk")[:2])
    for kind, (title, text) in ADAPTED.items():
        services.article_update(
            article=_article_of(charter, kind),
            actor=secretariat,
            title=title,
            text=text,
            lessons=lessons if kind == SectionKind.PRIORITIES else (),
            recommendations=recommendations if kind == SectionKind.RESOURCES else (),
        )
    for action, actor in (
        (Action.SUBMIT, secretariat),
        (Action.APPROVE, approver),
        (Action.PUBLISH, approver),
        (Action.NEW_VERSION, secretariat),
    ):
        workflow_act(obj=charter, action=action, actor=actor)

    priorities = _article_of(charter, SectionKind.PRIORITIES)
    services.article_update(
        article=priorities,
        actor=secretariat,
        title=priorities.title,
        text=REVISED_PRIORITIES,
        lessons=lessons,
    )
    charter.refresh_from_db()
    services.charter_update(charter=charter, actor=secretariat, quorum_percent=60)
    monitoring = charter.sections.get(kind=SectionKind.MONITORING)
    services.article_add(
        section=monitoring, actor=secretariat, title=NEW_ARTICLE[0], text=NEW_ARTICLE[1]
    )
    workflow_act(
        obj=charter,
        action=Action.SUBMIT,
        actor=secretariat,
        note="Révision après la première année de fonctionnement.",
    )
    comment_add(
        obj=charter,
        section="rules",
        text="Un quorum de 60 % sera difficile à atteindre pendant la saison des pluies.",
        actor=approver,
    )
    return charter
