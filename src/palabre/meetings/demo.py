"""Demo meetings: two years of the committee's and the concertation space's life — a dozen past
meetings with their framing notes, attendance and approved minutes — and two meetings ahead.

Everything goes through the workflow services, then the history is dated back to when it would
have happened, so that the pages read like a real archive. Running it again changes nothing.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from palabre.accounts.models import User
from palabre.directory.models import Person
from palabre.documents.models import DocumentFormat
from palabre.documents.services import issue_document
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Membership, Space, Visibility
from palabre.workflow.models import Action, Revision, State, Transition
from palabre.workflow.services import comment_add, workflow_act

from .models import (
    ActionStatus,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AttendanceSource,
    FramingNote,
    Meeting,
    MeetingKind,
    MeetingMode,
    Minutes,
    Outcome,
    OutcomeKind,
    ParticipationMode,
    Registration,
    RegistrationSource,
    RegistrationStatus,
    SatisfactionResponse,
    TrainingAssessment,
)
from .selectors_minutes import minutes_document
from .services.registration import invite

ABIDJAN = "Africa/Abidjan"


def abidjan(*moment: int) -> dt.datetime:
    """A time at the venue: Abidjan is on UTC all year round."""
    return dt.datetime(*moment, tzinfo=dt.UTC)


K, M = MeetingKind, MeetingMode
A = AgendaItemKind

OPENING = ("Mot de bienvenue et ouverture des travaux", A.OPENING, 20, "Président du comité")
CLOSING = ("Synthèse, prochaines étapes et clôture", A.CLOSING, 20, "Secrétariat technique")


@dataclass
class DemoMeeting:
    space: str
    title: str
    kind: str
    mode: str
    start: dt.datetime
    hours: float
    venue: str
    city: str
    context: str
    objectives: str
    agenda: list[tuple[str, str, int, str]]
    decisions: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    actions: list[tuple[str, int, str]] = field(default_factory=list)  # text, days to due, status
    attendees: int = 25
    visibility: str = Visibility.MEMBERS
    minutes_visibility: str = Visibility.PUBLIC
    learning_objectives: str = ""
    capacity: int | None = None


S = spaces_demo
PAST = [
    DemoMeeting(
        S.COMMITTEE,
        "Réunion d'installation du comité de suivi",
        K.COMMITTEE,
        M.IN_PERSON,
        abidjan(2024, 3, 14, 9, 0),
        5,
        "Salle des délibérations du conseil régional",
        "San-Pédro",
        "Les régions de San-Pédro, de la Nawa et du Cavally veulent associer durablement leur "
        "diaspora à leur développement. L'ARDCI et la DGIE accompagnent la mise en place d'un "
        "comité de suivi chargé de préparer un espace de concertation multi-acteurs.",
        "Installer le comité de suivi ; adopter son mandat ; désigner son bureau ; fixer le "
        "calendrier des travaux de l'année.",
        [
            OPENING,
            (
                "Présentation de l'action de coopération Sud-Sud sur la migration",
                A.PRESENTATION,
                40,
                "ARDCI",
            ),
            ("Mandat et composition du comité de suivi", A.DISCUSSION, 60, "Secrétariat"),
            ("Désignation du bureau", A.DECISION, 30, ""),
            CLOSING,
        ],
        decisions=[
            "Le comité de suivi est installé avec six collèges et adopte son mandat.",
            "Le bureau est composé d'un président, d'un vice-président et d'un rapporteur.",
        ],
        recommendations=[
            "Associer dès la prochaine réunion les associations de la diaspora établies en "
            "Italie et au Canada.",
        ],
        actions=[
            ("Diffuser le mandat adopté à tous les membres", 14, ActionStatus.DONE),
            (
                "Établir l'annuaire des associations de la diaspora des trois régions",
                60,
                ActionStatus.DONE,
            ),
        ],
        attendees=18,
    ),
    DemoMeeting(
        S.COMMITTEE,
        "2e réunion du comité de suivi : feuille de route",
        K.COMMITTEE,
        M.HYBRID,
        abidjan(2024, 6, 20, 10, 0),
        4,
        "Hôtel de région de la Nawa",
        "Soubré",
        "Le comité installé en mars doit maintenant se doter d'une feuille de route et "
        "préciser les étapes de création de l'espace de concertation.",
        "Adopter la feuille de route 2024-2025 ; préparer l'atelier d'échange avec la diaspora.",
        [
            OPENING,
            (
                "Suivi des recommandations de la réunion d'installation",
                A.DISCUSSION,
                30,
                "Rapporteur",
            ),
            ("Projet de feuille de route 2024-2025", A.PRESENTATION, 45, "Secrétariat"),
            ("Préparation de l'atelier d'échange Région–Diaspora", A.WORKING_GROUPS, 60, ""),
            CLOSING,
        ],
        decisions=["La feuille de route 2024-2025 est adoptée avec les amendements proposés."],
        recommendations=[
            "Prévoir une participation en ligne pour les membres vivant à "
            "l'étranger à chaque réunion."
        ],
        actions=[
            ("Préparer la note de cadrage de l'atelier d'échange", 30, ActionStatus.DONE),
            ("Identifier une salle équipée pour les réunions hybrides", 45, ActionStatus.DONE),
        ],
        attendees=21,
    ),
    DemoMeeting(
        S.COMMITTEE,
        "Atelier d'échange Région–Diaspora",
        K.EXCHANGE_WORKSHOP,
        M.HYBRID,
        abidjan(2024, 10, 17, 9, 0),
        7,
        "Centre culturel de San-Pédro",
        "San-Pédro",
        "Premier atelier réunissant les élus, les services de l'État et la diaspora des trois "
        "régions pour partager les attentes de chacun.",
        "Recueillir les attentes de la diaspora ; identifier les freins à l'investissement ; "
        "proposer les premières thématiques de concertation.",
        [
            OPENING,
            ("Témoignages de membres de la diaspora investisseurs", A.PRESENTATION, 60, ""),
            (
                "Freins à l'investissement : foncier, financement, information",
                A.WORKING_GROUPS,
                120,
                "",
            ),
            ("Pause déjeuner", A.BREAK, 60, ""),
            ("Restitution des groupes de travail", A.DISCUSSION, 60, "Rapporteurs des groupes"),
            CLOSING,
        ],
        decisions=[
            "Les trois thématiques prioritaires retenues sont l'agriculture et "
            "l'agro-transformation, le tourisme, et l'accès au foncier."
        ],
        recommendations=[
            "Créer un guichet d'information dédié à la diaspora dans chaque conseil régional.",
            "Publier un guide des procédures d'investissement en français et en anglais.",
        ],
        actions=[
            ("Rédiger les termes de référence du guichet diaspora", 60, ActionStatus.DONE),
            (
                "Recenser les projets d'investissement portés par la diaspora",
                90,
                ActionStatus.IN_PROGRESS,
            ),
        ],
        attendees=46,
        visibility=Visibility.PUBLIC,
    ),
    DemoMeeting(
        S.COMMITTEE,
        "Formation : montage de projets d'investissement pour la diaspora",
        K.TRAINING,
        M.IN_PERSON,
        abidjan(2025, 1, 23, 8, 30),
        8,
        "Chambre de commerce et d'industrie, délégation régionale",
        "San-Pédro",
        "Les porteurs de projets de la diaspora manquent d'outils pour présenter leurs projets "
        "aux financeurs et aux autorités régionales.",
        "Renforcer les capacités des participants à concevoir et présenter un projet "
        "d'investissement bancable.",
        [
            OPENING,
            ("De l'idée au plan d'affaires", A.PRESENTATION, 90, "Formateur"),
            ("Étude de cas : une unité de transformation de manioc", A.WORKING_GROUPS, 120, ""),
            ("Sources de financement et garanties", A.PRESENTATION, 90, "Formatrice"),
            ("Évaluation et clôture", A.CLOSING, 30, ""),
        ],
        recommendations=["Organiser une session en ligne pour la diaspora d'Amérique du Nord."],
        actions=[("Mettre les supports de formation en ligne", 10, ActionStatus.DONE)],
        attendees=24,
        learning_objectives="Structurer un plan d'affaires\nIdentifier les sources de "
        "financement adaptées\nPrésenter un projet en cinq minutes",
        capacity=30,
    ),
    DemoMeeting(
        S.COMMITTEE,
        "Réunion du comité : projet de cahier des charges",
        K.COMMITTEE,
        M.HYBRID,
        abidjan(2025, 4, 10, 10, 0),
        4,
        "Conseil régional du Cavally",
        "Guiglo",
        "Le cahier des charges définit le format, les missions, la composition et le "
        "fonctionnement du futur espace de concertation.",
        "Examiner le projet de cahier des charges ; arrêter la composition des collèges.",
        [
            OPENING,
            ("Présentation du projet de cahier des charges", A.PRESENTATION, 45, "Secrétariat"),
            ("Composition des collèges et place des femmes", A.DISCUSSION, 60, ""),
            ("Règles de décision : consensus et vote", A.DISCUSSION, 45, ""),
            CLOSING,
        ],
        decisions=[
            "Le projet de cahier des charges est adopté sous réserve des amendements du collège "
            "de la diaspora.",
            "Chaque collège comptera au moins 30 % de femmes.",
        ],
        actions=[
            ("Intégrer les amendements et diffuser la version finale", 21, ActionStatus.DONE),
            (
                "Consulter les associations de la diaspora sur le règlement intérieur",
                45,
                ActionStatus.CANCELLED,
            ),
        ],
        attendees=19,
    ),
    DemoMeeting(
        S.COMMITTEE,
        "Visite de terrain : zone agro-industrielle de Soubré",
        K.FIELD_VISIT,
        M.IN_PERSON,
        abidjan(2025, 5, 22, 7, 30),
        9,
        "Zone agro-industrielle",
        "Soubré",
        "Des membres de la diaspora souhaitent voir sur place les opportunités de la "
        "transformation du cacao et de l'hévéa.",
        "Visiter trois unités de transformation ; rencontrer les coopératives ; identifier des "
        "opportunités d'investissement.",
        [
            ("Accueil à la préfecture", A.OPENING, 30, ""),
            ("Visite d'une coopérative de cacao", A.OTHER, 120, ""),
            ("Visite d'une unité de transformation d'hévéa", A.OTHER, 120, ""),
            ("Échange avec les producteurs", A.DISCUSSION, 60, ""),
        ],
        recommendations=[
            "Inscrire la transformation locale du cacao dans la banque de projets régionale."
        ],
        actions=[
            ("Rédiger la fiche d'opportunité « unité de broyage de cacao »", 30, ActionStatus.DONE)
        ],
        attendees=14,
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Assemblée constitutive de l'espace de concertation",
        K.COMMITTEE,
        M.HYBRID,
        abidjan(2025, 2, 20, 9, 0),
        6,
        "Salle polyvalente de la mairie",
        "San-Pédro",
        "Après un an de préparation par le comité de suivi, l'espace de concertation "
        "San-Pédro – Nawa – Cavally et diaspora est constitué.",
        "Constituer l'espace ; adopter le cahier des charges ; élire le bureau.",
        [
            OPENING,
            ("Rapport du comité de suivi", A.PRESENTATION, 40, "Comité de suivi"),
            ("Adoption du cahier des charges", A.DECISION, 60, ""),
            ("Élection du bureau", A.DECISION, 45, ""),
            CLOSING,
        ],
        decisions=[
            "L'espace de concertation est constitué ; le cahier des charges est adopté.",
            "Le bureau est élu pour deux ans.",
        ],
        recommendations=["Réunir l'espace en plénière au moins deux fois par an."],
        actions=[("Publier le cahier des charges adopté sur la plateforme", 7, ActionStatus.DONE)],
        attendees=64,
        visibility=Visibility.PUBLIC,
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Atelier thématique : agriculture et transformation du cacao",
        K.THEMATIC_WORKSHOP,
        M.HYBRID,
        abidjan(2025, 6, 26, 9, 0),
        6,
        "Hôtel de région de la Nawa",
        "Soubré",
        "L'agriculture et l'agro-transformation sont la première thématique retenue par l'espace.",
        "Partager un diagnostic de la filière ; identifier trois projets pilotes ouverts à "
        "l'investissement de la diaspora.",
        [
            OPENING,
            ("Diagnostic de la filière cacao dans la Nawa", A.PRESENTATION, 45, ""),
            ("Projets pilotes : travail en groupes", A.WORKING_GROUPS, 120, ""),
            ("Restitution et choix des projets", A.DECISION, 60, ""),
            CLOSING,
        ],
        decisions=["Trois projets pilotes sont retenus pour la banque de projets régionale."],
        recommendations=[
            "Associer les banques et les institutions de microfinance aux prochains ateliers."
        ],
        actions=[
            ("Rédiger les fiches des trois projets pilotes", 45, ActionStatus.DONE),
            (
                "Organiser une rencontre avec les institutions financières",
                90,
                ActionStatus.IN_PROGRESS,
            ),
        ],
        attendees=52,
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Forum de la diaspora des régions de San-Pédro, de la Nawa et du Cavally",
        K.DIASPORA_FORUM,
        M.HYBRID,
        abidjan(2025, 12, 18, 9, 0),
        8,
        "Palais des congrès",
        "San-Pédro",
        "Le forum réunit chaque année la diaspora et les acteurs régionaux autour des "
        "opportunités d'investissement.",
        "Présenter les opportunités d'investissement ; faciliter les mises en relation ; "
        "lancer le guichet diaspora.",
        [
            OPENING,
            (
                "Présentation des opportunités d'investissement des trois régions",
                A.PRESENTATION,
                90,
                "",
            ),
            ("Rencontres d'affaires", A.WORKING_GROUPS, 180, ""),
            ("Lancement officiel du guichet diaspora", A.OTHER, 30, ""),
            CLOSING,
        ],
        decisions=["Le guichet diaspora est ouvert dans les trois conseils régionaux."],
        recommendations=["Organiser le prochain forum en partie à l'étranger (Paris)."],
        actions=[
            (
                "Suivre les 40 contacts d'affaires noués pendant le forum",
                60,
                ActionStatus.IN_PROGRESS,
            ),
            ("Publier les actes du forum", 30, ActionStatus.DONE),
        ],
        attendees=88,
        visibility=Visibility.PUBLIC,
        capacity=150,
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Atelier thématique : tourisme et économie bleue à San-Pédro",
        K.THEMATIC_WORKSHOP,
        M.IN_PERSON,
        abidjan(2026, 3, 12, 9, 0),
        6,
        "Centre culturel de San-Pédro",
        "San-Pédro",
        "Le littoral de San-Pédro offre un potentiel touristique peu exploité.",
        "Identifier les projets touristiques ouverts à la diaspora ; associer les communes "
        "littorales.",
        [
            OPENING,
            ("Le potentiel touristique du littoral", A.PRESENTATION, 45, ""),
            ("Ateliers : hébergement, pêche, loisirs", A.WORKING_GROUPS, 120, ""),
            CLOSING,
        ],
        decisions=["Un groupe de travail tourisme sera créé au sein de l'espace."],
        actions=[("Rédiger le mandat du groupe de travail tourisme", 30, ActionStatus.OPEN)],
        attendees=37,
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Formation en ligne : outils numériques de la concertation",
        K.TRAINING,
        M.ONLINE,
        abidjan(2026, 5, 14, 15, 0),
        3,
        "",
        "",
        "Les membres doivent pouvoir suivre les travaux de l'espace à distance.",
        "Prendre en main la plateforme : inscriptions, comptes rendus, thématiques.",
        [
            OPENING,
            ("Démonstration de la plateforme", A.PRESENTATION, 60, "Secrétariat"),
            ("Exercices pratiques", A.WORKING_GROUPS, 60, ""),
            ("Évaluation", A.CLOSING, 20, ""),
        ],
        actions=[("Publier un tutoriel vidéo", 21, ActionStatus.DONE)],
        attendees=33,
        learning_objectives="S'inscrire à une réunion\nLire et commenter un compte rendu\n"
        "Proposer une thématique",
    ),
    DemoMeeting(
        S.CONCERTATION,
        "Réunion plénière semestrielle de l'espace de concertation",
        K.COMMITTEE,
        M.HYBRID,
        abidjan(2026, 9, 24, 9, 0),
        5,
        "Conseil régional du Cavally",
        "Guiglo",
        "Point semestriel sur le plan d'action de l'espace.",
        "Faire le point sur le plan d'action ; examiner le rapport du guichet diaspora.",
        [
            OPENING,
            ("État d'avancement du plan d'action", A.PRESENTATION, 60, "Secrétariat"),
            ("Rapport du guichet diaspora", A.PRESENTATION, 45, ""),
            ("Questions diverses", A.DISCUSSION, 30, ""),
            CLOSING,
        ],
        decisions=["Le rapport du guichet diaspora est approuvé."],
        recommendations=["Renforcer la communication vers la diaspora d'Italie."],
        actions=[
            ("Préparer le bilan annuel 2026", 75, ActionStatus.IN_PROGRESS),
            ("Relancer les associations de la diaspora en Italie", 20, ActionStatus.OPEN),
        ],
        attendees=41,
    ),
]


def seed(*, stdout) -> None:
    with transaction.atomic():
        world = _World.load()
        created = 0
        for index, spec in enumerate(PAST):
            created += _past_meeting(world, spec, random.Random(index))
        created += _upcoming_meetings(world)
        _archive(world)
    stdout.write(f"Meetings: {len(PAST) + 2} meetings ({created} new).")


@dataclass
class _World:
    spaces: dict[str, Space]
    secretariat: User
    approver: User
    member: User
    people: dict[int, list[Person]]  # space id → members' people
    others: list[Person]

    @classmethod
    def load(cls) -> "_World":
        spaces = {s.slug: s for s in Space.objects.filter(slug__in=[S.COMMITTEE, S.CONCERTATION])}
        people: dict[int, list[Person]] = {}
        memberships = Membership.objects.filter(space__in=spaces.values()).select_related("person")
        for membership in memberships.order_by("pk"):
            bucket = people.setdefault(membership.space_id, [])
            if membership.person not in bucket:
                bucket.append(membership.person)
        member_ids = {p.pk for bucket in people.values() for p in bucket}
        others = list(Person.objects.active().exclude(pk__in=member_ids).order_by("pk")[:300])
        users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
        return cls(
            spaces,
            users["secretariat@example.org"],
            users["approver@example.org"],
            users["member@example.org"],
            people,
            others,
        )


def _meeting(world: _World, spec: DemoMeeting, start: dt.datetime) -> tuple[Meeting, bool]:
    space = world.spaces[spec.space]
    return Meeting.objects.get_or_create(
        space=space,
        title=spec.title,
        defaults={
            "kind": spec.kind,
            "mode": spec.mode,
            "visibility": spec.visibility,
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=spec.hours),
            "time_zone": ABIDJAN,
            "venue": spec.venue,
            "city": spec.city,
            "online_url": f"https://visio.example.org/{slugify(spec.title)[:60]}"
            if spec.mode != M.IN_PERSON
            else "",
            "capacity": spec.capacity,
            "registration_open": start > timezone.now(),
            "description": spec.objectives,
            "learning_objectives": spec.learning_objectives,
            "created_by": world.secretariat,
        },
    )


def _framing_note(meeting: Meeting, spec: DemoMeeting) -> FramingNote:
    for order, (title, kind, minutes, speaker) in enumerate(spec.agenda, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            order=order,
            title=title,
            kind=kind,
            duration_minutes=minutes,
            speaker=speaker,
        )
    return FramingNote.objects.create(
        meeting=meeting,
        context=spec.context,
        objectives=spec.objectives,
        reflection_axes="Quels freins lever en priorité ?\nQuels engagements de chaque collège ?",
        expected_results="Des décisions claires, des actions avec un responsable et une échéance.",
        target_participants="Membres de l'espace, diaspora (en présentiel et en ligne), "
        "partenaires invités.",
    )


def _past_meeting(world: _World, spec: DemoMeeting, rng: random.Random) -> int:
    start = spec.start
    meeting, created = _meeting(world, spec, start)
    if not created:
        return 0
    note = _framing_note(meeting, spec)
    _approve(note, world, published=True, on=start - dt.timedelta(days=21))

    participants = _participants(world, meeting, spec.attendees, rng)
    _attend(meeting, participants, world, rng)
    if meeting.is_training:
        _training_results(meeting, participants, rng)

    minutes = Minutes.objects.create(
        meeting=meeting,
        visibility=spec.minutes_visibility,
        summary=f"{spec.attendees} participants ont pris part à « {spec.title} ». "
        "Les échanges ont été riches et constructifs ; les décisions et recommandations "
        "ci-dessous ont été adoptées par consensus.",
    )
    items = list(meeting.agenda_items.all())
    for item in items:
        item.minutes_notes = (
            f"Les participants ont examiné le point « {item.title} ». "
            "Plusieurs intervenants de la diaspora ont pris la parole en ligne."
        )
        item.save(update_fields=["minutes_notes"])
    _outcomes(minutes, spec, items, participants, rng)
    _approve(minutes, world, published=True, on=start + dt.timedelta(days=15))
    return 1


def _participants(world, meeting, count, rng) -> list[Person]:
    members = world.people.get(meeting.space_id, [])
    chosen = rng.sample(members, min(len(members), int(count * 0.8)))
    chosen += rng.sample(world.others, max(0, count - len(chosen)))
    return chosen


def _attend(meeting: Meeting, people: list[Person], world: _World, rng: random.Random) -> None:
    online_share = {M.IN_PERSON: 0.0, M.ONLINE: 1.0, M.HYBRID: 0.3}[meeting.mode]
    registrations, attendances = [], []
    for person in people:
        online = rng.random() < online_share or (
            meeting.mode == M.HYBRID and person.country_of_residence_id != meeting.space.country_id
        )
        mode = ParticipationMode.ONLINE if online else ParticipationMode.IN_PERSON
        registrations.append(
            Registration(
                meeting=meeting,
                person=person,
                status=RegistrationStatus.REGISTERED,
                mode=mode,
                source=RegistrationSource.ACCOUNT
                if person.user_id
                else RegistrationSource.SECRETARIAT,
            )
        )
        source = (
            AttendanceSource.ONLINE
            if online
            else rng.choice([AttendanceSource.CHECK_IN, AttendanceSource.SIGN_IN_SHEET])
        )
        attendances.append(
            Attendance(
                meeting=meeting,
                person=person,
                mode=mode,
                source=source,
                recorded_by=world.secretariat,
            )
        )
    Registration.objects.bulk_create(registrations)
    Attendance.objects.bulk_create(attendances)
    Registration.objects.filter(meeting=meeting).update(
        registered_at=meeting.starts_at - dt.timedelta(days=10)
    )
    Attendance.objects.filter(meeting=meeting).update(checked_in_at=meeting.starts_at)


def _training_results(meeting: Meeting, people: list[Person], rng: random.Random) -> None:
    TrainingAssessment.objects.bulk_create(
        TrainingAssessment(
            meeting=meeting,
            person=person,
            pre_score=pre,
            post_score=min(100, pre + rng.randint(5, 35)) if rng.random() > 0.1 else None,
        )
        for person in people
        for pre in [rng.randint(25, 70)]
    )
    SatisfactionResponse.objects.bulk_create(
        SatisfactionResponse(
            meeting=meeting,
            respondent=person,
            overall=rng.choice([3, 4, 4, 5, 5]),
            content=rng.choice([3, 4, 5, 5]),
            facilitation=rng.choice([4, 4, 5]),
            organisation=rng.choice([2, 3, 4, 4, 5]),
            would_recommend=rng.random() > 0.1,
            comments=rng.choice(
                ["", "", "Très utile, à renouveler.", "Prévoir plus de temps pour les exercices."]
            ),
        )
        for person in people[: int(len(people) * 0.7)]
    )


def _outcomes(minutes, spec, items, participants, rng) -> None:
    discussed = [item for item in items if item.kind not in (A.OPENING, A.CLOSING, A.BREAK)]
    rows = [(OutcomeKind.DECISION, text) for text in spec.decisions] + [
        (OutcomeKind.RECOMMENDATION, text) for text in spec.recommendations
    ]
    for order, (kind, text) in enumerate(rows):
        Outcome.objects.create(
            minutes=minutes,
            kind=kind,
            text=text,
            agenda_item=rng.choice(discussed) if discussed else None,
            order=order,
        )
    for order, (text, days, status) in enumerate(spec.actions):
        Outcome.objects.create(
            minutes=minutes,
            kind=OutcomeKind.ACTION_ITEM,
            text=text,
            owner=rng.choice(participants),
            due_date=minutes.meeting.starts_at.date() + dt.timedelta(days=days),
            status=status,
            order=order,
        )


def _approve(document, world: _World, *, published: bool, on: dt.datetime) -> None:
    """Submit, approve (and publish) through the workflow, then date the history back to `on`."""
    workflow_act(obj=document, action=Action.SUBMIT, actor=world.secretariat)
    workflow_act(obj=document, action=Action.APPROVE, actor=world.approver)
    if published:
        workflow_act(obj=document, action=Action.PUBLISH, actor=world.secretariat)
    target = {
        "content_type": ContentType.objects.get_for_model(document),
        "object_id": document.pk,
    }
    for days, transition in enumerate(Transition.objects.filter(**target).order_by("pk")):
        Transition.objects.filter(pk=transition.pk).update(at=on + dt.timedelta(days=2 * days))
    approved_at, published_at = on + dt.timedelta(days=2), on + dt.timedelta(days=4)
    Revision.objects.filter(**target).update(
        approved_at=approved_at, published_at=published_at if published else None
    )
    type(document).objects.filter(pk=document.pk).update(
        approved_at=approved_at, published_at=published_at if published else None
    )


def _upcoming_meetings(world: _World) -> int:
    """The annual review of the committee in a few weeks (note published, people registered)
    and an online exchange with the North American diaspora (note in review, with a comment)."""
    today = timezone.localdate()
    review = DemoMeeting(
        S.COMMITTEE,
        "Réunion du comité de suivi : bilan annuel",
        K.COMMITTEE,
        M.HYBRID,
        dt.datetime.combine(today + dt.timedelta(days=18), dt.time(9, 0), tzinfo=dt.UTC),
        4,
        "Salle des délibérations du conseil régional",
        "San-Pédro",
        "L'année écoulée a vu l'ouverture du guichet diaspora et le premier forum. Le comité "
        "fait le bilan et prépare l'année suivante.",
        "Dresser le bilan annuel ; valider le programme de l'année suivante ; préparer le "
        "deuxième forum de la diaspora.",
        [
            OPENING,
            ("Bilan des actions de l'année", A.PRESENTATION, 60, "Secrétariat"),
            ("Indicateurs de participation et d'investissement", A.PRESENTATION, 30, ""),
            ("Programme de l'année suivante", A.DISCUSSION, 60, ""),
            CLOSING,
        ],
        capacity=40,
    )
    exchange = DemoMeeting(
        S.CONCERTATION,
        "Échange en ligne avec la diaspora d'Amérique du Nord",
        K.EXCHANGE_WORKSHOP,
        M.ONLINE,
        dt.datetime.combine(today + dt.timedelta(days=53), dt.time(17, 0), tzinfo=dt.UTC),
        2,
        "",
        "",
        "Une part croissante de la diaspora des trois régions vit aux États-Unis et au "
        "Canada ; les horaires des réunions les excluent souvent.",
        "Présenter le guichet diaspora et la banque de projets ; recueillir les attentes de la "
        "diaspora d'Amérique du Nord.",
        [
            OPENING,
            ("Présentation du guichet diaspora", A.PRESENTATION, 30, "Secrétariat"),
            ("Questions et attentes des participants", A.DISCUSSION, 60, ""),
            CLOSING,
        ],
        visibility=Visibility.PUBLIC,
        capacity=None,
    )
    created = 0
    rng = random.Random(99)
    for spec, state in ((review, Action.PUBLISH), (exchange, Action.SUBMIT)):
        start = spec.start
        meeting, is_new = _meeting(world, spec, start)
        if not is_new:
            continue
        created += 1
        note = _framing_note(meeting, spec)
        if state == Action.PUBLISH:
            _approve(note, world, published=True, on=timezone.now() - dt.timedelta(days=6))
        else:
            workflow_act(obj=note, action=Action.SUBMIT, actor=world.secretariat)
            comment_add(
                obj=note,
                section="objectives",
                text="Prévoir une traduction en anglais des supports pour les participants du "
                "Canada anglophone.",
                actor=world.member
                if world.member.has_perm("meetings.review_framing_note", note)
                else world.secretariat,
            )
        invite(meeting=meeting, actor=world.secretariat, members=True)
        people = _participants(world, meeting, 26 if meeting.capacity else 31, rng)
        Registration.objects.bulk_create(
            Registration(
                meeting=meeting,
                person=person,
                status=RegistrationStatus.REGISTERED,
                mode=ParticipationMode.ONLINE
                if meeting.mode == M.ONLINE or index % 3 == 0
                else ParticipationMode.IN_PERSON,
                source=RegistrationSource.ACCOUNT,
            )
            for index, person in enumerate(people)
        )
    return created


def _archive(world: _World) -> None:
    """The latest minutes as the secretariat downloaded them, so that the archive and its
    verification page have documents to show."""
    latest = (
        Minutes.objects.filter(workflow_state=State.PUBLISHED)
        .select_related("meeting__space", "approved_by")
        .order_by("-meeting__starts_at")[:3]
    )
    for minutes in latest:
        for fmt in DocumentFormat.values:
            issue_document(
                **minutes_document(minutes, with_attendees=True),
                fmt=fmt,
                issued_by=world.secretariat,
            )
