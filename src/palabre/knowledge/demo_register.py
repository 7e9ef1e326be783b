"""Demo register: about twenty-five lessons and thirty recommendations of the follow-up committee
and the concertation space, drawn from their meetings, actions and pilots (2024–2026), with the
follow-up of each recommendation; most recommendations of the published minutes are captured,
a few are left for the secretariat to capture. Fictional, in French; idempotent (an entry is
known by its space and title)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from palabre.accounts.models import User
from palabre.actions.models import Action
from palabre.directory.models import Organisation
from palabre.investment.models import IncentiveTool
from palabre.meetings.models import Meeting, Outcome, OutcomeKind
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space, Visibility

from .models import Lesson, Recommendation
from .services.register import follow_up, lesson_create, recommendation_create

C, E = spaces_demo.COMMITTEE, spaces_demo.CONCERTATION
SECRETARIAT = "secretariat@example.org"
OFFICER = "investissement@example.org"
D = dt.date


@dataclass
class LessonSpec:
    key: str
    space: str
    title: str
    statement: str
    context: str
    learned_on: dt.date
    tags: str
    meetings: list[str] = field(default_factory=list)  # words of the meetings' titles
    actions: list[str] = field(default_factory=list)  # words of the actions' titles
    tools: list[str] = field(default_factory=list)  # words of the tools' titles
    visibility: str = Visibility.PUBLIC


@dataclass
class RecommendationSpec:
    space: str
    title: str
    statement: str
    addressee: str  # an organisation of the directory if one has that name, else free text
    priority: str
    lessons: list[str]
    updates: list[tuple[dt.date, str, str]] = field(default_factory=list)
    outcome: str = ""  # the start of a recommendation of published minutes
    meetings: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    due: dt.date | None = None
    tags: str = ""
    visibility: str = Visibility.PUBLIC


L = LessonSpec
LESSONS = [
    L(
        "installer",
        C,
        "Installer d'abord un comité restreint, élargir ensuite",
        "Un comité d'une vingtaine de membres a adopté son mandat en une séance ; l'espace élargi "
        "a "
        "pu s'appuyer sur ce mandat un an plus tard.",
        "Réunion d'installation du comité de suivi, mars 2024.",
        D(2024, 3, 14),
        "gouvernance",
        meetings=["installation"],
    ),
    L(
        "hybride",
        C,
        "La diaspora participe quand la réunion est hybride",
        "La présence des membres vivant à l'étranger a doublé dès qu'une connexion en ligne a été "
        "proposée, avec l'ordre du jour envoyé une semaine avant.",
        "Deuxième réunion du comité, juin 2024 : 9 membres de la diaspora connectés contre 4.",
        D(2024, 6, 20),
        "participation à distance, diaspora",
        meetings=["2e réunion"],
    ),
    L(
        "interlocuteur",
        C,
        "Un interlocuteur unique rassure les investisseurs",
        "Les porteurs de projets de la diaspora disent renoncer faute de savoir à qui s'adresser "
        "; un "
        "point d'entrée unique dans chaque région est leur première attente.",
        "Atelier d'échange Région–Diaspora, octobre 2024.",
        D(2024, 10, 17),
        "guichet unique, confiance",
        meetings=["Atelier d'échange"],
    ),
    L(
        "procedures",
        C,
        "Les procédures d'investissement restent mal connues",
        "La plupart des participants ignoraient les étapes de création d'une entreprise et les "
        "avantages du code des investissements.",
        "Questionnaire de l'atelier d'échange : 7 participants sur 10 ne connaissent pas le code.",
        D(2024, 10, 17),
        "procédures, information",
        meetings=["Atelier d'échange"],
    ),
    L(
        "projets-reels",
        C,
        "Former à partir des projets réels des participants",
        "Les participants ont davantage progressé sur les exercices bâtis avec leurs propres "
        "projets "
        "que sur les cas d'école.",
        "Formation au montage de projets, janvier 2025 : écart de 18 points entre pré- et "
        "post-test.",
        D(2025, 1, 23),
        "formation, montage de projets",
        meetings=["montage de projets"],
    ),
    L(
        "petits-groupes",
        C,
        "Les femmes prennent davantage la parole en petits groupes",
        "En plénière, les femmes ont pris un quart des interventions ; en groupes de six, près de "
        "la "
        "moitié.",
        "Observation du secrétariat pendant la formation de janvier 2025.",
        D(2025, 1, 23),
        "participation des femmes",
        meetings=["montage de projets"],
    ),
    L(
        "cahier",
        C,
        "Un cahier des charges discuté article par article crée l'adhésion",
        "Les collèges ont accepté des règles de majorité exigeantes parce qu'ils les avaient "
        "amendées "
        "eux-mêmes, article par article.",
        "Réunion du comité sur le projet de cahier des charges, avril 2025.",
        D(2025, 4, 10),
        "gouvernance, cahier des charges",
        meetings=["cahier des charges"],
    ),
    L(
        "terrain",
        C,
        "La visite de terrain rend les projets concrets",
        "Après la visite de la zone agro-industrielle, trois membres de la diaspora ont demandé "
        "les "
        "fiches de projets ; aucun ne l'avait fait après les présentations en salle.",
        "Visite de terrain à Soubré, mai 2025.",
        D(2025, 5, 22),
        "investissement productif",
        meetings=["Visite de terrain"],
    ),
    L(
        "transparence",
        C,
        "La confiance se gagne par la transparence des comptes rendus",
        "Publier les comptes rendus approuvés dans le mois a fait cesser les rumeurs sur les "
        "décisions du bureau.",
        "Échanges informels avec les associations de la diaspora, printemps 2025.",
        D(2025, 5, 22),
        "confiance, gouvernance",
        visibility=Visibility.MEMBERS,
    ),
    L(
        "credit",
        C,
        "Le financement bancaire reste le premier frein",
        "Les promoteurs rencontrés à Soubré citent tous l'accès au crédit avant les procédures ou "
        "le "
        "foncier.",
        "Visite de terrain, mai 2025.",
        D(2025, 5, 22),
        "financement",
        meetings=["Visite de terrain"],
    ),
    L(
        "colleges",
        E,
        "Des collèges équilibrés légitiment l'espace",
        "La répartition des sièges entre six collèges, diaspora comprise, a été acceptée sans "
        "contestation et fonde la légitimité des avis de l'espace.",
        "Assemblée constitutive de l'espace de concertation, février 2025.",
        D(2025, 2, 20),
        "gouvernance",
        meetings=["Assemblée constitutive"],
    ),
    L(
        "cacao",
        E,
        "La transformation locale du cacao mobilise la diaspora",
        "C'est le thème qui a réuni le plus de promesses de participation de la diaspora, surtout "
        "chez les cadres installés en France.",
        "Atelier thématique agriculture et cacao, juin 2025.",
        D(2025, 6, 26),
        "investissement productif, cacao",
        meetings=["agriculture"],
        actions=["banque de projets"],
    ),
    L(
        "banques",
        E,
        "Les banques viennent quand on leur présente des projets mûrs",
        "Les établissements invités ont annoncé leur venue dès que la liste des projets chiffrés "
        "leur "
        "a été envoyée.",
        "Préparation de l'atelier agriculture, juin 2025.",
        D(2025, 6, 26),
        "financement",
        meetings=["agriculture"],
        actions=["banques"],
    ),
    L(
        "contacts",
        E,
        "Le forum crée des contacts qu'il faut suivre",
        "Plus de soixante rendez-vous d'affaires ont eu lieu au forum ; sans relance, la moitié "
        "n'avait donné lieu à aucun échange trois mois plus tard.",
        "Forum de la diaspora, décembre 2025, et enquête de suivi de mars 2026.",
        D(2025, 12, 18),
        "forum, suivi",
        meetings=["Forum"],
        actions=["Suivre les contacts"],
    ),
    L(
        "samedi",
        E,
        "La diaspora d'Europe préfère des rendez-vous le samedi",
        "Les trois quarts des demandes adressées au guichet par la diaspora d'Europe portent sur "
        "un "
        "rendez-vous le samedi ou en soirée.",
        "Registre du guichet diaspora de San-Pédro, premier semestre.",
        D(2025, 12, 18),
        "participation à distance, guichet unique",
        tools=["Guichet diaspora du conseil régional"],
    ),
    L(
        "commerce",
        E,
        "Les femmes de la diaspora investissent dans le commerce et la transformation",
        "Au forum, les projets portés par des femmes concernent surtout la transformation "
        "agroalimentaire et le commerce, avec des montants plus modestes.",
        "Fiches des rendez-vous d'affaires du forum.",
        D(2025, 12, 18),
        "participation des femmes, investissement productif",
        meetings=["Forum"],
    ),
    L(
        "quota",
        E,
        "Un quota de femmes par collège ne suffit pas",
        "Avec un tiers de femmes désignées, elles interviennent encore peu en plénière ; des "
        "temps de "
        "parole dédiés et des co-rapporteures changent la donne.",
        "Atelier tourisme et économie bleue, mars 2026.",
        D(2026, 3, 12),
        "participation des femmes, gouvernance",
        meetings=["tourisme"],
    ),
    L(
        "tourisme",
        E,
        "Le tourisme attire une diaspora jeune et qualifiée",
        "Les participants de moins de 35 ans étaient majoritaires à l'atelier tourisme, avec des "
        "projets d'hébergement et de services numériques.",
        "Atelier tourisme, mars 2026.",
        D(2026, 3, 12),
        "tourisme, jeunes",
        meetings=["tourisme"],
        actions=["groupe de travail"],
    ),
    L(
        "bas-debit",
        E,
        "Les outils numériques doivent fonctionner sur téléphone et à bas débit",
        "La moitié des participants de la formation en ligne se sont connectés par téléphone ; la "
        "vidéo a coupé pour un tiers d'entre eux.",
        "Formation en ligne, mai 2026.",
        D(2026, 5, 14),
        "participation à distance, numérique",
        meetings=["Formation en ligne"],
    ),
    L(
        "agents",
        E,
        "Un guichet ne vit que s'il a des agents formés",
        "Les demandes traitées ont doublé au guichet de San-Pédro après la formation de ses deux "
        "agents, alors que l'affluence n'avait pas changé.",
        "Analyse du pilote du guichet, 2026.",
        D(2026, 5, 14),
        "guichet unique, formation",
        actions=["Former les agents"],
        tools=["Guichet diaspora du conseil régional"],
    ),
    L(
        "comptes",
        E,
        "La diaspora demande des comptes sur les suites données",
        "À la plénière, la première question des associations a porté sur ce que sont devenues les "
        "recommandations du forum.",
        "Réunion plénière semestrielle, septembre 2026.",
        D(2026, 9, 24),
        "confiance, suivi des recommandations",
        meetings=["plénière"],
    ),
    L(
        "regles",
        E,
        "Un fonds de co-financement doit avoir des règles simples",
        "Les associations hésitent à abonder un fonds dont elles ne comprennent pas les critères "
        "de sélection et de versement.",
        "Conception du fonds de co-financement, 2026.",
        D(2026, 9, 24),
        "financement",
        tools=["Fonds de co-financement"],
    ),
    L(
        "sud-sud",
        E,
        "Les échanges Sud-Sud accélèrent l'apprentissage",
        "La caravane marocaine a montré en deux jours ce qu'un guichet régional peut offrir ; les "
        "agents ivoiriens en ont repris plusieurs pratiques.",
        "Voyage d'étude et échanges avec le Souss, juin 2026.",
        D(2026, 6, 15),
        "coopération Sud-Sud",
        actions=["Voyage d'étude"],
        tools=["Caravane"],
    ),
    L(
        "banque-projets",
        E,
        "La banque de projets doit être tenue à jour en continu",
        "Trois des projets présentés aux investisseurs avaient déjà trouvé un financement : la "
        "banque de projets n'était pas à jour.",
        "Plénière de septembre 2026.",
        D(2026, 9, 24),
        "banque de projets",
        actions=["banque de projets"],
    ),
    L(
        "tensions",
        E,
        "Les rivalités entre associations freinent la mobilisation",
        "Deux associations de la diaspora en France se disputent la représentation du Cavally ; "
        "leurs membres évitent les réunions communes.",
        "Entretiens du secrétariat, octobre 2026.",
        D(2026, 10, 15),
        "diaspora, gouvernance",
        visibility=Visibility.RESTRICTED,
    ),
]

R = RecommendationSpec
SEC = "Secrétariat technique de l'espace"
RECOMMENDATIONS = [
    R(
        C,
        "Associer les diasporas d'Italie et du Canada",
        "Associer dès la prochaine réunion les associations de la diaspora établies en Italie et "
        "au "
        "Canada.",
        SEC,
        "high",
        ["installer"],
        outcome="Associer dès la prochaine réunion",
        updates=[
            (D(2024, 5, 2), "accepted", "Le bureau adopte la recommandation."),
            (
                D(2024, 6, 20),
                "implemented",
                "Deux associations d'Italie et une du Canada ont participé à la 2e réunion.",
            ),
        ],
    ),
    R(
        C,
        "Une participation en ligne à chaque réunion",
        "Prévoir une participation en ligne pour les membres vivant à l'étranger à chaque réunion.",
        SEC,
        "high",
        ["hybride"],
        outcome="Prévoir une participation en ligne",
        updates=[
            (D(2024, 7, 1), "accepted", "Adoptée ; le secrétariat cherche une solution légère."),
            (D(2024, 10, 17), "in_progress", "Connexion testée pendant l'atelier d'échange."),
            (D(2025, 2, 20), "implemented", "Toutes les réunions sont désormais hybrides."),
        ],
    ),
    R(
        C,
        "Un guichet d'information diaspora dans chaque conseil régional",
        "Créer un guichet d'information dédié à la diaspora dans chaque conseil régional.",
        "Conseil régional de San-Pédro",
        "high",
        ["interlocuteur"],
        outcome="Créer un guichet d'information",
        due=D(2025, 12, 31),
        tags="guichet unique",
        updates=[
            (D(2024, 11, 15), "accepted", "Les trois conseils régionaux donnent leur accord."),
            (D(2025, 3, 1), "in_progress", "Le guichet de San-Pédro est en préparation."),
            (
                D(2026, 2, 1),
                "implemented",
                "Le guichet de San-Pédro est ouvert ; ceux de la Nawa et du Cavally suivront.",
            ),
        ],
    ),
    R(
        C,
        "Un guide des procédures en français et en anglais",
        "Publier un guide des procédures d'investissement en français et en anglais.",
        "Guichet régional de promotion des investissements",
        "medium",
        ["procedures"],
        outcome="Publier un guide des procédures",
        due=D(2026, 6, 30),
        updates=[
            (D(2024, 12, 5), "accepted", "Inscrit au programme du guichet régional."),
            (D(2025, 9, 10), "in_progress", "La version française est relue par la DGIE."),
        ],
    ),
    R(
        C,
        "Le cacao transformé dans la banque de projets",
        "Inscrire la transformation locale du cacao dans la banque de projets régionale.",
        "Conseil régional de la Nawa",
        "medium",
        ["terrain"],
        outcome="Inscrire la transformation locale du cacao",
        updates=[(D(2025, 6, 10), "accepted", "Trois projets de transformation sont retenus.")],
    ),
    R(
        C,
        "Former les porteurs de projets avant chaque forum",
        "Proposer une journée de formation au montage de projets avant chaque forum, à partir des "
        "projets des participants.",
        "Assemblée des Régions de Côte d'Ivoire",
        "medium",
        ["projets-reels"],
        tags="formation",
    ),
    R(
        C,
        "Des ateliers en petits groupes pour la parole des femmes",
        "Prévoir dans chaque atelier un temps en petits groupes, dont un animé par une femme.",
        "ONG Femmes actives du Cavally",
        "high",
        ["petits-groupes"],
        tags="participation des femmes",
        updates=[
            (D(2025, 2, 15), "accepted", "Le secrétariat l'intègre aux modèles d'atelier."),
            (D(2025, 6, 1), "in_progress", "Appliqué à deux ateliers sur trois."),
        ],
    ),
    R(
        C,
        "Publier les comptes rendus approuvés dans le mois",
        "Publier chaque compte rendu approuvé au plus tard un mois après la réunion, et l'annoncer "
        "aux membres.",
        SEC,
        "high",
        ["transparence"],
        visibility=Visibility.MEMBERS,
        updates=[
            (D(2025, 6, 1), "accepted", "Règle adoptée par le bureau."),
            (D(2025, 10, 1), "implemented", "Les trois derniers comptes rendus l'ont respectée."),
        ],
    ),
    R(
        C,
        "Négocier une ligne de crédit pour la diaspora",
        "Négocier avec un partenaire financier une ligne de crédit dédiée aux projets de la "
        "diaspora.",
        "Bailleur de fonds (partenaire financier)",
        "high",
        ["credit"],
        tags="financement",
        updates=[
            (D(2025, 7, 10), "accepted", "Premier échange avec le partenaire."),
            (
                D(2026, 1, 15),
                "set_aside",
                "Le partenaire réoriente ses financements ; le fonds de garantie est préféré.",
            ),
        ],
    ),
    R(
        C,
        "Un calendrier de révision du cahier des charges",
        "Annexer au cahier des charges un calendrier de révision tous les deux ans.",
        "Bureau du comité de suivi",
        "low",
        ["cahier"],
    ),
    R(
        C,
        "Associer la préfecture aux visites de terrain",
        "Inviter la préfecture de région à chaque visite de terrain, pour lever sur place les "
        "questions foncières.",
        "Préfecture de la région de San-Pédro",
        "low",
        ["terrain"],
        updates=[
            (D(2025, 7, 1), "accepted", "La préfecture désigne un point focal."),
            (D(2025, 11, 20), "implemented", "Le point focal a suivi la visite de novembre."),
        ],
    ),
    R(
        E,
        "Deux plénières par an",
        "Réunir l'espace en plénière au moins deux fois par an.",
        "Bureau de l'espace de concertation",
        "high",
        ["colleges"],
        outcome="Réunir l'espace en plénière",
        updates=[
            (D(2025, 3, 15), "accepted", "Inscrit au règlement intérieur."),
            (D(2026, 9, 24), "implemented", "Deuxième plénière de l'année tenue."),
        ],
    ),
    R(
        E,
        "Associer banques et microfinance aux ateliers",
        "Associer les banques et les institutions de microfinance aux prochains ateliers.",
        SEC,
        "medium",
        ["banques"],
        outcome="Associer les banques",
        tags="financement",
        updates=[
            (D(2025, 7, 15), "accepted", "Liste des établissements à inviter arrêtée."),
            (D(2026, 2, 10), "in_progress", "Deux banques ont confirmé leur venue."),
        ],
    ),
    R(
        E,
        "Suivre chaque contact d'affaires du forum pendant six mois",
        "Relancer chaque contact noué au forum à un, trois et six mois, et en rendre compte.",
        "Guichet régional de promotion des investissements",
        "high",
        ["contacts"],
        meetings=["Forum"],
        updates=[
            (D(2026, 1, 10), "accepted", "Un tableau de relance est ouvert."),
            (D(2026, 4, 2), "in_progress", "Relance à trois mois faite pour 41 contacts."),
        ],
    ),
    R(
        E,
        "Ouvrir le guichet diaspora le samedi matin",
        "Ouvrir le guichet diaspora le samedi matin et proposer des rendez-vous en ligne le soir.",
        "Conseil régional de San-Pédro",
        "medium",
        ["samedi"],
        tools=["Guichet diaspora du conseil régional"],
        updates=[
            (D(2026, 1, 20), "accepted", "Accord du conseil régional."),
            (D(2026, 4, 1), "implemented", "Ouverture le samedi depuis avril."),
        ],
    ),
    R(
        E,
        "Une ligne de crédit pour les femmes commerçantes de la diaspora",
        "Étudier avec les partenaires une ligne de microcrédit pour les projets de commerce et de "
        "transformation portés par des femmes.",
        "Bailleur de fonds (partenaire financier)",
        "high",
        ["commerce"],
        tags="participation des femmes, financement",
    ),
    R(
        E,
        "Un temps de parole réservé aux femmes en plénière",
        "Réserver dans chaque plénière un temps de parole aux femmes membres, annoncé à l'ordre du "
        "jour.",
        "Bureau de l'espace de concertation",
        "high",
        ["quota"],
        updates=[
            (D(2026, 4, 10), "accepted", "Adopté par le bureau."),
            (D(2026, 9, 24), "implemented", "Appliqué à la plénière de septembre."),
        ],
    ),
    R(
        E,
        "Une co-rapporteure dans chaque atelier",
        "Désigner une femme co-rapporteure dans chaque atelier thématique.",
        SEC,
        "medium",
        ["quota"],
        updates=[
            (D(2026, 4, 10), "accepted", "Adopté avec la recommandation précédente."),
            (D(2026, 5, 14), "in_progress", "Une co-rapporteure désignée pour la formation."),
        ],
    ),
    R(
        E,
        "Un groupe de travail tourisme et économie bleue",
        "Constituer un groupe de travail tourisme et économie bleue ouvert aux jeunes de la "
        "diaspora.",
        "Conseil régional de San-Pédro",
        "medium",
        ["tourisme"],
        meetings=["tourisme"],
        updates=[
            (D(2026, 4, 1), "accepted", "Inscrit au plan d'action."),
            (D(2026, 6, 15), "in_progress", "Le mandat du groupe est en rédaction."),
        ],
    ),
    R(
        E,
        "Chaque réunion accessible en audio seul",
        "Proposer chaque réunion en audio seul, par téléphone, pour les connexions faibles.",
        SEC,
        "high",
        ["bas-debit"],
        tags="participation à distance",
        updates=[
            (D(2026, 6, 1), "accepted", "Un numéro d'accès audio est réservé."),
            (D(2026, 9, 24), "implemented", "Douze participants ont suivi la plénière ainsi."),
        ],
    ),
    R(
        E,
        "Des documents légers envoyés par messagerie",
        "Envoyer les documents de séance en PDF légers par messagerie, en plus de la plateforme.",
        SEC,
        "low",
        ["bas-debit"],
    ),
    R(
        E,
        "Deux agents formés par guichet",
        "Former deux agents par guichet à l'accompagnement des projets de la diaspora.",
        "Direction Générale des Ivoiriens de l'Extérieur",
        "high",
        ["agents"],
        tools=["Guichet diaspora du conseil régional"],
        updates=[
            (D(2026, 6, 1), "accepted", "La DGIE finance la formation."),
            (D(2026, 8, 20), "in_progress", "Les agents de San-Pédro sont formés."),
        ],
    ),
    R(
        E,
        "Un tableau public de suivi des recommandations",
        "Publier sur la plateforme l'état de suivi de chaque recommandation et le présenter à "
        "chaque "
        "plénière.",
        SEC,
        "high",
        ["comptes"],
        tags="suivi des recommandations",
        updates=[
            (D(2026, 10, 1), "accepted", "Le registre de la plateforme sert de tableau."),
            (D(2026, 11, 5), "in_progress", "Les recommandations de 2024 et 2025 sont saisies."),
        ],
    ),
    R(
        E,
        "Des critères publics pour le fonds de co-financement",
        "Plafonner l'abondement par projet et publier les critères de sélection du fonds.",
        "Conseil régional de la Nawa",
        "medium",
        ["regles"],
        tools=["Fonds de co-financement"],
    ),
    R(
        E,
        "Jumeler le guichet de San-Pédro avec un centre marocain",
        "Jumeler le guichet diaspora de San-Pédro avec un centre régional d'investissement du "
        "Maroc.",
        "Programme de coopération Sud-Sud (partenaire de mise en œuvre)",
        "medium",
        ["sud-sud"],
        updates=[(D(2026, 7, 1), "accepted", "Inscrit au plan d'action bilatéral.")],
    ),
    R(
        E,
        "Un responsable de la banque de projets",
        "Nommer un responsable chargé de tenir la banque de projets à jour chaque trimestre.",
        "Guichet régional de promotion des investissements",
        "medium",
        ["banque-projets"],
        updates=[(D(2026, 10, 5), "accepted", "Un agent du guichet régional est pressenti.")],
    ),
    R(
        E,
        "Une charte d'engagement avec les associations relais",
        "Signer avec les associations de la diaspora une charte qui précise leur rôle de relais.",
        "Associations de la diaspora",
        "medium",
        ["comptes"],
        visibility=Visibility.MEMBERS,
    ),
    R(
        E,
        "Une médiation entre associations de la diaspora en France",
        "Proposer une médiation du bureau entre les deux associations qui revendiquent la "
        "représentation du Cavally.",
        "Bureau de l'espace de concertation",
        "low",
        ["tensions"],
        visibility=Visibility.RESTRICTED,
    ),
    R(
        E,
        "Étendre la caravane de l'investissement aux régions ivoiriennes",
        "S'inspirer de la caravane du Souss pour une caravane dans les trois régions.",
        "Assemblée des Régions de Côte d'Ivoire",
        "low",
        ["sud-sud"],
        tools=["Caravane"],
        updates=[
            (D(2026, 7, 20), "accepted", "Étude de faisabilité demandée."),
            (D(2026, 10, 20), "set_aside", "Le budget 2027 ne le permet pas ; à réexaminer."),
        ],
    ),
]


def seed(stdout=None) -> None:
    spaces = {s.slug: s for s in Space.objects.filter(slug__in=[C, E])}
    secretariat = User.objects.filter(email=SECRETARIAT).first()
    if len(spaces) < 2 or secretariat is None:
        if stdout:
            stdout.write("Knowledge register: no demo spaces, nothing to seed.")
        return
    authors = {E: User.objects.filter(email=OFFICER).first() or secretariat, C: secretariat}
    with transaction.atomic():
        lessons, new_lessons = _lessons(spaces, authors)
        new_recommendations = _recommendations(spaces, secretariat, lessons)
    if stdout:
        stdout.write(
            f"Knowledge register: {len(LESSONS)} lessons ({new_lessons} new), "
            f"{len(RECOMMENDATIONS)} recommendations ({new_recommendations} new)."
        )


def _find(queryset, words: list[str], field_name: str = "title") -> list:
    found = []
    for word in words:
        item = queryset.filter(**{f"{field_name}__icontains": word}).first()
        if item is not None:
            found.append(item)
    return found


def _links(space, spec) -> dict:
    return {
        "meetings": _find(Meeting.objects.filter(space=space).order_by("starts_at"), spec.meetings),
        "tools": _find(IncentiveTool.objects.filter(space=space).order_by("pk"), spec.tools),
    }


def _lessons(spaces, authors) -> tuple[dict[str, Lesson], int]:
    lessons, created = {}, 0
    for spec in LESSONS:
        space = spaces[spec.space]
        lesson = Lesson.objects.filter(space=space, title=spec.title).first()
        if lesson is None:
            links = _links(space, spec)
            minutes = [m.minutes for m in links["meetings"] if hasattr(m, "minutes")]
            lesson = lesson_create(
                space=space,
                actor=authors[spec.space],
                title=spec.title,
                statement=spec.statement,
                context=spec.context,
                learned_on=spec.learned_on,
                visibility=spec.visibility,
                tags=spec.tags,
                source_minutes=minutes[0] if minutes else None,
                actions=_find(
                    Action.objects.filter(plan__space=space).order_by("plan_id", "number"),
                    spec.actions,
                ),
                **links,
            )
            created += 1
        lessons[spec.key] = lesson
    return lessons, created


def _recommendations(spaces, secretariat, lessons) -> int:
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(name__in={spec.addressee for spec in RECOMMENDATIONS})
    }
    created = 0
    for spec in RECOMMENDATIONS:
        space = spaces[spec.space]
        if Recommendation.objects.filter(space=space, title=spec.title).exists():
            continue
        outcome = None
        if spec.outcome:
            outcome = (
                Outcome.objects.filter(
                    kind=OutcomeKind.RECOMMENDATION,
                    minutes__meeting__space=space,
                    text__startswith=spec.outcome,
                    knowledge_recommendation__isnull=True,
                )
                .select_related("minutes__meeting")
                .first()
            )
        links = _links(space, spec)
        if outcome is not None and outcome.minutes.meeting not in links["meetings"]:
            links["meetings"].append(outcome.minutes.meeting)
        its_lessons = [lessons[key] for key in spec.lessons]
        organisation = organisations.get(spec.addressee)
        recommendation = recommendation_create(
            space=space,
            actor=secretariat,
            title=spec.title,
            statement=spec.statement,
            addressee_organisation=organisation,
            addressee="" if organisation else spec.addressee,
            priority=spec.priority,
            due_date=spec.due,
            visibility=spec.visibility,
            tags=spec.tags or ", ".join(tag.name for tag in its_lessons[0].tags.all()),
            lessons=its_lessons,
            source_outcome=outcome,
            **links,
        )
        on = outcome.minutes.meeting.starts_at.date() if outcome else its_lessons[0].learned_on
        Recommendation.objects.filter(pk=recommendation.pk).update(
            created_at=dt.datetime.combine(on, dt.time(17), tzinfo=dt.UTC)
        )
        for day, status, text in spec.updates:
            follow_up(
                recommendation=recommendation, actor=secretariat, status=status, text=text, date=day
            )
        created += 1
    return created
