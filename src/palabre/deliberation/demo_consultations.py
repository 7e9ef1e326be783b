"""Demo consultations of the concertation space: one finished and analysed, about the priorities
of the diaspora's investment (about forty statements, some 250 participants in three opinion
groups), and one open, with statements awaiting moderation.

Participants are the demo accounts plus lightweight fictional accounts at example.org that
cannot sign in (no usable password) and have no entry in the directory. Votes are drawn with a
fixed random seed from the stance of each opinion group on each statement, then analysed through
the service the background job runs. Running it again changes nothing.
"""

import datetime as dt
import random
import unicodedata

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from palabre.accounts.models import User
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space, Visibility

from .models import (
    Consultation,
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)
from .services.consultations import consultation_analysis_run

SECRETARIAT = "secretariat@example.org"
DEMO_ACCOUNTS = [
    "secretariat@example.org",
    "chair@example.org",
    "approver@example.org",
    "member@example.org",
    "diaspora@example.org",
]
PARTICIPANT_DOMAIN = "consultation.example.org"

FIRST_NAMES = [
    "Aya", "Adjoua", "Affoué", "Amenan", "Akissi", "Ahou", "Mariam", "Fatoumata", "Awa",
    "Estelle", "Prisca", "Rokia", "Clarisse", "Salimata", "Aminata", "Nadège", "Kouadio",
    "Kouakou", "Yao", "Koffi", "Konan", "Serge", "Hervé", "Arsène", "Didier", "Moussa",
    "Ibrahim", "Sékou", "Souleymane", "Armand", "Landry", "Fabrice", "Thierry", "Brice", "Zié",
    "Gnakpa", "Sylvain", "Euphrasie", "Blandine", "Odile",
]  # fmt: skip
LAST_NAMES = [
    "Kouassi", "Yao", "Konan", "Kouamé", "N'Guessan", "Aka", "Tapé", "Gnahoré", "Bamba", "Koné",
    "Traoré", "Diabaté", "Coulibaly", "Touré", "Doumbia", "Zadi", "Séri", "Dago", "Bléhoué",
    "Gnagne", "Kacou", "Assi", "Loukou", "Ehui", "Amani", "Brou", "Tanoh", "Yapi", "Zoro",
    "Gohi", "Digbeu", "Oulaï", "Gueu", "Kipré", "Dibi", "Lago", "Méité", "Guéhi", "Téhé",
]  # fmt: skip

# Three opinion groups: D (entrepreneurs of the diaspora), C (local authorities and public
# services), A (farmers, fishers and their cooperatives). Per statement, each group's stance:
# "+" mostly agrees, "-" mostly disagrees, "0" is split.
GROUPS = {"D": 110, "C": 85, "A": 60}
FINISHED_STATEMENTS = [
    (
        "Un guichet unique de l'investisseur de la diaspora doit être ouvert dans "
        "chaque chef-lieu de région.",
        "+++",
    ),
    (
        "Les fonds confiés par la diaspora doivent être suivis publiquement, projet par projet.",
        "+++",
    ),
    (
        "Les investissements de la diaspora doivent aller d'abord aux infrastructures routières.",
        "-+0",
    ),
    (
        "Un fonds de garantie régional doit couvrir une partie des prêts accordés aux "
        "porteurs de projets de la diaspora.",
        "+0-",
    ),
    (
        "La transformation locale du cacao doit être la première priorité d'investissement.",
        "0-+",
    ),
    (
        "Les coopératives agricoles doivent être associées à tout projet de la diaspora"
        " dans leur zone.",
        "-0+",
    ),
    (
        "Il faut créer une banque de projets en ligne, consultable depuis l'étranger.",
        "+0-",
    ),
    (
        "La pêche artisanale de San-Pédro et de Grand-Béréby mérite un plan "
        "d'investissement dédié.",
        "0-+",
    ),
    (
        "Le tourisme balnéaire à Grand-Béréby est une bonne cible pour l'épargne de la diaspora.",
        "+0-",
    ),
    (
        "Les exonérations fiscales pour les investisseurs de la diaspora coûtent trop "
        "cher aux régions.",
        "-+0",
    ),
    (
        "Les régions doivent cofinancer les projets de la diaspora à hauteur d'un franc"
        " pour un franc.",
        "0+-",
    ),
    (
        "Les projets de la diaspora doivent créer des emplois pour les jeunes de la région.",
        "+++",
    ),
    (
        "L'accès sécurisé au foncier est le premier obstacle à l'investissement.",
        "+-+",
    ),
    (
        "Un titre foncier doit être délivré en moins de six mois aux porteurs de projets.",
        "+-+",
    ),
    (
        "Les centres de santé ruraux doivent passer avant les projets commerciaux.",
        "-++",
    ),
    (
        "Il faut réserver une part des marchés publics régionaux aux entreprises de la diaspora.",
        "+--",
    ),
    (
        "Une obligation diaspora émise par les régions financerait les grands équipements.",
        "0+-",
    ),
    (
        "Les transferts d'argent des familles doivent être orientés vers l'épargne productive.",
        "+0-",
    ),
    (
        "Les investisseurs de la diaspora doivent être accompagnés par un mentor sur place.",
        "+0+",
    ),
    (
        "Le port de San-Pédro doit accueillir une zone logistique dédiée aux PME de la diaspora.",
        "+-0",
    ),
    (
        "Les femmes entrepreneures doivent bénéficier d'un guichet de financement réservé.",
        "0++",
    ),
    (
        "Il faut d'abord former les jeunes aux métiers agricoles modernes.",
        "-0+",
    ),
    (
        "Les associations de la diaspora doivent siéger au conseil d'administration des"
        " projets financés.",
        "+-0",
    ),
    (
        "Un forum annuel de l'investissement de la diaspora doit se tenir à San-Pédro.",
        "+++",
    ),
    (
        "La priorité doit aller aux écoles et aux lycées techniques.",
        "-+0",
    ),
    (
        "Les projets immobiliers de la diaspora n'apportent rien au développement local.",
        "-+0",
    ),
    (
        "Il faut aider la diaspora à créer des unités de séchage et de stockage du cacao.",
        "0-+",
    ),
    (
        "L'électrification des villages doit précéder tout investissement productif.",
        "-++",
    ),
    (
        "Les procédures de création d'entreprise doivent pouvoir se faire entièrement en ligne.",
        "++0",
    ),
    (
        "Les régions doivent publier chaque année la liste des projets de la diaspora "
        "et leurs résultats.",
        "+++",
    ),
    (
        "Il faut une assurance contre les risques climatiques pour les investissements agricoles.",
        "0-+",
    ),
    (
        "Les investissements de la diaspora doivent rester privés, sans intervention des régions.",
        "+--",
    ),
    (
        "La filière hévéa doit recevoir autant d'attention que le cacao.",
        "0-+",
    ),
    (
        "La diaspora devrait financer en priorité des bourses d'études.",
        "--0",
    ),
    (
        "Un label « projet diaspora » rassurerait les banques locales.",
        "++-",
    ),
    (
        "Le parc national de Taï doit être protégé de tout projet d'investissement.",
        "0++",
    ),
    (
        "Il faut réserver les projets aux seuls investisseurs venus de l'étranger.",
        "---",
    ),
    (
        "Les mairies doivent être consultées avant chaque grand projet de la diaspora.",
        "-++",
    ),
]
# Submitted by participants: accepted like the others, and two rejected with their reason.
SUBMITTED_STATEMENTS = [
    (
        "Les diplômés de la diaspora devraient pouvoir enseigner quelques semaines par "
        "an dans les universités de la région.",
        "0+0",
    ),
    (
        "Un numéro vert doit répondre aux questions des investisseurs depuis l'étranger.",
        "+0+",
    ),
]
REJECTED_STATEMENTS = [
    (
        "Tous les élus sont corrompus, il ne faut rien leur confier !",
        "Propos injurieux envers des personnes : reformulez sur le fond.",
    ),
    (
        "Votez pour notre liste aux prochaines élections régionales.",
        "Propagande électorale : hors du sujet de la consultation.",
    ),
]
STANCES = {"+": (0.8, 0.1), "-": (0.1, 0.8), "0": (0.4, 0.35)}  # (agree, disagree); rest: pass

OPEN_SEED = [
    "Les entreprises créées par la diaspora doivent recruter des apprentis de la région.",
    "Un incubateur pour les jeunes porteurs de projets doit ouvrir à Soubré.",
    "Les jeunes de la diaspora peuvent parrainer un jeune entrepreneur resté au pays.",
    "Il faut un salon annuel de l'emploi des jeunes avec les entreprises de la diaspora.",
    "La formation professionnelle doit suivre les besoins des plantations et du port.",
    "Les stages dans les entreprises de la diaspora à l'étranger doivent être facilités.",
]
OPEN_PENDING = [
    "Un fonds d'amorçage pour les projets des jeunes diplômés de la Nawa.",
    "Des formations en ligne données par des professionnels de la diaspora, le soir.",
    "Les coopératives de jeunes doivent pouvoir louer des terres à long terme.",
    "Une plateforme qui met en relation les jeunes et les mentors de la diaspora.",
]


def seed(*, stdout) -> None:
    space = Space.objects.filter(slug=spaces_demo.CONCERTATION).first()
    secretariat = User.objects.filter(email=SECRETARIAT).first()
    if space is None or secretariat is None:
        stdout.write("Consultations: skipped (the demo spaces and accounts are missing).")
        return
    with transaction.atomic():
        rng = random.Random(20260415)
        participants = _participants(rng)
        created = _finished(space, secretariat, participants, rng)
        created += _open(space, secretariat, participants, rng)
    stdout.write(
        f"Consultations: 2 consultations ({created} new), {len(participants)} participants."
    )


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum() and c.isascii()).lower()


def _participants(rng: random.Random) -> list[User]:
    """The demo accounts, then enough fictional ones for the groups; the same on every run."""
    accounts = list(User.objects.filter(email__in=DEMO_ACCOUNTS).order_by("email"))
    wanted = sum(GROUPS.values()) - len(accounts)
    rows = []
    for n in range(wanted):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        rows.append(
            (f"{_ascii(first)}.{_ascii(last)}.{n + 1:03d}@{PARTICIPANT_DOMAIN}", first, last)
        )
    existing = set(
        User.objects.filter(email__in=[r[0] for r in rows]).values_list("email", flat=True)
    )
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(email=email, full_name=f"{first} {last}", password=unusable)
            for email, first, last in rows
            if email not in existing
        ]
    )
    fictional = User.objects.filter(email__in=[r[0] for r in rows]).in_bulk(field_name="email")
    return accounts + [fictional[email] for email, _first, _last in rows]


def _groups_of(participants: list[User], rng: random.Random) -> list[int]:
    groups = [g for g, size in enumerate(GROUPS.values()) for _ in range(size)]
    rng.shuffle(groups)
    return groups[: len(participants)]


def _draw_vote(rng: random.Random, stance: str) -> int:
    agree, disagree = STANCES[stance]
    draw = rng.random()
    return 1 if draw < agree else -1 if draw < agree + disagree else 0


def _finished(space, secretariat, participants, rng) -> int:
    title = "Priorités de l'investissement de la diaspora"
    if Consultation.objects.filter(space=space, title=title).exists():
        return 0
    consultation = Consultation.objects.create(
        space=space,
        title=title,
        question="Quelles priorités pour l'investissement de la diaspora dans les régions de "
        "San-Pédro, Nawa et Cavally ?",
        description="Consultation ouverte à tous les membres de l'espace et aux ressortissants "
        "des trois régions établis à l'étranger, préparée par le secrétariat technique avec "
        "l'ARDCI et la DGIE. Ses résultats nourrissent le plan d'action 2026 de l'espace de "
        "concertation et le cahier des charges du guichet de l'investisseur de la diaspora.",
        visibility=Visibility.PUBLIC,
        status=ConsultationStatus.CLOSED,
        participants_may_submit=True,
        closes_at=dt.datetime(2025, 11, 30, 23, 59, tzinfo=dt.UTC),
        created_by=secretariat,
    )
    moderated_at = dt.datetime(2025, 10, 20, 10, tzinfo=dt.UTC)
    statements = [
        (
            Statement.objects.create(
                consultation=consultation,
                text=text,
                author=secretariat,
                is_seed=True,
                status=StatementStatus.ACCEPTED,
                moderated_by=secretariat,
                moderated_at=moderated_at,
            ),
            stance,
        )
        for text, stance in FINISHED_STATEMENTS
    ]
    authors = participants[len(DEMO_ACCOUNTS) :]
    for (text, stance), author in zip(SUBMITTED_STATEMENTS, authors, strict=False):
        statement = Statement.objects.create(
            consultation=consultation,
            text=text,
            author=author,
            status=StatementStatus.ACCEPTED,
            moderated_by=secretariat,
            moderated_at=moderated_at,
        )
        statements.append((statement, stance))
    for (text, reason), author in zip(REJECTED_STATEMENTS, authors[5:], strict=False):
        Statement.objects.create(
            consultation=consultation,
            text=text,
            author=author,
            status=StatementStatus.REJECTED,
            moderated_by=secretariat,
            moderated_at=moderated_at,
            moderation_reason=reason,
        )
    votes = []
    for participant, group in zip(participants, _groups_of(participants, rng), strict=True):
        # Each votes on 15 to all of the statements, in the order the voting page spreads them.
        for statement, stance in rng.sample(statements, rng.randint(15, len(statements))):
            votes.append(
                StatementVote(
                    consultation=consultation,
                    statement=statement,
                    participant=participant,
                    value=_draw_vote(rng, stance[group]),
                )
            )
    StatementVote.objects.bulk_create(votes, batch_size=2000)
    StatementVote.objects.filter(consultation=consultation).update(
        voted_at=dt.datetime(2025, 11, 18, 12, tzinfo=dt.UTC)
    )
    Consultation.objects.filter(pk=consultation.pk).update(
        created_at=dt.datetime(2025, 10, 15, 9, tzinfo=dt.UTC)
    )
    Statement.objects.filter(consultation=consultation).update(
        created_at=dt.datetime(2025, 10, 18, 9, tzinfo=dt.UTC)
    )
    analysis = consultation_analysis_run(consultation=consultation, actor=secretariat)
    # Computed when the consultation closed, as the closing runs the analysis.
    ConsultationAnalysis.objects.filter(pk=analysis.pk).update(
        computed_at=dt.datetime(2025, 12, 1, 0, 5, tzinfo=dt.UTC)
    )
    return 1


def _open(space, secretariat, participants, rng) -> int:
    title = "L'emploi des jeunes et la diaspora"
    if Consultation.objects.filter(space=space, title=title).exists():
        return 0
    consultation = Consultation.objects.create(
        space=space,
        title=title,
        question="Comment la diaspora peut-elle aider les jeunes des régions de San-Pédro, "
        "Nawa et Cavally à trouver un emploi ou à créer leur entreprise ?",
        description="Proposez vos idées en une phrase et votez sur celles des autres : les "
        "propositions qui rassemblent seront discutées lors du prochain atelier thématique.",
        visibility=Visibility.PUBLIC,
        status=ConsultationStatus.OPEN,
        closes_at=timezone.now() + dt.timedelta(days=21),
        created_by=secretariat,
    )
    statements = [
        Statement.objects.create(
            consultation=consultation,
            text=text,
            author=secretariat,
            is_seed=True,
            status=StatementStatus.ACCEPTED,
            moderated_by=secretariat,
            moderated_at=timezone.now(),
        )
        for text in OPEN_SEED
    ]
    authors = list(User.objects.filter(email__in=DEMO_ACCOUNTS[1:]).order_by("email"))
    authors += participants[len(DEMO_ACCOUNTS) : len(DEMO_ACCOUNTS) + 4]
    for text, author in zip(OPEN_PENDING, authors, strict=False):
        Statement.objects.create(consultation=consultation, text=text, author=author)
    # Fifty participants so far, in two camps (training first, or money first); the demo
    # accounts have not voted yet, so that they can try.
    camps = ["+++-+-", "+-+++-"]
    votes = [
        StatementVote(
            consultation=consultation,
            statement=statement,
            participant=participant,
            value=_draw_vote(rng, camps[n % 2][j]),
        )
        for n, participant in enumerate(participants[len(DEMO_ACCOUNTS) : len(DEMO_ACCOUNTS) + 50])
        for j, statement in enumerate(statements)
    ]
    StatementVote.objects.bulk_create(votes)
    consultation_analysis_run(consultation=consultation, actor=secretariat)
    return 1
