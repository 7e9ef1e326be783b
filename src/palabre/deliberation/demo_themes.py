"""Demo themes and prioritisation rounds of the concertation space: thirteen themes across the
axes the three regions and their diaspora work on, in every status but "in the action plan" (the
action plans' demo moves a retained theme there), with supports and comment threads (one comment
hidden by the moderator); a dot-voting round closed last season with about forty ballots across
the colleges, and a ranking round open now.

Voting needs accounts: about fifty members of the space drawn from the demo directory get one
(without a password: nobody signs in with them). Running it again changes nothing.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Membership, Role, Space
from palabre.territories.models import Sector

from .models import (
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
    Theme,
    ThemeComment,
    ThemeStatus,
    ThemeSupport,
)
from .services.rounds import ballot_cast, round_create, round_open

S = spaces_demo
T = ThemeStatus

AGRICULTURE = "Agriculture et transformation du cacao"
BLUE_ECONOMY = "Pêche et économie bleue"
TOURISM = "Tourisme à Grand-Béréby et sur le littoral"
YOUTH = "Emploi des jeunes"
DIASPORA_DESK = "Guichet de l'investissement de la diaspora"
LAND = "Accès au foncier"
PORT = "Infrastructures et logistique du port de San-Pédro"
WOMEN = "Entrepreneuriat des femmes"

# Voters with an account, per college of the concertation space (besides the demo accounts).
ACCOUNTS_PER_COLLEGE = {
    S.REGIONS: 8,
    S.STATE: 7,
    S.DIASPORA: 16,
    S.PRIVATE_SECTOR: 8,
    S.CIVIL_SOCIETY: 7,
}

HIDDEN_COMMENT = "Achetez mon terrain en bord de mer, prix imbattable, appelez vite !!!"
HIDDEN_REASON = "Annonce commerciale sans rapport avec la discussion."


@dataclass
class DemoTheme:
    key: str
    title: str
    axis: str
    sectors: list[str]
    status: str
    months_ago: float
    description: str
    popularity: float  # share of the accounts who support it
    reason: str = ""
    # (text, college of its author or None, [(reply, college of its author or None)])
    comments: list[tuple] = field(default_factory=list)


THEMES = [
    DemoTheme(
        "cacao",
        "Transformer localement le cacao à Soubré et à Méagui",
        AGRICULTURE,
        ["cocoa-coffee", "agri-processing"],
        T.RETAINED,
        10,
        "La Nawa produit une part importante du cacao ivoirien mais exporte presque toutes ses "
        "fèves brutes. Des unités de broyage et de fabrication de masse de cacao, portées par les "
        "coopératives et des investisseurs de la diaspora, garderaient la valeur ajoutée et des "
        "emplois dans la région.",
        0.55,
        comments=[
            (
                "Les coopératives de Méagui ont déjà un terrain et un hangar ; il manque le "
                "financement des équipements et la formation des opérateurs.",
                S.PRIVATE_SECTOR,
                [
                    (
                        "La banque de projets de la diaspora pourrait cofinancer une première "
                        "unité pilote. Nous sommes prêts à en discuter depuis Lyon.",
                        S.DIASPORA,
                    ),
                    (
                        "Attention à l'approvisionnement en électricité : prévoir un volet "
                        "énergie.",
                        None,
                    ),
                ],
            ),
            (
                "Quelle place pour les jeunes dans ces unités ? Il faut un volet apprentissage.",
                S.CIVIL_SOCIETY,
                [],
            ),
        ],
    ),
    DemoTheme(
        "tracabilite",
        "Traçabilité et certification du cacao des coopératives de la Nawa",
        AGRICULTURE,
        ["cocoa-coffee", "agriculture"],
        T.UNDER_DISCUSSION,
        8,
        "Les nouvelles règles européennes contre la déforestation imposent de prouver l'origine "
        "des fèves. Les petites coopératives risquent d'être exclues des marchés sans un appui "
        "pour la cartographie des parcelles et la certification.",
        0.3,
        comments=[
            (
                "Le conseil régional peut mutualiser la cartographie des parcelles pour toutes "
                "les coopératives.",
                S.REGIONS,
                [],
            )
        ],
    ),
    DemoTheme(
        "debarcadere",
        "Débarcadère moderne et chaîne du froid pour la pêche artisanale à San-Pédro",
        BLUE_ECONOMY,
        ["fisheries", "ports-logistics"],
        T.RETAINED,
        9,
        "Les pêcheurs artisanaux débarquent sur la plage, sans glace ni chambre froide : une "
        "grande partie des prises se perd. Un débarcadère aménagé avec une fabrique de glace et "
        "un marché au poisson améliorerait les revenus des pêcheurs et des mareyeuses.",
        0.45,
        comments=[
            (
                "Les mareyeuses doivent être associées dès la conception du marché au poisson.",
                S.CIVIL_SOCIETY,
                [
                    (
                        "D'accord : leur association a déjà fait des propositions au conseil "
                        "régional.",
                        S.REGIONS,
                    )
                ],
            )
        ],
    ),
    DemoTheme(
        "aquaculture",
        "Aquaculture et pisciculture dans le Cavally",
        BLUE_ECONOMY,
        ["fisheries", "agriculture"],
        T.PROPOSED,
        2,
        "Les bas-fonds du Cavally se prêtent à la pisciculture de tilapia. Des fermes piscicoles "
        "villageoises fourniraient des protéines et des revenus, avec l'appui technique de "
        "ressortissants formés à l'étranger.",
        0.12,
    ),
    DemoTheme(
        "tourisme",
        "Écotourisme et tourisme balnéaire à Grand-Béréby",
        TOURISM,
        ["tourism", "environment"],
        T.UNDER_DISCUSSION,
        7,
        "Les plages de Grand-Béréby, la réserve et les villages de pêcheurs attirent des "
        "visiteurs, mais l'offre d'hébergement et d'accueil reste faible. La diaspora peut "
        "investir dans des écolodges et faire connaître la destination.",
        0.35,
        comments=[
            (
                "Il faut protéger les sites de ponte des tortues marines : tout projet doit "
                "passer par une étude d'impact.",
                S.CIVIL_SOCIETY,
                [],
            ),
            (HIDDEN_COMMENT, None, []),
        ],
    ),
    DemoTheme(
        "jeunes-port",
        "Former les jeunes aux métiers portuaires et logistiques",
        YOUTH,
        ["education", "ports-logistics"],
        T.RETAINED,
        9,
        "Le port de San-Pédro recrute des caristes, des agents de transit et des techniciens de "
        "maintenance, souvent venus d'ailleurs. Un centre de formation avec les entreprises du "
        "port ouvrirait ces emplois aux jeunes des trois régions.",
        0.5,
        comments=[
            (
                "Les entreprises de manutention sont prêtes à accueillir des apprentis si la "
                "région finance l'encadrement.",
                S.PRIVATE_SECTOR,
                [("Le lycée professionnel de San-Pédro pourrait porter le centre.", S.STATE)],
            )
        ],
    ),
    DemoTheme(
        "incubateur",
        "Incubateur de jeunes entreprises agricoles à Guiglo",
        YOUTH,
        ["agriculture", "finance"],
        T.PROPOSED,
        1,
        "Accompagner chaque année une vingtaine de jeunes porteurs de projets agricoles du "
        "Cavally : formation, parrainage par des entrepreneurs de la diaspora, accès au crédit.",
        0.15,
    ),
    DemoTheme(
        "guichet",
        "Guichet unique de l'investissement de la diaspora",
        DIASPORA_DESK,
        ["migration", "finance"],
        T.RETAINED,
        11,
        "Les ressortissants qui veulent investir ne savent pas à qui s'adresser. Un guichet "
        "unique, physique dans chaque région et en ligne pour ceux de l'extérieur, orienterait "
        "les projets, faciliterait les démarches et suivrait les dossiers.",
        0.6,
        comments=[
            (
                "Indispensable : j'ai mis deux ans à obtenir les autorisations pour ma "
                "plantation, faute d'interlocuteur.",
                S.DIASPORA,
                [
                    (
                        "Le guichet devrait avoir des horaires compatibles avec l'Amérique du "
                        "Nord pour les rendez-vous en ligne.",
                        S.DIASPORA,
                    )
                ],
            )
        ],
    ),
    DemoTheme(
        "foncier-diaspora",
        "Sécuriser le foncier des investissements de la diaspora",
        LAND,
        ["agriculture", "construction", "migration"],
        T.UNDER_DISCUSSION,
        6,
        "Les litiges fonciers découragent les investisseurs de la diaspora. Il s'agit de "
        "proposer un accompagnement pour obtenir des titres sûrs et des contrats de bail "
        "reconnus par les communautés.",
        0.4,
    ),
    DemoTheme(
        "certificats",
        "Accompagner les familles de la Nawa vers les certificats fonciers ruraux",
        LAND,
        ["agriculture"],
        T.PROPOSED,
        3,
        "Peu de parcelles disposent d'un certificat foncier. Des caravanes d'information et "
        "une aide aux frais de procédure aideraient les familles à sécuriser leurs terres.",
        0.2,
    ),
    DemoTheme(
        "zone-logistique",
        "Zone logistique et plateforme de groupage à l'arrière du port de San-Pédro",
        PORT,
        ["ports-logistics", "construction", "trade"],
        T.UNDER_DISCUSSION,
        5,
        "Les camions attendent des jours aux abords du port. Une zone logistique organisée, "
        "avec parc de stationnement et entrepôts de groupage, désengorgerait la ville et "
        "servirait les exportateurs des trois régions.",
        0.3,
    ),
    DemoTheme(
        "femmes-manioc",
        "Accès au crédit des coopératives de femmes transformatrices de manioc",
        WOMEN,
        ["agri-processing", "finance"],
        T.RETAINED,
        8,
        "Les coopératives de femmes qui produisent l'attiéké manquent de fonds pour s'équiper "
        "en presses et en séchoirs. Un fonds de garantie avec les institutions de microfinance "
        "et la diaspora leur ouvrirait le crédit.",
        0.45,
        comments=[
            (
                "Les associations de femmes de la diaspora en Italie veulent parrainer deux "
                "coopératives de Tabou.",
                S.DIASPORA,
                [],
            )
        ],
    ),
    DemoTheme(
        "aerien",
        "Créer une compagnie aérienne régionale",
        PORT,
        ["ports-logistics"],
        T.SET_ASIDE,
        10,
        "Relier San-Pédro, Soubré et Guiglo à Abidjan par des vols réguliers pour faciliter la "
        "venue des investisseurs.",
        0.1,
        reason="Hors du mandat et des moyens de l'espace de concertation : le transport aérien "
        "relève de l'État. Le besoin de désenclavement est repris dans le thème sur la zone "
        "logistique du port.",
    ),
]

CLOSED_ROUND = "Priorités de l'année 2026 de l'espace de concertation"
CLOSED_THEMES = ["cacao", "debarcadere", "jeunes-port", "guichet", "foncier-diaspora", "tourisme"]
# What each college tends to favour in the closed round (weights over CLOSED_THEMES).
COLLEGE_PREFERENCES = {
    S.REGIONS: [5, 3, 4, 2, 1, 2],
    S.STATE: [2, 2, 5, 2, 4, 1],
    S.DIASPORA: [2, 1, 2, 6, 5, 2],
    S.PRIVATE_SECTOR: [5, 2, 3, 2, 1, 3],
    S.CIVIL_SOCIETY: [2, 4, 5, 1, 2, 1],
    S.PARTNERS: [3, 3, 3, 3, 3, 3],
}
OPEN_ROUND = "Classement des thèmes retenus pour le plan d'action 2027"
OPEN_THEMES = ["cacao", "debarcadere", "jeunes-port", "guichet", "femmes-manioc"]


def seed(*, stdout) -> None:
    with transaction.atomic():
        space = Space.objects.get(slug=S.CONCERTATION)
        world = _World.load(space)
        themes, new = _themes(world)
        rounds = _closed_round(world, themes) + _open_round(world, themes)
    stdout.write(f"Themes: {len(themes)} themes ({new} new), {rounds} new prioritisation rounds.")


@dataclass
class _World:
    space: Space
    secretariat: object
    accounts: list  # (user, college name), demo accounts first
    rng: random.Random

    @classmethod
    def load(cls, space: Space) -> "_World":
        User = get_user_model()  # noqa: N806
        memberships = (
            Membership.objects.current()
            .filter(space=space, college__isnull=False)
            .exclude(role=Role.OBSERVER)
            .select_related("person__user", "college")
            .order_by("college__order", "pk")
        )
        accounts, seen, taken = [], set(), dict.fromkeys(ACCOUNTS_PER_COLLEGE, 0)
        for membership in memberships:
            person, college = membership.person, membership.college.name
            if person.pk in seen:
                continue
            seen.add(person.pk)
            if person.user_id:  # the demo accounts and whoever got one before
                accounts.append((person.user, college))
                if college in taken:
                    taken[college] += 1
            elif taken.get(college, 99) < ACCOUNTS_PER_COLLEGE.get(college, 0) and person.email:
                taken[college] += 1
                user = User.objects.filter(email__iexact=person.email).first()
                if user is None:
                    user = User.objects.create_user(
                        email=person.email, full_name=f"{person.first_name} {person.last_name}"
                    )
                person.user = user
                person.save(update_fields=["user"])
                accounts.append((user, college))
        demo = {"chair@example.org", "diaspora@example.org", "approver@example.org"}
        accounts.sort(key=lambda account: account[0].email not in demo)
        return cls(
            space,
            User.objects.get(email="secretariat@example.org"),
            accounts,
            random.Random(404),
        )

    def users(self):
        return [user for user, _college in self.accounts]


def _ago(months: float, hour: int = 10) -> dt.datetime:
    moment = timezone.now() - dt.timedelta(days=30.4 * months)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _themes(world: _World) -> tuple[dict[str, Theme], int]:
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    users = world.users()
    themes, new = {}, 0
    for index, spec in enumerate(THEMES):
        theme = Theme.objects.filter(space=world.space, title=spec.title).first()
        if theme is not None:
            themes[spec.key] = theme
            continue
        new += 1
        rng = random.Random(index)
        proposer = users[index % len(users)]
        created = _ago(spec.months_ago)
        theme = Theme.objects.create(
            space=world.space,
            title=spec.title,
            description=spec.description,
            axis=spec.axis,
            proposed_by=proposer,
            status=spec.status,
            status_reason=spec.reason,
            status_changed_at=None
            if spec.status == T.PROPOSED
            else created + dt.timedelta(days=40),
        )
        theme.sectors.set([sectors[code] for code in spec.sectors])
        supporters = [u for u in users if rng.random() < spec.popularity]
        ThemeSupport.objects.bulk_create(ThemeSupport(theme=theme, user=u) for u in supporters)
        ThemeSupport.objects.filter(theme=theme).update(created_at=created + dt.timedelta(days=3))
        Theme.objects.filter(pk=theme.pk).update(created_at=created, updated_at=created)
        _comments(world, theme, spec, created, rng)
        themes[spec.key] = theme
    return themes, new


def _comments(world: _World, theme: Theme, spec: DemoTheme, created, rng) -> None:
    def author(college: str | None):
        users = [
            user
            for user, name in world.accounts
            if user.pk != theme.proposed_by_id and college in (None, name)
        ]
        return rng.choice(users)

    for number, (text, college, replies) in enumerate(spec.comments):
        when = created + dt.timedelta(days=2 + 5 * number, hours=rng.randint(0, 8))
        comment = ThemeComment.objects.create(theme=theme, author=author(college), text=text)
        if text == HIDDEN_COMMENT:
            comment.hidden_at = when + dt.timedelta(hours=3)
            comment.hidden_by = world.secretariat
            comment.hidden_reason = HIDDEN_REASON
            comment.save()
        ThemeComment.objects.filter(pk=comment.pk).update(created_at=when)
        for offset, (reply_text, reply_college) in enumerate(replies, start=1):
            reply = ThemeComment.objects.create(
                theme=theme, parent=comment, author=author(reply_college), text=reply_text
            )
            ThemeComment.objects.filter(pk=reply.pk).update(
                created_at=when + dt.timedelta(days=offset, hours=rng.randint(1, 6))
            )


def _closed_round(world: _World, themes: dict[str, Theme]) -> int:
    """Last season's round: written as it stood at its close (about forty ballots)."""
    if PrioritisationRound.objects.filter(space=world.space, title=CLOSED_ROUND).exists():
        return 0
    closes = _ago(4, hour=18)
    round = PrioritisationRound.objects.create(
        space=world.space,
        title=CLOSED_ROUND,
        description="Chaque membre répartit dix points entre les thèmes qu'il juge prioritaires "
        "pour l'année. Les trois premiers thèmes seront approfondis en ateliers.",
        method=RoundMethod.DOT_VOTING,
        points=10,
        status=RoundStatus.CLOSED,
        closes_at=closes,
        opened_at=closes - dt.timedelta(days=21),
        closed_at=closes,
        created_by=world.secretariat,
    )
    chosen = [themes[key] for key in CLOSED_THEMES]
    round.themes.set(chosen)
    PrioritisationRound.objects.filter(pk=round.pk).update(
        created_at=closes - dt.timedelta(days=25)
    )
    rng = world.rng
    colleges = {
        m.person.user_id: m.college
        for m in Membership.objects.current()
        .filter(space=world.space, college__isnull=False, person__user__isnull=False)
        .select_related("person", "college")
    }
    for user, college_name in world.accounts:
        if rng.random() < 0.12:
            continue  # a few did not vote
        ballot = Ballot.objects.create(round=round, voter=user, college=colleges.get(user.pk))
        weights = COLLEGE_PREFERENCES.get(college_name, [1] * len(chosen))
        picks = _weighted_sample(chosen, weights, rng.randint(2, 4), rng)
        BallotEntry.objects.bulk_create(
            BallotEntry(ballot=ballot, theme=theme, points=points)
            for theme, points in zip(picks, _split(10, len(picks), rng), strict=True)
            if points
        )
        cast = closes - dt.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 10))
        Ballot.objects.filter(pk=ballot.pk).update(cast_at=cast, updated_at=cast)
    return 1


def _weighted_sample(items, weights, count, rng) -> list:
    pool, chosen = list(zip(items, weights, strict=True)), []
    for _ in range(min(count, len(pool))):
        pick = rng.choices(range(len(pool)), weights=[w for _i, w in pool])[0]
        chosen.append(pool.pop(pick)[0])
    return chosen


def _split(total: int, parts: int, rng) -> list[int]:
    """`total` points over `parts` themes, the first choice getting the most."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    shares = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return sorted(shares, reverse=True)


def _open_round(world: _World, themes: dict[str, Theme]) -> int:
    """Open now through the services: the voters were told; a third of them have voted."""
    if PrioritisationRound.objects.filter(space=world.space, title=OPEN_ROUND).exists():
        return 0
    chosen = [themes[key] for key in OPEN_THEMES]
    round = round_create(
        space=world.space,
        actor=world.secretariat,
        themes=chosen,
        title=OPEN_ROUND,
        description="Classez les thèmes retenus, au moins votre premier choix : le classement "
        "guidera l'ordre des actions du plan d'action 2027.",
        method=RoundMethod.RANKING,
        points=10,
        college=None,
        closes_at=(timezone.now() + dt.timedelta(days=12)).replace(
            hour=18, minute=0, second=0, microsecond=0
        ),
    )
    round_open(round=round, actor=world.secretariat)
    rng = random.Random(2027)
    demo = {"chair@example.org", "diaspora@example.org"}  # left to vote in the demo
    voters = [user for user in world.users() if user.email not in demo]
    for user in voters[3::3]:
        order = rng.sample(chosen, rng.randint(2, len(chosen)))
        ballot_cast(
            round=round,
            voter=user,
            ranks={theme.pk: rank for rank, theme in enumerate(order, start=1)},
        )
    return 1
