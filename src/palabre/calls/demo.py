"""Demo of calls: a call for expertise of the concertation space, closed, scored by a committee
of three and decided with its evaluation report issued; and a call for diaspora pilot projects
open for a month, with two submissions already in.

Every firm, association and person is invented (any resemblance to a real one is accidental),
and every e-mail is at example.org. The calls go through the services (drafted, published,
submitted to, scored, closed, decided), so the demo obeys the same rules as a real call; the
closed call is dated in the past by passing each step the moment it would have happened. Running
it again changes nothing: each call is looked up by its reference first.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from palabre.accounts.models import User
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space

from .models import Call, CallKind, CallStatus, Evaluator, Part
from .services.calls import call_create, criterion_save, document_save
from .services.decision import decide
from .services.evaluation import (
    declare_no_conflict,
    evaluator_add,
    score_save,
    scores_submit,
)
from .services.states import call_transition
from .services.submissions import submit

SECRETARIAT_EMAIL = "secretariat@example.org"  # demo accounts of palabre.accounts.demo
EVALUATOR_EMAILS = ["chair@example.org", "approver@example.org", "investissement@example.org"]

# A minimal valid PDF: what each demo applicant "uploads".
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

EXPERTISE_REFERENCE = "AMI-2026-SPNC-01"
EXPERTISE_TITLE = (
    "Recrutement d'un expert ou cabinet pour l'accompagnement de l'espace de concertation "
    "San-Pédro–Nawa–Cavally"
)
EXPERTISE_TERMS = """
<h2>Contexte</h2>
<p>L'espace de concertation San-Pédro – Nawa – Cavally réunit les trois conseils régionaux, les
services de l'État, le secteur privé, la société civile et les associations de la diaspora. Il
souhaite s'adjoindre un appui technique pour animer ses travaux et suivre son plan d'action.</p>
<h2>Mission</h2>
<ul>
<li>Préparer et animer quatre sessions plénières et les réunions des groupes de travail ;</li>
<li>Rédiger les comptes rendus et tenir à jour le tableau de suivi du plan d'action ;</li>
<li>Accompagner les associations de la diaspora dans le montage de leurs projets.</li>
</ul>
<h2>Profil recherché</h2>
<p>Expert ou cabinet justifiant d'au moins dix ans d'expérience en développement local et en
animation de dispositifs multi-acteurs, de préférence dans le Bas-Sassandra.</p>
<h2>Durée</h2>
<p>Douze mois à compter de la signature du contrat.</p>
"""
EXPERTISE_DOCUMENTS = [
    ("Curriculum vitae de l'expert ou références du cabinet", Part.TECHNICAL, ".pdf"),
    ("Note méthodologique", Part.TECHNICAL, ".pdf, .docx"),
    ("Calendrier d'exécution", Part.TECHNICAL, ".pdf, .xlsx"),
    ("Offre financière", Part.FINANCIAL, ".pdf, .xlsx"),
]
EXPERTISE_GRID = [
    ("Compréhension des termes de référence", "20", False),
    ("Méthodologie proposée", "25", False),
    ("Qualification et expérience de l'équipe", "35", False),
    ("Offre financière", "20", True),
]
# Applicant, e-mail, price (XOF), then each evaluator's scores for the three technical criteria.
EXPERTISE_OFFERS = [
    (
        "Cabinet Akwaba Conseil",
        "akwaba.conseil@example.org",
        "21500000",
        [(80, 75, 85), (75, 80, 80), (85, 70, 90)],
    ),
    (
        "Bureau d'études Soubré Développement",
        "soubre.developpement@example.org",
        "24000000",
        [(90, 85, 80), (85, 90, 75), (90, 80, 85)],
    ),
    (
        "Mme Adjoua Testkouassi, consultante",
        "adjoua.consultante@example.org",
        "14800000",
        [(70, 65, 60), (65, 70, 65), (75, 60, 55)],
    ),
    (
        "Groupement Cavally Expertise",
        "cavally.expertise@example.org",
        "19900000",
        [(60, 70, 75), (70, 65, 70), (65, 75, 80)],
    ),
    # Above the ceiling: received, flagged ineligible, scored blind like the others (the
    # evaluators do not know the prices), and not ranked.
    (
        "Consortium Atlantique Ingénierie",
        "atlantique.ingenierie@example.org",
        "31000000",
        [(85, 80, 90), (80, 85, 85), (90, 80, 85)],
    ),
]

PROJECTS_REFERENCE = "AAP-2027-DIASPORA"
PROJECTS_TITLE = "Appel à projets pilotes de la diaspora 2027"
PROJECTS_TERMS = """
<p>L'espace de concertation invite les associations et les entrepreneurs de la diaspora à
proposer des projets pilotes dans les régions de San-Pédro, de la Nawa et du Cavally :
agriculture et transformation, services aux producteurs, formation des jeunes.</p>
<p>Les projets retenus bénéficieront d'un accompagnement au montage et d'une mise en relation
avec le guichet régional de promotion des investissements.</p>
"""
PROJECTS_DOCUMENTS = [
    ("Fiche de projet", Part.TECHNICAL, ".pdf, .docx"),
    ("Budget prévisionnel", Part.TECHNICAL, ".pdf, .xlsx"),
]
PROJECTS_GRID = [
    ("Pertinence pour le territoire", "30", False),
    ("Faisabilité", "30", False),
    ("Impact local", "25", False),
    ("Implication de la diaspora", "15", False),
]
PROJECTS_OFFERS = [
    ("Association des ressortissants de Nawa en Île-de-France", "arnif.projets@example.org"),
    ("Collectif des originaires du Cavally en France", "cocaf.projets@example.org"),
]


def seed(*, stdout) -> None:
    with transaction.atomic():
        space = Space.objects.filter(slug=spaces_demo.CONCERTATION).first()
        secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
        if space is None or secretariat is None:
            stdout.write("Calls: no concertation space or secretariat account, nothing to seed.")
            return
        created = 0
        if not Call.objects.filter(reference=EXPERTISE_REFERENCE).exists():
            _expertise_call(space, secretariat)
            created += 1
        if not Call.objects.filter(reference=PROJECTS_REFERENCE).exists():
            _projects_call(space, secretariat)
            created += 1
    stdout.write(f"Calls: 2 calls ({created} new).")


def _applicant(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, password=None, full_name=name)


def _drafted(space, actor, *, grid, documents, **fields):
    call = call_create(
        space=space, actor=actor, time_zone="Africa/Abidjan", currency="XOF", **fields
    )
    for order, (name, weight, is_price) in enumerate(grid):
        criterion_save(
            call=call,
            actor=actor,
            name=name,
            weight=Decimal(weight),
            is_price=is_price,
            order=order,
        )
    for order, (label, part, extensions) in enumerate(documents):
        document_save(
            call=call, actor=actor, label=label, part=part, extensions=extensions, order=order
        )
    return call_transition(call=call, status=CallStatus.PUBLISHED, actor=actor, now=call.opens_at)


def _submitted(call, name: str, email: str, price, at):
    files = {
        document.pk: SimpleUploadedFile(f"piece-{document.order + 1}.pdf", PDF)
        for document in call.required_documents.all()
    }
    return submit(
        call=call,
        applicant=_applicant(email, name),
        applicant_name=name,
        price=Decimal(price) if price else None,
        files=files,
        at=at,
    )


def _expertise_call(space, secretariat) -> None:
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    opens_at = today - dt.timedelta(days=75)
    closes_at = today - dt.timedelta(days=45) + dt.timedelta(hours=8)  # 17:00 in Abidjan
    call = _drafted(
        space,
        secretariat,
        kind=CallKind.EXPERTISE,
        reference=EXPERTISE_REFERENCE,
        title=EXPERTISE_TITLE,
        terms_of_reference=EXPERTISE_TERMS,
        opens_at=opens_at,
        closes_at=closes_at,
        budget_ceiling=Decimal("25000000"),
        grid=EXPERTISE_GRID,
        documents=EXPERTISE_DOCUMENTS,
    )
    submissions = [
        (_submitted(call, name, email, price, closes_at - dt.timedelta(days=12 - 2 * i)), sheets)
        for i, (name, email, price, sheets) in enumerate(EXPERTISE_OFFERS)
    ]
    technical = list(call.criteria.filter(is_price=False))
    for position, email in enumerate(EVALUATOR_EMAILS):
        evaluator = evaluator_add(call=call, email=email, actor=secretariat)
        declare_no_conflict(evaluator=evaluator, actor=evaluator.user)
        for submission, sheets in submissions:
            for criterion, value in zip(technical, sheets[position], strict=True):
                score_save(
                    evaluator=evaluator, submission=submission, criterion=criterion, value=value
                )
        scores_submit(evaluator=evaluator, actor=evaluator.user)
    # Dated back to when the committee would have worked, before the report prints the dates.
    for position, evaluator in enumerate(call.evaluators.order_by("pk")):
        Evaluator.objects.filter(pk=evaluator.pk).update(
            no_conflict_declared_at=closes_at + dt.timedelta(days=1, hours=position),
            submitted_at=closes_at + dt.timedelta(days=8 + position),
        )
    Call.objects.filter(pk=call.pk).update(published_on=opens_at.date())
    call_transition(
        call=call,
        status=CallStatus.SCORING_CLOSED,
        actor=secretariat,
        now=closes_at + dt.timedelta(days=12),
    )
    decide(call=call, actor=secretariat, now=closes_at + dt.timedelta(days=15))


def _projects_call(space, secretariat) -> None:
    opens_at = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(
        days=3
    )
    call = _drafted(
        space,
        secretariat,
        kind=CallKind.PROJECTS,
        reference=PROJECTS_REFERENCE,
        title=PROJECTS_TITLE,
        terms_of_reference=PROJECTS_TERMS,
        opens_at=opens_at,
        closes_at=opens_at + dt.timedelta(days=31, hours=9),
        budget_ceiling=None,
        grid=PROJECTS_GRID,
        documents=PROJECTS_DOCUMENTS,
    )
    Call.objects.filter(pk=call.pk).update(published_on=opens_at.date())
    for days, (name, email) in enumerate(PROJECTS_OFFERS, start=1):
        _submitted(call, name, email, None, opens_at + dt.timedelta(days=days, hours=2))
