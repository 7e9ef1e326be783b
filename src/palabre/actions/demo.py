"""Demo action plans: the concertation space's annual plan 2026, adopted (approved and
published) in January and completed by a second version in April, with a dozen actions in various
states — several carried over from the decisions and action items of the demo minutes, some late —
and their progress updates; a bilateral plan Côte d'Ivoire – Senegal adopted for 2026, three
of its four activities done; and a bilateral plan Côte d'Ivoire – Morocco still in draft.

Everything goes through the services (so the links, numbers, audit and statuses are what the
platform would make), then the workflow's history is dated back to when it would have happened.
Updates dated after today are left for later. Running it again changes nothing.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from palabre.accounts.models import User
from palabre.deliberation.models import Theme, ThemeStatus
from palabre.directory.models import Organisation
from palabre.meetings.models import Outcome
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Country
from palabre.workflow.models import Action as WorkflowAction
from palabre.workflow.models import Revision, Transition
from palabre.workflow.services import comment_add, workflow_act

from .models import ActionPlan, ActionStatus, PlanKind
from .services.plans import action_add, plan_create
from .services.progress import progress_record
from .services.promotion import action_promote_from_outcome

S = ActionStatus
D = dt.date

SAN_PEDRO = "Conseil régional de San-Pédro"
NAWA = "Conseil régional de la Nawa"
CAVALLY = "Conseil régional du Cavally"
ARDCI = "Assemblée des Régions de Côte d'Ivoire"
DGIE = "Direction Générale des Ivoiriens de l'Extérieur"
GUICHET = "Guichet régional de promotion des investissements"
CCI = "Chambre de commerce et d'industrie – délégation de San-Pédro"
CHAMBRE_AGRICULTURE = "Chambre régionale d'agriculture du Bas-Sassandra"
COOPAEM = "Coopérative agricole Espoir de Méagui"
CERMID = "Centre de recherche sur les migrations et le développement"
AGENCE = "Agence de coopération (partenaire technique)"
BAILLEUR = "Bailleur de fonds (partenaire financier)"
SUD_SUD = "Programme de coopération Sud-Sud (partenaire de mise en œuvre)"
ROSCI = "Réseau des organisations de la société civile de San-Pédro"
ARNIF = "Association des ressortissants de Nawa en Île-de-France"
COCAF = "Collectif des originaires du Cavally en France"
URBSI = "Union des ressortissants du Bas-Sassandra en Italie"
AILS = "Associazione ivoriana di Lombardia per lo sviluppo"
IDN = "Ivorian Diaspora Network of Greater New York"
DIASPORA_CONSEIL = "Diaspora Invest Conseil"
ACEIR = "Association des cadres et étudiants ivoiriens de Rabat"
CASABLANCA = "Cercle des entrepreneurs ivoiriens de Casablanca"


@dataclass
class DemoUpdate:
    date: dt.date
    status: str
    progress: int
    text: str
    author: str = "secretariat@example.org"


@dataclass
class DemoAction:
    title: str
    lead: str
    start: dt.date
    end: dt.date
    objective: str = ""
    partners: list[str] = field(default_factory=list)
    budget: str | None = None
    currency: str = "XOF"
    source: str = ""  # the exact text of a decision or action item of the demo minutes
    theme: str = ""  # a word of the title of a theme of the space, if the themes demo has one
    updates: list[DemoUpdate] = field(default_factory=list)
    version: int = 1  # added by the plan's second version, after the March workshop


ANNUAL_TITLE = "Plan d'action annuel 2026 de l'espace de concertation"
ANNUAL_CONTEXT = (
    "Un an après sa constitution, l'espace de concertation San-Pédro – Nawa – Cavally et "
    "diaspora traduit en actions les décisions de ses réunions : l'ouverture du guichet "
    "diaspora annoncée au forum de décembre 2025, la banque de projets issue de l'atelier sur le "
    "cacao, et le groupe de travail sur le tourisme et l'économie bleue."
)
ANNUAL_OBJECTIVES = (
    "Rendre le guichet diaspora opérationnel dans les trois régions ;\n"
    "Faire aboutir au moins trois projets d'investissement de la diaspora ;\n"
    "Préparer le deuxième forum de la diaspora, en partie à l'étranger ;\n"
    "Mesurer la participation et l'investissement avec les indicateurs de l'espace."
)

ANNUAL = [
    DemoAction(
        "Ouvrir et animer le guichet diaspora dans les trois conseils régionaux",
        SAN_PEDRO,
        D(2026, 1, 15),
        D(2026, 6, 30),
        "Un point d'entrée unique pour informer, orienter et accompagner les investisseurs de la "
        "diaspora, à San-Pédro, Soubré et Guiglo.",
        [DGIE, NAWA, CAVALLY],
        "45000000",
        source="Le guichet diaspora est ouvert dans les trois conseils régionaux.",
        theme="guichet",
        updates=[
            DemoUpdate(
                D(2026, 2, 20),
                S.IN_PROGRESS,
                30,
                "Locaux identifiés à San-Pédro, Soubré et Guiglo ; conventions signées avec les "
                "trois conseils régionaux.",
            ),
            DemoUpdate(
                D(2026, 5, 15),
                S.IN_PROGRESS,
                80,
                "Les guichets de San-Pédro et de Soubré reçoivent le public ; Guiglo ouvre en "
                "juin.",
            ),
            DemoUpdate(
                D(2026, 6, 26),
                S.DONE,
                100,
                "Les trois guichets sont ouverts ; 64 porteurs de projets reçus au premier "
                "semestre.",
            ),
        ],
    ),
    DemoAction(
        "Suivre les contacts d'affaires noués pendant le forum de la diaspora",
        GUICHET,
        D(2026, 1, 10),
        D(2026, 4, 30),
        "Transformer les rencontres du forum en projets instruits.",
        [CCI],
        "3000000",
        source="Suivre les 40 contacts d'affaires noués pendant le forum",
        updates=[
            DemoUpdate(
                D(2026, 2, 28), S.IN_PROGRESS, 40, "22 contacts relancés par téléphone et courriel."
            ),
            DemoUpdate(
                D(2026, 4, 29),
                S.DONE,
                100,
                "Bilan : 31 contacts joints, 9 projets en cours d'instruction au guichet.",
            ),
        ],
    ),
    DemoAction(
        "Organiser une rencontre avec les banques et les institutions de microfinance",
        CCI,
        D(2026, 2, 1),
        D(2026, 5, 31),
        "Présenter les projets pilotes aux financeurs et ouvrir des lignes adaptées à la diaspora.",
        [BAILLEUR, CHAMBRE_AGRICULTURE],
        "6500000",
        source="Organiser une rencontre avec les institutions financières",
        updates=[
            DemoUpdate(
                D(2026, 4, 10),
                S.IN_PROGRESS,
                50,
                "Cinq banques et deux institutions de microfinance ont confirmé leur venue.",
            ),
            DemoUpdate(
                D(2026, 6, 15),
                S.DELAYED,
                60,
                "La rencontre est reportée à la demande des banques, après la clôture de leurs "
                "comptes semestriels.",
            ),
        ],
    ),
    DemoAction(
        "Mettre en place la banque de projets régionale avec les trois projets pilotes",
        NAWA,
        D(2026, 3, 1),
        D(2026, 9, 30),
        "Une fiche par projet, validée par les chambres consulaires, publiée pour la diaspora.",
        [CHAMBRE_AGRICULTURE, COOPAEM],
        "25000000",
        source="Trois projets pilotes sont retenus pour la banque de projets régionale.",
        theme="cacao",
        updates=[
            DemoUpdate(
                D(2026, 5, 20),
                S.IN_PROGRESS,
                40,
                "Fiches des projets de broyage de cacao et de séchage de manioc validées.",
            ),
            DemoUpdate(
                D(2026, 9, 10),
                S.IN_PROGRESS,
                70,
                "La troisième fiche attend l'étude de faisabilité de la coopérative.",
            ),
        ],
    ),
    DemoAction(
        "Publier un guide des procédures d'investissement en français et en anglais",
        DGIE,
        D(2026, 3, 1),
        D(2026, 10, 31),
        "Foncier, création d'entreprise, fiscalité, financement : les démarches pas à pas.",
        [ARDCI, GUICHET],
        "8000000",
        updates=[
            DemoUpdate(D(2026, 6, 30), S.IN_PROGRESS, 45, "Version française rédigée."),
            DemoUpdate(
                D(2026, 10, 20),
                S.IN_PROGRESS,
                85,
                "Traduction anglaise en relecture ; mise en page en cours.",
            ),
        ],
    ),
    DemoAction(
        "Tenir des sessions d'information en ligne pour la diaspora d'Amérique du Nord",
        DGIE,
        D(2026, 5, 1),
        D(2026, 12, 15),
        "Des horaires adaptés aux fuseaux de New York, Montréal et Ottawa.",
        [IDN],
        "2500",
        "USD",
        updates=[
            DemoUpdate(
                D(2026, 9, 30),
                S.IN_PROGRESS,
                40,
                "Deux sessions tenues (62 participants) ; la troisième est prévue en décembre.",
            )
        ],
    ),
    DemoAction(
        "Préparer le deuxième forum de la diaspora, en partie à Paris",
        ARDCI,
        D(2026, 6, 1),
        D(2026, 12, 31),
        "Un forum en deux temps : une journée à Paris, puis la session de San-Pédro.",
        [ARNIF, DIASPORA_CONSEIL, DGIE],
        "60000",
        "EUR",
        updates=[
            DemoUpdate(
                D(2026, 10, 15),
                S.IN_PROGRESS,
                25,
                "Salle réservée à Paris ; programme en discussion avec les associations.",
            )
        ],
    ),
    DemoAction(
        "Former les agents du guichet diaspora à l'accompagnement des projets",
        ARDCI,
        D(2026, 2, 1),
        D(2026, 3, 31),
        partners=[AGENCE],
        budget="4500000",
        updates=[
            DemoUpdate(
                D(2026, 3, 27), S.DONE, 100, "Neuf agents formés pendant trois jours à Soubré."
            )
        ],
    ),
    DemoAction(
        "Mission de prospection auprès de la diaspora en Italie",
        CAVALLY,
        D(2026, 5, 1),
        D(2026, 7, 31),
        "Rencontrer les associations de Milan et de Brescia.",
        [URBSI, AILS],
        "18000",
        "EUR",
        updates=[
            DemoUpdate(
                D(2026, 6, 10),
                S.CANCELLED,
                0,
                "Mission annulée faute de financement ; remplacée par un échange en ligne avec "
                "les associations.",
            )
        ],
    ),
    DemoAction(
        "Mobiliser la diaspora du Cavally en France autour de la banque de projets",
        COCAF,
        D(2026, 6, 1),
        D(2026, 12, 31),
        "Faire connaître les projets pilotes et recueillir des intentions d'investissement.",
        [CAVALLY],
        "7500",
        "EUR",
        updates=[
            DemoUpdate(
                D(2026, 10, 5),
                S.IN_PROGRESS,
                35,
                "Deux réunions d'information à Lyon et à Paris ; 14 intentions d'investissement "
                "recueillies.",
                author="diaspora@example.org",
            )
        ],
    ),
    DemoAction(
        "Créer le groupe de travail tourisme et économie bleue",
        SAN_PEDRO,
        D(2026, 4, 1),
        D(2026, 6, 30),
        "Associer les communes littorales, les opérateurs et la diaspora au développement du "
        "tourisme à Grand-Béréby et Sassandra.",
        [ROSCI],
        source="Un groupe de travail tourisme sera créé au sein de l'espace.",
        theme="touris",
        version=2,
        updates=[
            DemoUpdate(D(2026, 5, 5), S.IN_PROGRESS, 50, "Appel à candidatures diffusé."),
            DemoUpdate(
                D(2026, 6, 25),
                S.DONE,
                100,
                "Le groupe de travail est installé avec 14 membres, dont 5 de la diaspora.",
            ),
        ],
    ),
    DemoAction(
        "Rédiger le mandat du groupe de travail tourisme",
        SAN_PEDRO,
        D(2026, 4, 1),
        D(2026, 5, 15),
        source="Rédiger le mandat du groupe de travail tourisme",
        version=2,
    ),
]

BILATERAL_TITLE = "Plan d'action bilatéral Côte d'Ivoire – Maroc 2027"
BILATERAL_CONTEXT = (
    "Dans le cadre de la coopération Sud-Sud sur la migration, les régions ivoiriennes et leurs "
    "homologues marocaines échangent leurs pratiques d'accueil des investissements de la "
    "diaspora."
)
BILATERAL_OBJECTIVES = (
    "Apprendre de l'expérience marocaine des centres régionaux d'investissement ;\n"
    "Mettre en place au moins trois activités conjointes en 2027."
)
BILATERAL = [
    DemoAction(
        "Voyage d'étude auprès d'un centre régional d'investissement marocain",
        DGIE,
        D(2027, 3, 1),
        D(2027, 4, 30),
        "Une délégation des trois régions et de la DGIE observe l'accueil des investisseurs.",
        [SUD_SUD, ARDCI],
        "12000000",
    ),
    DemoAction(
        "Jumeler le guichet diaspora de San-Pédro avec un guichet marocain",
        SAN_PEDRO,
        D(2027, 1, 15),
        D(2027, 12, 15),
        partners=[SUD_SUD],
    ),
    DemoAction(
        "Atelier conjoint sur les fonds de garantie pour les projets de la diaspora",
        SUD_SUD,
        D(2027, 5, 1),
        D(2027, 6, 30),
        partners=[BAILLEUR],
        budget="150000",
        currency="MAD",
    ),
    DemoAction(
        "Accompagner les étudiants et cadres ivoiriens du Maroc porteurs de projets",
        ACEIR,
        D(2027, 2, 1),
        D(2027, 11, 30),
        partners=[CASABLANCA, GUICHET],
        budget="40000",
        currency="MAD",
    ),
]


SENEGAL_TITLE = "Plan d'action bilatéral Côte d'Ivoire – Sénégal 2026"
SENEGAL_CONTEXT = (
    "La Côte d'Ivoire et le Sénégal partagent l'expérience de leurs dispositifs d'accueil de la "
    "diaspora, dans le cadre de la coopération Sud-Sud sur la migration."
)
SENEGAL_OBJECTIVES = (
    "Comparer les dispositifs d'appui à l'investissement des diasporas ;\n"
    "Réaliser au moins trois activités conjointes en 2026."
)
SENEGAL = [
    DemoAction(
        "Mission d'échange auprès du dispositif sénégalais d'appui aux projets de la diaspora",
        DGIE,
        D(2026, 2, 1),
        D(2026, 4, 30),
        "Observer comment le Sénégal accompagne les projets de ses ressortissants.",
        [SUD_SUD, ARDCI],
        "9500000",
        updates=[
            DemoUpdate(D(2026, 3, 10), S.IN_PROGRESS, 40, "Programme de la mission arrêté."),
            DemoUpdate(
                D(2026, 4, 24),
                S.DONE,
                100,
                "Mission conduite à Dakar et Thiès ; rapport partagé avec les trois régions.",
            ),
        ],
    ),
    DemoAction(
        "Atelier conjoint sur les fonds d'appui à l'investissement des diasporas",
        SUD_SUD,
        D(2026, 5, 1),
        D(2026, 5, 31),
        partners=[BAILLEUR, GUICHET],
        budget="6000000",
        updates=[
            DemoUpdate(
                D(2026, 5, 28),
                S.DONE,
                100,
                "Atelier tenu à Abidjan avec 34 participants, dont 12 en ligne depuis Dakar.",
            )
        ],
    ),
    DemoAction(
        "Partager le guide de l'investisseur de la diaspora avec les régions sénégalaises",
        GUICHET,
        D(2026, 6, 1),
        D(2026, 9, 30),
        partners=[SUD_SUD],
        updates=[
            DemoUpdate(
                D(2026, 9, 18),
                S.DONE,
                100,
                "Guide adapté et remis à deux agences régionales de développement.",
            )
        ],
    ),
    DemoAction(
        "Forum croisé des diasporas ivoirienne et sénégalaise à Paris",
        ARNIF,
        D(2026, 10, 1),
        D(2027, 2, 28),
        partners=[COCAF, SUD_SUD],
        budget="18000",
        currency="EUR",
        updates=[
            DemoUpdate(
                D(2026, 11, 5), S.IN_PROGRESS, 35, "Salle réservée ; appel aux intervenants lancé."
            )
        ],
    ),
]


def seed(*, stdout) -> None:
    with transaction.atomic():
        space = Space.objects.filter(slug=spaces_demo.CONCERTATION).first()
        if space is None:
            stdout.write("Action plans: no concertation space, nothing to seed.")
            return
        users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
        created = 0
        if not ActionPlan.objects.filter(space=space, title=ANNUAL_TITLE).exists():
            _annual_plan(space, users)
            created += 1
        if not ActionPlan.objects.filter(space=space, title=BILATERAL_TITLE).exists():
            _bilateral_plan(space, users)
            created += 1
        if not ActionPlan.objects.filter(space=space, title=SENEGAL_TITLE).exists():
            _senegal_plan(space, users)
            created += 1
    stdout.write(f"Action plans: 3 plans ({created} new).")


def _organisations() -> dict[str, Organisation]:
    return {organisation.name: organisation for organisation in Organisation.objects.all()}


def _theme(space, word: str):
    if not word:
        return None
    return (
        Theme.objects.filter(
            space=space,
            title__icontains=word,
            status__in=[ThemeStatus.RETAINED, ThemeStatus.IN_PLAN],
        )
        .order_by("pk")
        .first()
    )


def _add_actions(plan, specs, secretariat, organisations) -> list:
    actions = []
    for spec in specs:
        fields = {
            "title": spec.title,
            "objective": spec.objective,
            "lead_organisation": organisations.get(spec.lead),
            "partners": [organisations[name] for name in spec.partners if name in organisations],
            "start_date": spec.start,
            "end_date": spec.end,
            "budget": Decimal(spec.budget) if spec.budget else None,
            "currency": spec.currency,
            "theme": _theme(plan.space, spec.theme),
        }
        outcome = (
            Outcome.objects.filter(minutes__meeting__space=plan.space, text=spec.source)
            .select_related("minutes__meeting__space")
            .first()
            if spec.source
            else None
        )
        if outcome is not None:
            action = action_promote_from_outcome(
                outcome=outcome, plan=plan, actor=secretariat, **fields
            )
        else:
            action = action_add(plan=plan, actor=secretariat, **fields)
        actions.append((action, spec))
    return actions


def _annual_plan(space, users) -> None:
    secretariat, approver = users["secretariat@example.org"], users["approver@example.org"]
    plan = plan_create(
        space=space,
        actor=secretariat,
        kind=PlanKind.SPACE,
        title=ANNUAL_TITLE,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        context=ANNUAL_CONTEXT,
        objectives=ANNUAL_OBJECTIVES,
        visibility=Visibility.PUBLIC,
    )
    organisations = _organisations()
    first = [spec for spec in ANNUAL if spec.version == 1]
    actions = _add_actions(plan, first, secretariat, organisations)
    _adopt(plan, secretariat, approver, note="Adopté en plénière.")
    # After the tourism workshop of March, a second version adds what it decided.
    workflow_act(obj=plan, action=WorkflowAction.NEW_VERSION, actor=secretariat)
    second = [spec for spec in ANNUAL if spec.version == 2]
    actions += _add_actions(plan, second, secretariat, organisations)
    _adopt(plan, secretariat, approver, note="Version complétée après l'atelier sur le tourisme.")
    _date_history(
        plan,
        [
            dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC),  # submitted
            dt.datetime(2026, 1, 14, 15, 0, tzinfo=dt.UTC),  # approved
            dt.datetime(2026, 1, 16, 9, 0, tzinfo=dt.UTC),  # published
            dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC),  # new version
            dt.datetime(2026, 4, 6, 10, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 4, 9, 15, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 4, 10, 9, 0, tzinfo=dt.UTC),
        ],
    )
    _record_progress(actions, users, secretariat)


def _record_progress(actions, users, secretariat) -> None:
    """The progress updates dated up to today; later ones have not happened yet."""
    today = timezone.localdate()
    for action, spec in actions:
        for update in spec.updates:
            if update.date > today:
                continue
            progress_record(
                action=action,
                actor=users.get(update.author, secretariat),
                date=update.date,
                text=update.text,
                status=update.status,
                progress=update.progress,
            )


def _bilateral_plan(space, users) -> None:
    secretariat = users["secretariat@example.org"]
    plan = plan_create(
        space=space,
        actor=secretariat,
        kind=PlanKind.BILATERAL,
        title=BILATERAL_TITLE,
        period_start=D(2027, 1, 1),
        period_end=D(2027, 12, 31),
        countries=list(Country.objects.filter(iso2__in=["CI", "MA"])),
        context=BILATERAL_CONTEXT,
        objectives=BILATERAL_OBJECTIVES,
        visibility=Visibility.MEMBERS,
    )
    _add_actions(plan, BILATERAL, secretariat, _organisations())
    diaspora = users.get("diaspora@example.org")
    if diaspora is not None and diaspora.has_perm("actions.review_plan", plan):
        comment_add(
            obj=plan,
            section="actions",
            text="Prévoir une activité avec les associations ivoiriennes de Casablanca, très "
            "actives auprès des jeunes entrepreneurs.",
            actor=diaspora,
        )


def _senegal_plan(space, users) -> None:
    """Adopted in February 2026; three of its four activities are done."""
    secretariat, approver = users["secretariat@example.org"], users["approver@example.org"]
    plan = plan_create(
        space=space,
        actor=secretariat,
        kind=PlanKind.BILATERAL,
        title=SENEGAL_TITLE,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 12, 31),
        countries=list(Country.objects.filter(iso2__in=["CI", "SN"])),
        context=SENEGAL_CONTEXT,
        objectives=SENEGAL_OBJECTIVES,
        visibility=Visibility.PUBLIC,
    )
    actions = _add_actions(plan, SENEGAL, secretariat, _organisations())
    _adopt(plan, secretariat, approver, note="Adopté par le comité bilatéral.")
    _date_history(
        plan,
        [
            dt.datetime(2026, 1, 26, 10, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 2, 3, 15, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC),
        ],
    )
    _record_progress(actions, users, secretariat)


def _adopt(plan, secretariat, approver, *, note: str) -> None:
    workflow_act(obj=plan, action=WorkflowAction.SUBMIT, actor=secretariat)
    workflow_act(obj=plan, action=WorkflowAction.APPROVE, actor=approver, note=note)
    workflow_act(obj=plan, action=WorkflowAction.PUBLISH, actor=secretariat)


def _date_history(plan, moments: list[dt.datetime]) -> None:
    """The workflow's steps as if they happened at `moments`, in order; each version approved
    and published when its steps say."""
    target = {"content_type": ContentType.objects.get_for_model(plan), "object_id": plan.pk}
    transitions = list(Transition.objects.filter(**target).order_by("pk"))
    for transition, moment in zip(transitions, moments, strict=True):
        Transition.objects.filter(pk=transition.pk).update(at=moment)
        if transition.action == WorkflowAction.APPROVE:
            Revision.objects.filter(**target, version=transition.version).update(approved_at=moment)
        elif transition.action == WorkflowAction.PUBLISH:
            Revision.objects.filter(**target, version=transition.version).update(
                published_at=moment
            )
    latest = Revision.objects.filter(**target).order_by("-version").first()
    ActionPlan.objects.filter(pk=plan.pk).update(
        approved_at=latest.approved_at, published_at=latest.published_at
    )
