"""Demo capitalisation reports of the follow-up committee: the first stage (its constitution, 2024–
2025) approved by the demo approver and published in January 2026, and the second stage (2026)
still a draft.

Both are made by the services, so their figures, lessons and recommendations are those the demo's
meetings, register and indicators give (it runs after them); the workflow's history is then dated
back to when it would have happened. Running it again changes nothing.
"""

import datetime as dt
import sys

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation

from palabre.accounts.models import User
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space
from palabre.workflow.models import Action, Revision, Transition
from palabre.workflow.services import workflow_act

from .models import CapitalisationReport
from .services.assembly import report_create
from .services.reports import report_update

UTC = dt.UTC

FIRST = {
    "title": "Étape 1 — constitution du comité de suivi",
    "stage": "Constitution du comité de suivi",
    "period_start": dt.date(2024, 1, 1),
    "period_end": dt.date(2025, 12, 31),
    "context": (
        "\n\nAvant 2024, les échanges entre les régions et leurs ressortissants passaient par "
        "des contacts personnels et des missions ponctuelles, sans instance commune ni suivi des "
        "engagements pris."
    ),
    "results": (
        "Le comité de suivi est constitué : ses six collèges sont désignés, son règlement "
        "intérieur est adopté et son secrétariat est assuré par l'ARDCI.\n\n"
        "Les conseils régionaux de San-Pédro, de la Nawa et du Cavally ont chacun désigné un point "
        "focal diaspora. Une première cartographie des associations de ressortissants en France, "
        "en Italie et au Maroc a été établie, et le projet de cahier des charges de l'espace de "
        "concertation a été soumis aux membres."
    ),
    "replication": (
        "Un portage politique explicite des présidents de région dès le lancement ; un "
        "secrétariat permanent doté d'au moins une personne à temps plein ; des réunions hybrides "
        "pour que les associations de la diaspora participent sans se déplacer ; une "
        "cartographie préalable des associations, tenue à jour ; un budget de fonctionnement "
        "couvrant la connexion, l'interprétation et les déplacements des membres résidents."
    ),
}

SECOND = {
    "title": "Étape 2 — préfiguration de l'espace de concertation",
    "stage": "Préfiguration de l'espace de concertation",
    "period_start": dt.date(2026, 1, 1),
    "period_end": dt.date(2026, 12, 31),
    "context": (
        "\n\nLe comité étant constitué, l'année 2026 est consacrée à préparer l'espace de "
        "concertation lui-même : son cahier des charges, ses thématiques et son premier plan "
        "d'action."
    ),
    "results": (
        "À compléter après la réunion de bilan de décembre : adoption du cahier des charges, "
        "premier plan d'action annuel, ouverture du guichet régional aux porteurs de projets de "
        "la diaspora."
    ),
    "replication": "",
}


def _write(report, secretariat, texts: dict) -> None:
    report_update(
        report=report,
        actor=secretariat,
        lessons=report.lessons.all(),
        recommendations=report.recommendations.all(),
        title=report.title,
        stage=report.stage,
        period_start=report.period_start,
        period_end=report.period_end,
        visibility=report.visibility,
        context=report.context + texts["context"],
        process=report.process,
        results=texts["results"],
        replication=texts["replication"],
    )


def _create(space, secretariat, texts: dict) -> CapitalisationReport:
    report = report_create(
        space=space,
        title=texts["title"],
        stage=texts["stage"],
        period_start=texts["period_start"],
        period_end=texts["period_end"],
        actor=secretariat,
    )
    _write(report, secretariat, texts)
    return report


def _date_history(report, moments: list[dt.datetime]) -> None:
    """The workflow's steps as if they happened at `moments`, in order; the figures as
    assembled when the report was submitted."""
    target = {"content_type": ContentType.objects.get_for_model(report), "object_id": report.pk}
    transitions = Transition.objects.filter(**target).order_by("pk")
    for transition, moment in zip(transitions, moments, strict=True):
        Transition.objects.filter(pk=transition.pk).update(at=moment)
    approved_at, published_at = moments[1], moments[2]
    Revision.objects.filter(**target).update(approved_at=approved_at, published_at=published_at)
    CapitalisationReport.objects.filter(pk=report.pk).update(
        assembled_at=moments[0], approved_at=approved_at, published_at=published_at
    )


def seed(stdout=None) -> None:
    stdout = stdout or sys.stdout
    space = Space.objects.filter(slug=spaces_demo.COMMITTEE).first()
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    secretariat, approver = users.get("secretariat@example.org"), users.get("approver@example.org")
    if space is None or secretariat is None or approver is None:
        stdout.write("Capitalisation reports: no committee or demo accounts, nothing to seed.\n")
        return
    created = 0
    # The figures keep their labels in the language they were assembled in: the platform's.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        existing = set(
            CapitalisationReport.objects.filter(space=space).values_list("title", flat=True)
        )
        if FIRST["title"] not in existing:
            report = _create(space, secretariat, FIRST)
            workflow_act(obj=report, action=Action.SUBMIT, actor=secretariat)
            workflow_act(
                obj=report,
                action=Action.APPROVE,
                actor=approver,
                note="Approuvé au nom des partenaires techniques et financiers.",
            )
            workflow_act(obj=report, action=Action.PUBLISH, actor=secretariat)
            _date_history(
                report,
                [
                    dt.datetime(2026, 1, 12, 10, tzinfo=UTC),
                    dt.datetime(2026, 1, 20, 15, tzinfo=UTC),
                    dt.datetime(2026, 1, 27, 9, tzinfo=UTC),
                ],
            )
            created += 1
        if SECOND["title"] not in existing:
            _create(space, secretariat, SECOND)
            created += 1
    stdout.write(f"Capitalisation reports: 2 reports ({created} new).\n")
