"""Demo of the diaspora investment programme: the exchange rates, an investment officer, the
incentive tools piloted in the four partner countries (Côte d'Ivoire, Morocco, Mali, Senegal) at
every stage with their activities, results, amounts and lessons, about thirty opportunities in
the three regions' real sectors, forty investor profiles of the diaspora and their expressions of
interest, each followed through dated statuses.

Every name, tool and programme is invented (any resemblance to a real one is accidental), and
every e-mail is at example.org. Tools move through their stages with the stage service, so the
history respects its rules; the history is then dated back to when it would have happened.
Opportunities are dated relative to today, so that the catalogue always looks alive. Running it
again changes nothing: each record is looked up by what identifies it before it is created.
"""

import datetime as dt
import functools
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from palabre.accounts.models import User
from palabre.actions.demo import (
    AGENCE,
    ARDCI,
    ARNIF,
    BAILLEUR,
    CAVALLY,
    CCI,
    CHAMBRE_AGRICULTURE,
    COOPAEM,
    DGIE,
    DIASPORA_CONSEIL,
    GUICHET,
    NAWA,
    SAN_PEDRO,
    SUD_SUD,
)
from palabre.directory import demo as directory_demo
from palabre.directory.models import Organisation, OrganisationKind, Person
from palabre.knowledge.models import Lesson, Recommendation
from palabre.knowledge.services.register import title_from
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space, Visibility
from palabre.territories.models import Country, Region, Sector

from .models import (
    ExchangeRate,
    ExpressionOfInterest,
    IncentiveTool,
    InterestStatus,
    InterestStatusChange,
    InvestorKind,
    InvestorProfile,
    MobilisedAmount,
    Opportunity,
    OpportunityStatus,
    PilotActivity,
    PilotStage,
    StageChange,
    SupportKind,
    ToolKind,
)
from .models.opportunities import ACCEPTING_INTEREST
from .services.stages import change_stage

D = dt.date
K = OrganisationKind
P = PilotStage

OFFICER_EMAIL = "investissement@example.org"  # a demo account of palabre.accounts.demo
# Another demo account: the manager of the Méagui cooperative follows its opportunities' interests.
PROMOTER_EMAIL = "promoteur@example.org"
DIASPORA_EMAIL = "diaspora@example.org"

# (currency, valid from, XOF for one unit, source). The euro's parity is fixed; the others are
# indicative rates of the demo, two dated ones where the programme's period crosses a change.
RATES = [
    ("EUR", D(2025, 1, 1), "655.957", "Parité fixe du franc CFA"),
    ("MAD", D(2025, 1, 1), "61.85", "BCEAO, cours indicatif du 2 janvier 2025"),
    ("MAD", D(2026, 7, 1), "63.40", "BCEAO, cours indicatif du 1er juillet 2026"),
    ("USD", D(2025, 1, 1), "615.20", "BCEAO, cours indicatif du 2 janvier 2025"),
    ("USD", D(2026, 1, 1), "562.75", "BCEAO, cours indicatif du 2 janvier 2026"),
    ("CAD", D(2025, 1, 1), "432.60", "BCEAO, cours indicatif du 2 janvier 2025"),
    ("CAD", D(2026, 1, 1), "405.10", "BCEAO, cours indicatif du 2 janvier 2026"),
    ("GBP", D(2025, 1, 1), "781.40", "BCEAO, cours indicatif du 2 janvier 2025"),
]

# Organisations of the directory demo that the tools and opportunities name, besides those the
# action plans' demo names already.
STCB = "Société de transformation du cacao du Bas-Sassandra"
HEVEA = "Hévéa Cavally Services"
PORT = "San-Pédro Logistique Portuaire"
NAWA_AGRO = "Nawa Agro-Industrie"
FEMMES_CAVALLY = "ONG Femmes actives du Cavally"
JEDENA = "Jeunesse et développement de la Nawa"

# Invented organisations the directory demo does not have: partners of the other countries'
# tools, and promoters of opportunities. (name, acronym, kind, country, region, city)
SOUSS_FRANCE = "Association des originaires du Souss en Île-de-France"
AGADIR_ENTREPRENEURS = "Réseau des jeunes entrepreneurs d'Agadir"
KAYES_FRANCE = "Union des ressortissants du cercle de Kayes en France"
KAYES_PAYSANS = "Coordination des organisations paysannes de Kayes"
CASAMANCE_LYON = "Collectif casamançais de Lyon pour le développement"
SEDHIOU_FEMMES = "Groupement des femmes transformatrices de Sédhiou"
PECHEURS_TABOU = "Coopérative des pêcheurs artisans de Tabou"
RIZ_CAVALLY = "Société coopérative des riziculteurs du Cavally"
MANIOC_SOUBRE = "Union des transformatrices de manioc de Soubré"
BEREBY_HOTEL = "Béréby Côte Sauvage Hôtellerie"
AVICULTURE_MEAGUI = "Aviculture moderne de Méagui"
SOLAIRE = "Solaire Bas-Sassandra"
HEVEA_TOULEPLEU = "Coopérative des hévéaculteurs de Toulépleu"
PALME_BUYO = "Palmeraies villageoises de Buyo"
TAI_NATURE = "Taï Écotourisme et Nature"
CHOCOLAT = "Les Délices du Bas-Sassandra"
VOLAILLES_CAVALLY = "Cavally Volailles"
CACAO_BLOLEQUIN = "Coopérative agricole Renouveau de Bloléquin"
BOIS_CAVALLY = "Bois et Design du Cavally"
CLINIQUE_TOULEPLEU = "Clinique Espérance de Toulépleu"
NEW_ORGANISATIONS = [
    (SOUSS_FRANCE, "", K.DIASPORA_ASSOCIATION, "FR", "", "Paris"),
    (AGADIR_ENTREPRENEURS, "", K.CIVIL_SOCIETY, "MA", "Souss-Massa", "Agadir"),
    (KAYES_FRANCE, "", K.DIASPORA_ASSOCIATION, "FR", "", "Montreuil"),
    (KAYES_PAYSANS, "", K.CIVIL_SOCIETY, "ML", "Kayes", "Kayes"),
    (CASAMANCE_LYON, "", K.DIASPORA_ASSOCIATION, "FR", "", "Lyon"),
    (SEDHIOU_FEMMES, "", K.CIVIL_SOCIETY, "SN", "Sédhiou", "Sédhiou"),
    (PECHEURS_TABOU, "", K.COMPANY, "CI", "San-Pédro", "Tabou"),
    (RIZ_CAVALLY, "SCRC", K.COMPANY, "CI", "Cavally", "Guiglo"),
    (MANIOC_SOUBRE, "", K.CIVIL_SOCIETY, "CI", "Nawa", "Soubré"),
    (BEREBY_HOTEL, "", K.COMPANY, "CI", "San-Pédro", "Grand-Béréby"),
    (AVICULTURE_MEAGUI, "", K.COMPANY, "CI", "Nawa", "Méagui"),
    (SOLAIRE, "", K.COMPANY, "CI", "San-Pédro", "San-Pédro"),
    (HEVEA_TOULEPLEU, "", K.COMPANY, "CI", "Cavally", "Toulépleu"),
    (PALME_BUYO, "", K.COMPANY, "CI", "Nawa", "Buyo"),
    (TAI_NATURE, "", K.COMPANY, "CI", "Cavally", "Taï"),
    (CHOCOLAT, "", K.COMPANY, "CI", "San-Pédro", "San-Pédro"),
    (VOLAILLES_CAVALLY, "", K.COMPANY, "CI", "Cavally", "Guiglo"),
    (CACAO_BLOLEQUIN, "", K.COMPANY, "CI", "Cavally", "Bloléquin"),
    (BOIS_CAVALLY, "", K.COMPANY, "CI", "Cavally", "Guiglo"),
    (CLINIQUE_TOULEPLEU, "", K.COMPANY, "CI", "Cavally", "Toulépleu"),
]


@dataclass
class ToolSpec:
    country: str
    region: str | None
    kind: str
    title: str
    description: str
    partners: list[str]
    budget: str | None
    currency: str
    period: tuple[dt.date | None, dt.date | None]
    # The stages it went through, in order, each on its date (a step back needs its reason).
    steps: list[tuple[str, dt.date, str]]
    activities: list[tuple[dt.date, str, str, int | None]] = field(default_factory=list)
    amounts: list[tuple[dt.date, str, str, str]] = field(default_factory=list)
    # People reached: total, women, men, diaspora, residents.
    reached: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    projects: int = 0
    jobs: int = 0
    results: str = ""
    analysis: str = ""
    lessons: list[str] = field(default_factory=list)
    recommendations: list[tuple[str, str]] = field(default_factory=list)
    visibility: str = Visibility.PUBLIC


TOOLS = [
    # Côte d'Ivoire
    ToolSpec(
        "CI",
        "San-Pédro",
        ToolKind.ONE_STOP_SHOP,
        "Guichet diaspora du conseil régional de San-Pédro",
        "Un guichet unique au siège du conseil régional qui informe les membres de la diaspora, "
        "les oriente vers les bons services (foncier, création d'entreprise, fiscalité) et suit "
        "leurs projets jusqu'à l'installation. Permanences physiques, par téléphone et en ligne "
        "aux heures de l'Europe et de l'Amérique du Nord.",
        [SAN_PEDRO, DGIE, GUICHET, CCI],
        "45000000",
        "XOF",
        (D(2025, 3, 1), D(2026, 6, 30)),
        [
            (P.DESIGNED, D(2025, 2, 24), "Fiche de conception validée par le comité de suivi."),
            (P.PILOTED, D(2025, 4, 18), "Le guichet reçoit ses premiers porteurs de projets."),
            (P.ANALYSED, D(2026, 7, 8), "Bilan de quinze mois de fonctionnement."),
            (P.CAPITALISED, D(2026, 9, 22), "Leçons et recommandations adoptées en plénière."),
        ],
        [
            (D(2025, 4, 14), "Ouverture du guichet au conseil régional", "", 85),
            (
                D(2025, 8, 20),
                "Permanences d'été pour la diaspora en vacances",
                "Ouverture le samedi pendant six semaines, à la période des congés en Europe.",
                140,
            ),
            (D(2025, 12, 12), "Stand du guichet au forum de la diaspora", "", 210),
            (
                D(2026, 3, 10),
                "Permanence mobile à Tabou et à Grand-Béréby",
                "Deux journées dans les mairies, avec la délégation de la chambre de commerce.",
                60,
            ),
        ],
        [
            (D(2025, 6, 30), "12500000", "XOF", "Apports de quatre porteurs de projets"),
            (D(2025, 9, 30), "18000", "EUR", "Investisseur de Lyon, séchoir à cacao de Tabou"),
            (D(2025, 12, 31), "27000000", "XOF", "Projets suivis par le guichet, bilan annuel"),
            (D(2026, 3, 31), "25000", "USD", "Association de New York, pépinière agroforestière"),
            (D(2026, 6, 30), "35000", "EUR", "Trois investisseurs de la région parisienne"),
            (D(2026, 9, 30), "15000000", "XOF", "Apports complémentaires, troisième trimestre"),
        ],
        (640, 236, 398, 402, 238),
        18,
        126,
        "640 personnes reçues en quinze mois, dont 402 membres de la diaspora ; 18 projets "
        "accompagnés jusqu'au financement ; environ 126 emplois attendus.",
        "Le guichet répond à un vrai besoin d'orientation : la moitié des visiteurs ne savaient "
        "pas à quel service s'adresser. Les permanences en ligne ont touché la diaspora "
        "d'Amérique du Nord, absente des permanences physiques. Le suivi des dossiers reste "
        "fragile : un seul agent, sans outil commun avec les autres régions.",
        [
            "Un guichet physique rassure les investisseurs de passage au pays, mais la majorité "
            "des premiers contacts se fait en ligne.",
            "Les permanences d'été concentrent un tiers des visites de l'année.",
        ],
        [
            (
                "Ouvrir un guichet dans chacune des trois régions avec un registre commun des "
                "dossiers.",
                ARDCI,
            ),
            ("Former deux agents par guichet à l'analyse de plans d'affaires.", DGIE),
        ],
    ),
    ToolSpec(
        "CI",
        None,
        ToolKind.GUIDE,
        "Guide des procédures d'investissement pour la diaspora",
        "Les démarches pas à pas pour investir depuis l'étranger : foncier rural et urbain, "
        "création d'entreprise, fiscalité, ouverture de compte, financement. En français et en "
        "anglais, imprimé et en ligne.",
        [DGIE, ARDCI, GUICHET],
        "8000000",
        "XOF",
        (D(2025, 9, 1), D(2026, 10, 31)),
        [
            (P.DESIGNED, D(2025, 9, 5), "Sommaire validé avec les services de l'État."),
            (P.PILOTED, D(2026, 3, 20), "Version provisoire diffusée aux associations."),
        ],
        [
            (
                D(2026, 3, 16),
                "Diffusion de la version provisoire aux associations de la diaspora",
                "",
                None,
            ),
            (D(2026, 6, 25), "Atelier de relecture avec des investisseurs de la diaspora", "", 32),
        ],
    ),
    ToolSpec(
        "CI",
        "Nawa",
        ToolKind.FORUM,
        "Journées de la diaspora de la Nawa à Soubré",
        "Deux journées de rencontres à Soubré entre la diaspora, les coopératives et les "
        "entreprises de la région : présentations de projets, visites de sites et rendez-vous "
        "d'affaires, au moment où la diaspora rentre pour les fêtes.",
        [NAWA, ARNIF, CHAMBRE_AGRICULTURE, DIASPORA_CONSEIL],
        "32000000",
        "XOF",
        (D(2025, 10, 1), D(2026, 1, 31)),
        [
            (P.DESIGNED, D(2025, 7, 15), "Programme et budget arrêtés."),
            (P.PILOTED, D(2025, 12, 22), "Les journées ont eu lieu."),
            (P.ANALYSED, D(2026, 4, 14), "Analyse présentée au groupe de travail."),
        ],
        [
            (D(2025, 12, 18), "Journées de la diaspora de la Nawa", "Deux jours à Soubré.", 420),
            (
                D(2025, 12, 19),
                "Visites d'unités de transformation à Méagui",
                "Séchoirs de la coopérative et unité de broyage en projet.",
                65,
            ),
            (D(2026, 1, 22), "Rendez-vous d'affaires de suivi en ligne", "", 38),
        ],
        [
            (D(2025, 12, 19), "8000000", "XOF", "Promesses signées pendant les journées"),
            (D(2026, 1, 30), "22000", "EUR", "Apports de membres de l'association d'Île-de-France"),
            (D(2026, 3, 15), "6500", "CAD", "Investisseuse de Montréal, aviculture à Méagui"),
        ],
        (455, 168, 287, 190, 265),
        11,
        64,
        "455 participants, dont 190 de la diaspora ; 38 rendez-vous d'affaires, 11 projets "
        "lancés ou relancés.",
        "Le format court, à Noël, attire la diaspora de passage. Les rendez-vous préparés à "
        "l'avance ont beaucoup mieux abouti que les rencontres spontanées. Le suivi après les "
        "journées a manqué de moyens.",
        ["Préparer les rendez-vous d'affaires un mois à l'avance, avec des fiches de projets."],
    ),
    ToolSpec(
        "CI",
        None,
        ToolKind.MATCHING_FUND,
        "Fonds de co-financement diaspora des trois régions",
        "Un franc versé par les conseils régionaux et les partenaires pour chaque franc investi "
        "par un membre de la diaspora dans un projet productif de San-Pédro, de la Nawa ou du "
        "Cavally, dans la limite de 10 millions de francs CFA par projet.",
        [BAILLEUR, AGENCE, SAN_PEDRO, NAWA, CAVALLY],
        "150000000",
        "XOF",
        (D(2026, 9, 1), D(2027, 12, 31)),
        [(P.DESIGNED, D(2026, 7, 30), "Règlement du fonds adopté par les trois conseils.")],
    ),
    # Morocco
    ToolSpec(
        "MA",
        "Souss-Massa",
        ToolKind.MATCHING_FUND,
        "Fonds d'abondement « Souss Diaspora Invest »",
        "Un fonds régional qui double l'apport des Marocains du monde originaires du Souss dans "
        "une entreprise de la région (un dirham pour un dirham), avec un accompagnement au "
        "montage du dossier.",
        [SUD_SUD, BAILLEUR, SOUSS_FRANCE, AGADIR_ENTREPRENEURS],
        "4500000",
        "MAD",
        (D(2025, 3, 1), D(2026, 2, 28)),
        [
            (P.DESIGNED, D(2025, 2, 10), "Règlement et grille de sélection adoptés."),
            (P.PILOTED, D(2025, 5, 20), "Premier comité d'engagement tenu."),
            (P.ANALYSED, D(2026, 4, 30), "Évaluation finale du pilote."),
        ],
        [
            (D(2025, 5, 15), "Premier comité d'engagement : 12 dossiers examinés", "", 14),
            (D(2025, 11, 6), "Deuxième comité d'engagement", "", 16),
        ],
        [
            (D(2025, 6, 30), "850000", "MAD", "Abondements versés à sept projets"),
            (D(2025, 12, 31), "1200000", "MAD", "Abondements versés à douze projets"),
            (D(2026, 2, 27), "60000", "EUR", "Apports de membres de la diaspora en France"),
        ],
        (230, 74, 156, 160, 70),
        19,
        85,
        "19 entreprises financées, 85 emplois attendus ; chaque dirham public a attiré 1,4 "
        "dirham de la diaspora.",
        "L'effet de levier est réel, mais les délais de versement (quatre mois en moyenne) ont "
        "découragé plusieurs porteurs. Les projets agricoles ont été les plus nombreux.",
    ),
    ToolSpec(
        "MA",
        "Souss-Massa",
        ToolKind.FORUM,
        "Caravane de l'investissement de la diaspora dans le Souss",
        "Une caravane qui va au-devant des Marocains du monde pendant l'été, dans les villes de "
        "la région, avec les services qui instruisent les projets.",
        [SUD_SUD, SOUSS_FRANCE, AGADIR_ENTREPRENEURS],
        "1800000",
        "MAD",
        (D(2025, 1, 15), D(2025, 9, 30)),
        [
            (P.DESIGNED, D(2025, 1, 20), "Itinéraire et partenaires arrêtés."),
            (P.PILOTED, D(2025, 4, 10), "Première étape tenue à Agadir."),
            (P.ANALYSED, D(2025, 11, 20), "Bilan présenté aux partenaires."),
            (P.CAPITALISED, D(2026, 2, 12), "Fiche de capitalisation publiée."),
        ],
        [
            (D(2025, 4, 5), "Étape d'Agadir", "", 310),
            (D(2025, 7, 25), "Étape estivale de Tiznit", "Pendant les congés d'été.", 270),
        ],
        [
            (D(2025, 7, 31), "2300000", "MAD", "Investissements annoncés pendant les étapes"),
            (D(2025, 9, 30), "45000", "EUR", "Apports confirmés de la diaspora en Europe"),
        ],
        (580, 210, 370, 420, 160),
        9,
        40,
        "580 personnes rencontrées, 9 projets engagés dans les trois mois.",
        "Aller vers la diaspora là où elle passe l'été fonctionne mieux qu'un forum en salle. "
        "La présence des services instructeurs a raccourci les démarches.",
        ["Les services qui instruisent les dossiers doivent être présents à chaque étape."],
        [
            ("Reconduire la caravane chaque été avec un volet en ligne.", AGADIR_ENTREPRENEURS),
            ("Partager l'itinéraire avec les associations de la diaspora dès mars.", SUD_SUD),
        ],
    ),
    ToolSpec(
        "MA",
        "Souss-Massa",
        ToolKind.INCUBATION,
        "Incubateur de projets de la diaspora à Agadir",
        "Six mois d'accompagnement pour des porteurs de projets de la diaspora : plan "
        "d'affaires, mentorat par des entrepreneurs de la région, mise en relation avec les "
        "banques.",
        [AGADIR_ENTREPRENEURS, SUD_SUD],
        "950000",
        "MAD",
        (D(2026, 1, 1), D(2026, 12, 31)),
        [
            (P.DESIGNED, D(2025, 11, 15), "Programme d'incubation adopté."),
            (P.PILOTED, D(2026, 2, 20), "Première promotion accueillie."),
        ],
        [
            (D(2026, 2, 16), "Accueil de la première promotion : 12 porteurs de projets", "", 12),
            (D(2026, 6, 12), "Semaine intensive en ligne sur les plans d'affaires", "", 24),
        ],
        [(D(2026, 6, 30), "300000", "MAD", "Apports des porteurs incubés")],
    ),
    # Mali
    ToolSpec(
        "ML",
        "Kayes",
        ToolKind.PROSPECTING_MISSION,
        "Mission de prospection de la diaspora de France dans la région de Kayes",
        "Une délégation de membres de la diaspora installés en France visite pendant dix jours "
        "les projets agricoles et artisanaux de la région de Kayes, avec les organisations "
        "paysannes.",
        [KAYES_FRANCE, KAYES_PAYSANS, SUD_SUD],
        "22000000",
        "XOF",
        (D(2025, 10, 1), D(2026, 3, 31)),
        [
            (P.DESIGNED, D(2025, 9, 10), "Termes de référence de la mission validés."),
            (P.PILOTED, D(2025, 11, 25), "Mission réalisée."),
            (P.ANALYSED, D(2026, 5, 18), "Rapport d'analyse remis."),
        ],
        [
            (D(2025, 11, 20), "Mission de dix jours à Kayes et dans les cercles voisins", "", 24),
            (D(2026, 2, 10), "Restitution à Montreuil devant les associations", "", 55),
        ],
        [
            (D(2026, 1, 31), "18500000", "XOF", "Engagements de la délégation"),
            (D(2026, 3, 31), "25000", "EUR", "Apports de l'union des ressortissants"),
        ],
        (310, 96, 214, 140, 170),
        6,
        38,
        "6 projets financés, dont deux périmètres maraîchers ; 38 emplois attendus.",
        "La mission a convaincu parce que les investisseurs ont vu les projets. Les projets "
        "collectifs des associations avancent plus vite que les projets individuels.",
    ),
    ToolSpec(
        "ML",
        "Kayes",
        ToolKind.ONE_STOP_SHOP,
        "Guichet d'accueil des investisseurs de la diaspora à Kayes",
        "Un point d'accueil à Kayes pour les membres de la diaspora qui veulent investir : "
        "information, orientation, mise en relation avec les organisations paysannes.",
        [KAYES_PAYSANS, SUD_SUD, AGENCE],
        "15000000",
        "XOF",
        (D(2025, 7, 1), D(2026, 12, 31)),
        [
            (P.DESIGNED, D(2025, 6, 2), "Convention d'hébergement signée."),
            (P.PILOTED, D(2025, 9, 15), "Ouverture au public."),
            (P.ANALYSED, D(2026, 6, 30), "Première analyse."),
            (
                P.PILOTED,
                D(2026, 8, 20),
                "L'analyse ne couvrait que six mois de fonctionnement : le comité demande une "
                "année complète de données.",
            ),
        ],
        [(D(2025, 9, 12), "Ouverture du guichet", "", 40)],
        [(D(2026, 3, 31), "9000000", "XOF", "Projets orientés par le guichet")],
        (190, 52, 138, 75, 115),
        4,
        12,
        "190 personnes reçues, 4 projets orientés vers un financement.",
        "Fréquentation correcte mais données incomplètes sur le devenir des projets.",
    ),
    ToolSpec(
        "ML",
        "Kayes",
        ToolKind.GUARANTEE_FUND,
        "Fonds de garantie pour les projets de retour",
        "Une garantie partielle des prêts bancaires accordés aux membres de la diaspora qui "
        "rentrent créer une activité dans la région.",
        [SUD_SUD, BAILLEUR],
        "250000000",
        "XOF",
        (None, None),
        [],
    ),
    # Senegal
    ToolSpec(
        "SN",
        "Sédhiou",
        ToolKind.MATCHING_FUND,
        "Fonds d'appui aux initiatives économiques de la diaspora en Casamance",
        "Une subvention qui complète l'apport d'un membre de la diaspora dans une activité "
        "agricole, de transformation ou de pêche de la région de Sédhiou.",
        [CASAMANCE_LYON, SEDHIOU_FEMMES, BAILLEUR],
        "60000000",
        "XOF",
        (D(2026, 1, 15), D(2027, 1, 14)),
        [
            (P.DESIGNED, D(2025, 12, 1), "Manuel de procédures adopté."),
            (P.PILOTED, D(2026, 3, 5), "Appel à projets lancé."),
        ],
        [
            (D(2026, 3, 2), "Lancement de l'appel à projets à Sédhiou", "", 90),
            (D(2026, 7, 8), "Premier comité de sélection", "", 11),
        ],
        [
            (D(2026, 7, 31), "14000000", "XOF", "Subventions du premier comité"),
            (D(2026, 9, 30), "9000", "USD", "Apports de la diaspora aux États-Unis"),
        ],
    ),
    ToolSpec(
        "SN",
        "Sédhiou",
        ToolKind.FORUM,
        "Journées de l'investissement de la diaspora à Sédhiou",
        "Deux journées à Sédhiou pendant les vacances d'été : présentation des filières, "
        "visites et rencontres avec les groupements de femmes et les jeunes entrepreneurs.",
        [CASAMANCE_LYON, SEDHIOU_FEMMES, SUD_SUD],
        "18000000",
        "XOF",
        (D(2025, 5, 1), D(2025, 8, 31)),
        [
            (P.DESIGNED, D(2025, 4, 2), "Programme arrêté."),
            (P.PILOTED, D(2025, 8, 18), "Journées tenues."),
            (P.ANALYSED, D(2025, 11, 28), "Analyse partagée avec les partenaires."),
            (P.CAPITALISED, D(2026, 3, 19), "Fiche de capitalisation validée."),
        ],
        [(D(2025, 8, 14), "Journées de l'investissement de la diaspora", "Deux jours.", 350)],
        [
            (D(2025, 8, 31), "11000000", "XOF", "Engagements pris pendant les journées"),
            (D(2025, 10, 31), "28000", "EUR", "Collectif de Lyon, unité de transformation"),
            (D(2025, 12, 15), "12000", "USD", "Diaspora d'Amérique du Nord"),
        ],
        (390, 150, 240, 170, 220),
        8,
        45,
        "390 participants, 8 projets engagés, dont trois portés par des groupements de femmes.",
        "Les groupements de femmes ont été les partenaires les plus fiables de la diaspora. La "
        "date, pendant les vacances, a été décisive.",
        ["Associer les groupements de femmes dès la préparation des journées."],
        [("Tenir les journées chaque année en août et publier les projets en ligne.", "")],
    ),
    ToolSpec(
        "SN",
        "Sédhiou",
        ToolKind.GUIDE,
        "Guide de l'investisseur de la diaspora en Casamance",
        "Un guide court sur les démarches, les filières porteuses et les contacts utiles de la "
        "région de Sédhiou.",
        [CASAMANCE_LYON, SUD_SUD],
        "5000000",
        "XOF",
        (D(2026, 10, 1), D(2027, 3, 31)),
        [(P.DESIGNED, D(2026, 9, 14), "Plan du guide validé.")],
        visibility=Visibility.MEMBERS,
    ),
]


@dataclass
class OpportunitySpec:
    region: str
    sector: str
    location: str
    title: str
    summary: str
    description: str
    amounts: tuple[str, str]
    jobs: int
    promoter: str
    support: list[str]
    days_ago: int  # published that many days before the seed
    status: str = OpportunityStatus.OPEN
    currency: str = "XOF"
    visibility: str = Visibility.PUBLIC


OS = OpportunityStatus
MEAGUI_DRYERS = "Séchoirs solaires et magasin de stockage pour la coopérative de Méagui"
FIN, MENTOR, MISSION, MARKET, TECH, TRAINING = (
    "financing",
    "mentoring",
    "expertise_mission",
    "market_access",
    "technology",
    "training",
)

OPPORTUNITIES = [
    # San-Pédro
    OpportunitySpec(
        "San-Pédro",
        "agri-processing",
        "San-Pédro",
        "Unité de broyage de fèves de cacao",
        "Transformer sur place une partie du cacao exporté par le port en masse et beurre de "
        "cacao.",
        "La société exporte aujourd'hui des fèves brutes. Une unité de broyage de 10 000 tonnes "
        "par an, dans la zone industrielle, lui permettrait de vendre des produits semi-finis "
        "aux chocolatiers. Le terrain est acquis ; l'étude de faisabilité est faite.",
        ("400000000", "1200000000"),
        60,
        STCB,
        [FIN, TECH],
        21,
    ),
    OpportunitySpec(
        "San-Pédro",
        "fisheries",
        "San-Pédro",
        "Chambre froide pour les produits de la pêche au port",
        "Une chambre froide de 200 tonnes pour conserver les prises des pêcheurs artisans et "
        "approvisionner les marchés de l'intérieur.",
        "Faute de froid, une part importante des prises est vendue à bas prix le jour même. La "
        "chambre froide, reliée à une fabrique de glace, servirait les pêcheurs artisans et les "
        "mareyeuses du port de pêche.",
        ("150000000", "300000000"),
        18,
        PORT,
        [FIN, TECH],
        48,
    ),
    OpportunitySpec(
        "San-Pédro",
        "fisheries",
        "Tabou",
        "Fumoirs améliorés pour les femmes mareyeuses de Tabou",
        "Remplacer les fumoirs traditionnels par des fours améliorés : moins de bois, moins de "
        "fumée, un poisson qui se vend mieux.",
        "Quarante femmes transforment le poisson sur la plage de Tabou. Les fours améliorés "
        "divisent par deux la consommation de bois et protègent leur santé ; un magasin "
        "permettrait de stocker le poisson fumé.",
        ("12000000", "25000000"),
        30,
        PECHEURS_TABOU,
        [FIN, TRAINING],
        63,
    ),
    OpportunitySpec(
        "San-Pédro",
        "tourism",
        "Grand-Béréby",
        "Écolodge de douze bungalows à Grand-Béréby",
        "Un hébergement écologique face à la mer, entre la baie des Sirènes et les villages de "
        "pêcheurs.",
        "Le promoteur dispose d'un terrain de deux hectares en bord de mer. Le projet prévoit "
        "douze bungalows en matériaux locaux, un restaurant de produits de la mer et des "
        "excursions avec les pêcheurs. Énergie solaire et assainissement autonome.",
        ("280000", "520000"),
        25,
        BEREBY_HOTEL,
        [FIN, MARKET],
        12,
        currency="EUR",
    ),
    OpportunitySpec(
        "San-Pédro",
        "tourism",
        "Grand-Béréby",
        "Base nautique et excursions en mer à Grand-Béréby",
        "Pirogues motorisées, kayaks et sorties d'observation des tortues marines avec des "
        "guides formés.",
        "Les visiteurs de Grand-Béréby demandent des activités en mer. Le projet équipe une base "
        "nautique et forme six jeunes du village comme guides et pilotes.",
        ("45000000", "90000000"),
        10,
        BEREBY_HOTEL,
        [FIN, TRAINING],
        97,
        visibility=Visibility.MEMBERS,
    ),
    OpportunitySpec(
        "San-Pédro",
        "ports-logistics",
        "San-Pédro",
        "Entrepôt sous douane et plateforme de groupage près du port",
        "Un entrepôt de 6 000 m² pour le groupage des marchandises des PME de la région.",
        "Les petites entreprises de la région peinent à exporter faute de volumes. La "
        "plateforme regrouperait leurs lots, gérerait les formalités et louerait de l'espace "
        "sous douane.",
        ("600000000", "1500000000"),
        45,
        PORT,
        [FIN, MARKET],
        160,
        OS.IN_DISCUSSION,
    ),
    OpportunitySpec(
        "San-Pédro",
        "energy",
        "San-Pédro",
        "Centrale solaire en toiture pour les entrepôts du port",
        "1,2 MWc de panneaux sur les toits de trois entrepôts, pour réduire la facture "
        "d'électricité et les coupures.",
        "Trois entreprises logistiques se sont engagées à acheter l'électricité produite. Le "
        "promoteur cherche un co-investisseur et un appui technique pour le dimensionnement des "
        "batteries.",
        ("250000", "600000"),
        12,
        SOLAIRE,
        [FIN, TECH, MISSION],
        35,
        currency="EUR",
    ),
    OpportunitySpec(
        "San-Pédro",
        "energy",
        "Grabo",
        "Kits solaires pour les campements de pêcheurs de Grabo",
        "Éclairage, recharge de téléphones et petite réfrigération pour six campements non "
        "raccordés.",
        "Les kits seraient vendus à crédit aux ménages, remboursés chaque semaine par mobile "
        "money, et entretenus par deux techniciens formés sur place.",
        ("20000000", "60000000"),
        8,
        SOLAIRE,
        [FIN, TRAINING],
        140,
    ),
    OpportunitySpec(
        "San-Pédro",
        "cocoa-coffee",
        "Tabou",
        "Pépinière de cacaoyers et d'arbres d'ombrage à Tabou",
        "200 000 plants par an pour renouveler les vergers vieillissants en agroforesterie.",
        "Les vergers de la zone ont plus de trente ans. La pépinière fournirait des plants "
        "certifiés et des arbres d'ombrage aux planteurs, avec un suivi technique.",
        ("15000000", "40000000"),
        14,
        CHAMBRE_AGRICULTURE,
        [FIN, MISSION],
        300,
        OS.FUNDED,
    ),
    OpportunitySpec(
        "San-Pédro",
        "agri-processing",
        "San-Pédro",
        "Atelier de chocolaterie artisanale à San-Pédro",
        "Des tablettes et des bonbons de chocolat faits à San-Pédro avec le cacao de la région, "
        "pour les hôtels et les supermarchés d'Abidjan.",
        "La promotrice a appris le métier en France. Elle cherche un associé pour équiper "
        "l'atelier (conchage, tempérage) et des conseils pour l'emballage et la distribution.",
        ("35000000", "80000000"),
        15,
        CHOCOLAT,
        [FIN, MENTOR, MARKET],
        7,
    ),
    OpportunitySpec(
        "San-Pédro",
        "fisheries",
        "San-Pédro",
        "Atelier de réparation de moteurs hors-bord et de filets",
        "Un atelier au port de pêche pour réparer les moteurs et les filets des pêcheurs artisans.",
        "Les pêcheurs attendent souvent des semaines une pièce de moteur. L'atelier tiendrait un "
        "stock de pièces et formerait des apprentis.",
        ("8000000", "20000000"),
        9,
        PECHEURS_TABOU,
        [FIN, TRAINING],
        330,
        OS.CLOSED,
    ),
    # Nawa
    OpportunitySpec(
        "Nawa",
        "agri-processing",
        "Soubré",
        "Unité de transformation du cacao en beurre et tourteau à Soubré",
        "Valoriser le cacao de la Nawa, première région productrice, au plus près des plantations.",
        "L'unité pressera les fèves torréfiées pour produire du beurre et du tourteau de cacao. "
        "Elle s'approvisionnera auprès de six coopératives de la région, qui entreront au "
        "capital.",
        ("800000000", "2000000000"),
        80,
        NAWA_AGRO,
        [FIN, TECH, MARKET],
        190,
        OS.IN_DISCUSSION,
    ),
    OpportunitySpec(
        "Nawa",
        "cocoa-coffee",
        "Méagui",
        MEAGUI_DRYERS,
        "Mieux sécher et mieux stocker le cacao pour obtenir la prime de qualité.",
        "La coopérative compte 1 200 membres. Les séchoirs solaires couverts et un magasin "
        "ventilé réduiraient les pertes et les fèves moisies, et permettraient de vendre à la "
        "certification.",
        ("40000000", "95000000"),
        22,
        COOPAEM,
        [FIN, TECH],
        56,
    ),
    OpportunitySpec(
        "Nawa",
        "agri-processing",
        "Soubré",
        "Unité de production d'attiéké à Soubré",
        "Mécaniser la production d'attiéké de l'union des femmes transformatrices et la vendre "
        "en sachets.",
        "L'union produit à la main 3 tonnes d'attiéké par semaine. Râpeuses, presses et "
        "séchage mécanique tripleraient la production ; un emballage sous vide ouvrirait les "
        "supermarchés et l'exportation vers la diaspora.",
        ("25000000", "60000000"),
        40,
        MANIOC_SOUBRE,
        [FIN, TRAINING, MARKET],
        28,
    ),
    OpportunitySpec(
        "Nawa",
        "livestock",
        "Méagui",
        "Ferme avicole de 10 000 pondeuses à Méagui",
        "Des œufs produits dans la région pour une demande qui dépend aujourd'hui d'Abidjan.",
        "Bâtiments, cages et aliment pour 10 000 pondeuses, avec un débouché auprès des "
        "commerçants de Soubré et de Méagui. Le terrain et le forage existent.",
        ("60000000", "140000000"),
        18,
        AVICULTURE_MEAGUI,
        [FIN, MENTOR],
        85,
    ),
    OpportunitySpec(
        "Nawa",
        "rubber-palm",
        "Buyo",
        "Huilerie de palme et valorisation des rafles à Buyo",
        "Une huilerie pour les palmeraies villageoises, dont les rafles serviraient de "
        "combustible et d'engrais.",
        "Les planteurs vendent leurs régimes loin de Buyo. L'huilerie de 2 tonnes de régimes "
        "par heure achèterait leur production et vendrait l'huile rouge sur les marchés de la "
        "région.",
        ("120000000", "300000000"),
        35,
        PALME_BUYO,
        [FIN, TECH],
        112,
    ),
    OpportunitySpec(
        "Nawa",
        "fisheries",
        "Buyo",
        "Pisciculture en cages sur le lac de Buyo",
        "Quarante cages de tilapia sur le lac de barrage, exploitées par des jeunes de Buyo.",
        "L'association forme des jeunes à la pisciculture depuis deux ans. Elle cherche le "
        "financement des cages et de l'aliment, et un mentor du métier.",
        ("30000000", "70000000"),
        25,
        JEDENA,
        [FIN, MENTOR, TRAINING],
        41,
    ),
    OpportunitySpec(
        "Nawa",
        "agri-processing",
        "Guéyo",
        "Provenderie pour l'aviculture et la pisciculture à Guéyo",
        "Fabriquer dans la région l'aliment des volailles et des poissons, aujourd'hui acheté à "
        "Abidjan.",
        "La provenderie utiliserait le maïs, le soja et les tourteaux de la région. Les "
        "élevages de la Nawa en sont les premiers clients.",
        ("90000000", "200000000"),
        20,
        NAWA_AGRO,
        [FIN, TECH],
        150,
        visibility=Visibility.MEMBERS,
    ),
    OpportunitySpec(
        "Nawa",
        "digital",
        "Soubré",
        "Traçabilité numérique du cacao pour les coopératives",
        "Une application et des terminaux pour suivre chaque sac de cacao, de la parcelle au port.",
        "Les acheteurs exigent désormais la traçabilité jusqu'à la parcelle. La coopérative "
        "veut s'équiper et proposer le service aux coopératives voisines.",
        ("30000", "80000"),
        8,
        COOPAEM,
        [FIN, TECH, MISSION],
        19,
        currency="EUR",
    ),
    OpportunitySpec(
        "Nawa",
        "energy",
        "Grand-Zattry",
        "Mini-centrale solaire pour un village de Grand-Zattry",
        "Électrifier 300 foyers et les ateliers du village avec une mini-centrale et son réseau.",
        "Le village est à 12 km du réseau. La centrale serait exploitée par une société locale, "
        "payée à la consommation par compteurs à prépaiement.",
        ("150000000", "280000000"),
        10,
        SOLAIRE,
        [FIN, TECH],
        210,
    ),
    OpportunitySpec(
        "Nawa",
        "agriculture",
        "Liliyo",
        "Maraîchage irrigué au goutte-à-goutte à Liliyo",
        "Cinq hectares de légumes irrigués cultivés par des jeunes, vendus sur les marchés de "
        "Soubré.",
        "Forage, réservoir et goutte-à-goutte alimentés au solaire ; les jeunes exploitants "
        "sont accompagnés par l'association.",
        ("10000000", "30000000"),
        16,
        JEDENA,
        [FIN, TRAINING],
        280,
        OS.FUNDED,
    ),
    # Cavally
    OpportunitySpec(
        "Cavally",
        "agriculture",
        "Guiglo",
        "Rizerie et aménagement de 50 hectares de bas-fonds à Guiglo",
        "Produire et décortiquer sur place le riz de la région, aujourd'hui largement importé.",
        "La coopérative aménagera 50 hectares de bas-fonds pour deux récoltes par an et "
        "installera une rizerie de 2 tonnes par heure, avec un magasin.",
        ("180000000", "400000000"),
        55,
        RIZ_CAVALLY,
        [FIN, TECH, MISSION],
        74,
    ),
    OpportunitySpec(
        "Cavally",
        "rubber-palm",
        "Guiglo",
        "Usine de granulation du caoutchouc naturel à Guiglo",
        "Transformer dans le Cavally le caoutchouc qui part brut vers les usines du sud.",
        "L'usine traiterait 20 000 tonnes de fonds de tasse par an. Les plantations villageoises "
        "de la région assurent l'approvisionnement.",
        ("1500000000", "3000000000"),
        120,
        HEVEA,
        [FIN, TECH, MARKET],
        205,
        OS.IN_DISCUSSION,
    ),
    OpportunitySpec(
        "Cavally",
        "rubber-palm",
        "Toulépleu",
        "Pépinière et conseil technique aux hévéaculteurs de Toulépleu",
        "Des plants sélectionnés et un technicien pour 400 petits planteurs d'hévéa.",
        "La coopérative veut produire ses propres plants greffés et former ses membres à la "
        "saignée pour améliorer les rendements.",
        ("20000000", "45000000"),
        12,
        HEVEA_TOULEPLEU,
        [FIN, TRAINING],
        128,
    ),
    OpportunitySpec(
        "Cavally",
        "agri-processing",
        "Bloléquin",
        "Transformation du manioc en gari et attiéké à Bloléquin",
        "Un atelier équipé pour les femmes de Bloléquin, qui vendent aujourd'hui le manioc "
        "frais à bas prix.",
        "L'ONG accompagne 60 femmes transformatrices. L'atelier (râpage, pressage, cuisson) "
        "et un tricycle de livraison leur permettraient de vendre en ville.",
        ("18000000", "40000000"),
        35,
        FEMMES_CAVALLY,
        [FIN, TRAINING, MARKET],
        33,
    ),
    OpportunitySpec(
        "Cavally",
        "tourism",
        "Taï",
        "Écotourisme en lisière du parc national de Taï",
        "Un petit campement et des circuits guidés en lisière du parc, avec les villages "
        "riverains.",
        "Le campement de huit chambres serait géré avec les villages, qui fourniraient guides et "
        "repas. Les circuits restent hors du parc, dans le respect de ses règles.",
        ("60000", "150000"),
        15,
        TAI_NATURE,
        [FIN, MARKET, MENTOR],
        9,
        currency="EUR",
    ),
    OpportunitySpec(
        "Cavally",
        "livestock",
        "Guiglo",
        "Abattoir de volailles et chaîne du froid à Guiglo",
        "Abattre, conditionner et conserver les poulets des éleveurs du Cavally.",
        "Les éleveurs vendent leurs poulets vivants, à perte quand le marché est saturé. "
        "L'abattoir et une chambre froide leur permettraient de vendre aux restaurants et aux "
        "supermarchés.",
        ("80000000", "160000000"),
        20,
        VOLAILLES_CAVALLY,
        [FIN, TECH],
        120,
        visibility=Visibility.MEMBERS,
    ),
    OpportunitySpec(
        "Cavally",
        "cocoa-coffee",
        "Bloléquin",
        "Fermentation et séchage améliorés du cacao à Bloléquin",
        "Des bacs de fermentation et des séchoirs pour un cacao de meilleure qualité, mieux payé.",
        "La coopérative collecte le cacao de 700 planteurs. Elle veut centraliser la "
        "fermentation pour vendre à des chocolatiers qui paient la qualité.",
        ("25000000", "55000000"),
        18,
        CACAO_BLOLEQUIN,
        [FIN, MISSION, MARKET],
        66,
    ),
    OpportunitySpec(
        "Cavally",
        "forestry",
        "Guiglo",
        "Atelier de menuiserie en bois certifié à Guiglo",
        "Des meubles fabriqués à Guiglo avec du bois de plantations certifiées.",
        "L'atelier emploie douze menuisiers. Il veut s'équiper de machines et d'un séchoir à "
        "bois pour vendre aux hôtels et aux administrations.",
        ("40000000", "90000000"),
        22,
        BOIS_CAVALLY,
        [FIN, TECH],
        345,
        OS.CLOSED,
    ),
    OpportunitySpec(
        "Cavally",
        "health",
        "Toulépleu",
        "Centre de santé privé de proximité à Toulépleu",
        "Consultations, maternité et laboratoire pour une zone frontalière mal desservie.",
        "Deux médecins originaires de Toulépleu veulent ouvrir un centre de santé de dix lits. "
        "Ils cherchent des associés et des missions de praticiens de la diaspora.",
        ("150000000", "300000000"),
        28,
        CLINIQUE_TOULEPLEU,
        [FIN, MISSION, TECH],
        4,
    ),
]

# How many investors of the directory demo's diaspora, per country of residence.
INVESTOR_COUNTRIES = {
    "FR": 10,
    "IT": 5,
    "US": 5,
    "CA": 5,
    "BE": 3,
    "BF": 3,
    "MA": 3,
    "ML": 2,
    "SN": 2,
    "DE": 1,
}
TIME_ZONES = {
    "FR": "Europe/Paris",
    "IT": "Europe/Rome",
    "US": "America/New_York",
    "CA": "America/Toronto",
    "BE": "Europe/Brussels",
    "DE": "Europe/Berlin",
    "BF": "Africa/Ouagadougou",
    "MA": "Africa/Casablanca",
    "ML": "Africa/Bamako",
    "SN": "Africa/Dakar",
}
TICKET_CURRENCY = {"FR": "EUR", "IT": "EUR", "BE": "EUR", "DE": "EUR", "US": "USD", "CA": "CAD"}
TICKETS = {
    "XOF": [("2000000", "10000000"), ("5000000", "25000000"), ("20000000", "100000000")],
    "EUR": [("5000", "20000"), ("10000", "50000"), ("40000", "250000")],
    "USD": [("5000", "25000"), ("20000", "100000")],
    "CAD": [("5000", "25000"), ("20000", "120000")],
}
COMPANY_SUFFIX = {
    "FR": "SAS",
    "IT": "S.r.l.",
    "US": "LLC",
    "CA": "inc.",
    "BE": "SRL",
    "DE": "GmbH",
    "BF": "SARL",
    "MA": "SARL",
    "ML": "SARL",
    "SN": "SARL",
}
COMPANY_TRADE = {
    "agri-processing": "Agro-Industries",
    "cocoa-coffee": "Cacao Négoce",
    "rubber-palm": "Plantations",
    "fisheries": "Produits de la mer",
    "livestock": "Élevage",
    "ports-logistics": "Logistique",
    "tourism": "Voyages",
    "agriculture": "Agri-Services",
    "energy": "Énergies",
    "digital": "Numérique",
    "forestry": "Bois",
    "health": "Santé",
}
SKILLS = {
    "agri-processing": "{years} ans dans la transformation agroalimentaire à {city}.",
    "cocoa-coffee": "{years} ans dans le négoce et la torréfaction du cacao et du café.",
    "rubber-palm": "{years} ans d'expérience dans les filières hévéa et palmier à huile.",
    "fisheries": "{years} ans dans la distribution des produits de la mer à {city}.",
    "livestock": "{years} ans de conseil en élevage avicole et en santé animale.",
    "ports-logistics": "{years} ans dans la logistique et le transit à {city}.",
    "tourism": "{years} ans dans l'hôtellerie et le tourisme à {city}.",
    "agriculture": "{years} ans de conseil agricole et d'irrigation.",
    "energy": "{years} ans de projets solaires, de l'étude à la mise en service.",
    "digital": "{years} ans dans le développement de logiciels à {city}.",
    "forestry": "{years} ans dans la filière bois et l'ameublement.",
    "health": "{years} ans à l'hôpital à {city} ; intérêt pour les centres de santé.",
}
SUPPORT_SKILLS = {
    MENTOR: "Disponible pour accompagner un porteur de projet à distance, le soir.",
    MISSION: "Peut effectuer une mission d'expertise sur place pendant les congés.",
    MARKET: "Réseau d'acheteurs et de distributeurs à {city}.",
    TECH: "Peut aider à choisir et à faire venir les équipements.",
    TRAINING: "Peut animer des formations pour les équipes.",
}
# Sectors an investor may pick: those of the opportunities, so that matching finds something.
INVESTOR_SECTORS = sorted({spec.sector for spec in OPPORTUNITIES})


@dataclass
class InvestorSpec:
    email: str
    full_name: str
    kind: str
    name: str
    country: str
    city: str
    sectors: list[str]
    regions: list[str]
    ticket: tuple[str, str] | None
    currency: str
    support: list[str]
    skills: str
    phone: str = ""
    organisation: str | None = None
    share_contact: bool = True
    digest: bool = False


# The demo account of a diaspora member (accounts.demo) is an investor too, to try the pages.
DIASPORA_INVESTOR = InvestorSpec(
    DIASPORA_EMAIL,
    "Aya N'Guessan",
    InvestorKind.INDIVIDUAL,
    "Aya N'Guessan",
    "FR",
    "Lyon",
    ["agri-processing", "cocoa-coffee"],
    ["Cavally", "San-Pédro"],
    ("10000", "40000"),
    "EUR",
    [FIN, MENTOR],
    "Douze ans dans la transformation agroalimentaire en région lyonnaise ; dirige une "
    "entreprise de traiteur de huit salariés.",
    digest=True,
)


@functools.cache
def investor_specs() -> tuple[InvestorSpec, ...]:
    """The demo investors, drawn from the directory demo's diaspora: always the same ones."""
    rng = random.Random(2605)
    pools: dict[str, list] = {}
    for person in directory_demo.people_specs():
        if person.is_diaspora:
            pools.setdefault(person.country, []).append(person)
    association_city = {row[0]: row[3] for row in directory_demo.DIASPORA_ASSOCIATIONS}
    used_associations: set[str] = set()
    specs = [DIASPORA_INVESTOR]
    for country, count in INVESTOR_COUNTRIES.items():
        for person in rng.sample(pools[country], count):
            sectors = rng.sample(INVESTOR_SECTORS, rng.randint(1, 3))
            support = [FIN] if rng.random() < 0.85 else []
            support += rng.sample([MENTOR, MISSION, MARKET, TECH, TRAINING], rng.randint(0, 2))
            roll = rng.random()
            full_name, city = f"{person.first_name} {person.last_name}", person.city
            if roll < 0.3 and person.organisation and person.organisation not in used_associations:
                # A member of its board set up the association's profile.
                used_associations.add(person.organisation)
                kind, name = InvestorKind.ASSOCIATION, person.organisation
                organisation, city = person.organisation, association_city[person.organisation]
                skills = (
                    f"L'association réunit {rng.randint(3, 15) * 10} membres et finance des "
                    "projets collectifs dans la région d'origine."
                )
            else:
                organisation = None
                if roll > 0.8:
                    kind = InvestorKind.COMPANY
                    trade = COMPANY_TRADE[sectors[0]]
                    name = f"{person.last_name} {trade} {COMPANY_SUFFIX[country]}"
                else:
                    kind, name = InvestorKind.INDIVIDUAL, full_name
                skills = SKILLS[sectors[0]].format(years=rng.randint(5, 25), city=city)
            extra = [SUPPORT_SKILLS[code].format(city=city) for code in support if code != FIN]
            skills = " ".join([skills, *extra])
            currency = TICKET_CURRENCY.get(country, "XOF")
            ticket = rng.choice(TICKETS[currency]) if FIN in support else None
            specs.append(
                InvestorSpec(
                    email=person.email,
                    full_name=full_name,
                    kind=kind,
                    name=name,
                    country=country,
                    city=city,
                    sectors=sectors,
                    regions=rng.sample(spaces_demo.THREE_REGIONS, rng.randint(0, 3)),
                    ticket=ticket,
                    currency=currency,
                    support=support or [MENTOR],
                    skills=skills,
                    phone=person.phone,
                    organisation=organisation,
                    share_contact=rng.random() < 0.6,
                    digest=rng.random() < 0.4,
                )
            )
    return tuple(specs)


IS = InterestStatus
# Expressions of interest: their final status and how many, in the order they are drawn; the
# demo diaspora account sends the last two, so that its pages have something to show.
INTEREST_PLAN = (
    [IS.COMMITTED] * 3
    + [IS.MEETING_HELD] * 5
    + [IS.IN_CONTACT] * 5
    + [IS.DECLINED] * 4
    + [IS.RECEIVED] * 6
    + [IS.IN_CONTACT, IS.RECEIVED]
)
DIASPORA_INTERESTS = 2
# An investor sends at most this many, so that the pipeline shows many different people.
INTERESTS_PER_INVESTOR = 2
# Days an opportunity must have been published for each step after the first.
DAYS_PER_STEP = 20
PATHS = {
    IS.RECEIVED: [IS.RECEIVED],
    IS.IN_CONTACT: [IS.RECEIVED, IS.IN_CONTACT],
    IS.MEETING_HELD: [IS.RECEIVED, IS.IN_CONTACT, IS.MEETING_HELD],
    IS.COMMITTED: [IS.RECEIVED, IS.IN_CONTACT, IS.MEETING_HELD, IS.COMMITTED],
    IS.DECLINED: [IS.RECEIVED, IS.IN_CONTACT, IS.DECLINED],
}
STEP_NOTES = {
    IS.IN_CONTACT: [
        "Premier échange téléphonique avec le promoteur.",
        "Plan d'affaires envoyé à l'investisseur.",
        "Mise en relation par le guichet diaspora.",
    ],
    IS.MEETING_HELD: [
        "Rencontre au guichet diaspora de San-Pédro pendant les congés de l'investisseur.",
        "Visioconférence avec le bureau de la coopérative.",
        "Visite du site avec le promoteur.",
    ],
    IS.COMMITTED: [
        "Lettre d'intention signée ; premier versement prévu au prochain trimestre.",
        "Protocole d'accord signé avec le promoteur.",
    ],
    IS.DECLINED: [
        "Le besoin dépasse le ticket de l'investisseur.",
        "L'investisseur a retenu un autre projet.",
    ],
}
MESSAGES = [
    "Bonjour, je suis originaire de la région et ce projet m'intéresse. Pourriez-vous "
    "m'envoyer le plan d'affaires ?",
    "Notre association souhaite soutenir un projet de ce type. Quel est le calendrier prévu ?",
    "Je travaille dans ce secteur depuis plusieurs années et je peux apporter un financement "
    "et des conseils.",
    "Je serai au pays en août : serait-il possible de visiter le site ?",
    "Quelle part du capital est ouverte aux investisseurs de la diaspora ?",
    "Je peux apporter une partie du financement et des contacts d'acheteurs en Europe.",
]


def seed(*, stdout) -> None:
    space = Space.objects.filter(slug=spaces_demo.CONCERTATION).first()
    if space is None:
        stdout.write("Investment: no concertation space, nothing to seed.")
        return
    with transaction.atomic():
        rates = _rates_ensure()
        officer = User.objects.get(email=OFFICER_EMAIL)
        organisations = _organisations_ensure()
        tools = _tools_ensure(space, officer, organisations)
        opportunities = _opportunities_ensure(space, officer, organisations)
        investors = _investors_ensure(organisations)
        interests = _interests_ensure(officer) + _promoter_interests_ensure(officer)
    stdout.write(
        f"Investment: {rates} new exchange rates, {len(TOOLS)} incentive tools ({tools} new), "
        f"{len(OPPORTUNITIES)} opportunities ({opportunities} new), {len(investor_specs())} "
        f"investor profiles ({investors} new), {interests} new expressions of interest."
    )


def _rates_ensure() -> int:
    created = 0
    for currency, valid_from, rate, source in RATES:
        created += ExchangeRate.objects.get_or_create(
            currency=currency,
            valid_from=valid_from,
            defaults={"rate": Decimal(rate), "source": source},
        )[1]
    return created


def _organisations_ensure() -> dict[str, Organisation]:
    countries = {c.iso2: c for c in Country.objects.all()}
    regions = {(r.country.iso2, r.name): r for r in Region.objects.select_related("country")}
    for name, acronym, kind, country, region, city in NEW_ORGANISATIONS:
        Organisation.objects.get_or_create(
            name=name,
            country=countries[country],
            defaults={
                "acronym": acronym,
                "kind": kind,
                "region": regions.get((country, region)),
                "city": city,
            },
        )
    return {organisation.name: organisation for organisation in Organisation.objects.all()}


def _tools_ensure(space, officer, organisations) -> int:
    countries = {c.iso2: c for c in Country.objects.filter(iso2__in={t.country for t in TOOLS})}
    regions = {(r.country_id, r.name): r for r in Region.objects.all()}
    existing = set(IncentiveTool.objects.filter(space=space).values_list("title", flat=True))
    created = 0
    for spec in TOOLS:
        if spec.title in existing:
            continue
        country = countries[spec.country]
        people, women, men, diaspora, residents = spec.reached
        tool = IncentiveTool.objects.create(
            space=space,
            country=country,
            region=regions.get((country.pk, spec.region)),
            kind=spec.kind,
            title=spec.title,
            description=spec.description,
            budget=Decimal(spec.budget) if spec.budget else None,
            currency=spec.currency,
            period_start=spec.period[0],
            period_end=spec.period[1],
            people_reached=people,
            women_reached=women,
            men_reached=men,
            diaspora_reached=diaspora,
            residents_reached=residents,
            projects_supported=spec.projects,
            jobs_expected=spec.jobs,
            results=spec.results,
            analysis=spec.analysis,
            visibility=spec.visibility,
            created_by=officer,
        )
        tool.partners.set([organisations[name] for name in spec.partners])
        PilotActivity.objects.bulk_create(
            PilotActivity(
                tool=tool, date=day, title=title, description=text, participants=participants
            )
            for day, title, text, participants in spec.activities
        )
        MobilisedAmount.objects.bulk_create(
            MobilisedAmount(
                tool=tool, date=day, amount=Decimal(amount), currency=currency, source=source
            )
            for day, amount, currency, source in spec.amounts
        )
        _knowledge_ensure(tool, spec, officer)
        for stage, _day, note in spec.steps:
            change_stage(tool=tool, stage=stage, actor=officer, note=note)
        _date_stage_changes(tool, [day for _stage, day, _note in spec.steps])
        created += 1
    return created


def _knowledge_ensure(tool, spec, officer) -> None:
    """The pilot's lessons and recommendations, in the knowledge register, linked to the tool and
    dated from its last step (the analysis that drew them)."""
    learned_on = spec.steps[-1][1] if spec.steps else timezone.localdate()
    common = {"space": tool.space, "visibility": tool.visibility, "created_by": officer}
    for text in spec.lessons:
        lesson = Lesson.objects.create(
            **common, title=title_from(text), statement=text, learned_on=learned_on
        )
        lesson.tools.add(tool)
    for text, addressee in spec.recommendations:
        recommendation = Recommendation.objects.create(
            **common, title=title_from(text), statement=text, addressee=addressee
        )
        recommendation.tools.add(tool)


def _date_stage_changes(tool, days: list[dt.date]) -> None:
    """The stage changes as if they were recorded on `days`, in order, at the end of the day."""
    changes = StageChange.objects.filter(tool=tool).order_by("pk")
    for change, day in zip(changes, days, strict=True):
        moment = dt.datetime.combine(day, dt.time(16, 0), tzinfo=dt.UTC)
        StageChange.objects.filter(pk=change.pk).update(at=moment)


def _opportunities_ensure(space, officer, organisations) -> int:
    regions = {r.name: r for r in Region.objects.filter(country__iso2="CI")}
    sectors = {s.code: s for s in Sector.objects.all()}
    supports = {s.code: s for s in SupportKind.objects.all()}
    existing = set(Opportunity.objects.filter(space=space).values_list("title", flat=True))
    now = timezone.now().replace(hour=9, minute=30, second=0, microsecond=0)
    created = 0
    for spec in OPPORTUNITIES:
        if spec.title in existing:
            continue
        opportunity = Opportunity.objects.create(
            space=space,
            region=regions[spec.region],
            sector=sectors[spec.sector],
            location=spec.location,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            amount_min=Decimal(spec.amounts[0]),
            amount_max=Decimal(spec.amounts[1]),
            currency=spec.currency,
            jobs_expected=spec.jobs,
            promoter_organisation=organisations[spec.promoter],
            status=spec.status,
            visibility=spec.visibility,
            published_at=now - dt.timedelta(days=spec.days_ago),
            created_by=officer,
        )
        opportunity.support_sought.set([supports[code] for code in spec.support])
        created += 1
    Opportunity.objects.filter(
        space=space, promoter_organisation__name=COOPAEM, promoter__isnull=True
    ).update(promoter=User.objects.filter(email=PROMOTER_EMAIL).first())
    return created


def _investors_ensure(organisations) -> int:
    specs = investor_specs()
    users = _investor_accounts(specs)
    existing = set(
        InvestorProfile.objects.filter(user__in=users.values()).values_list("user_id", flat=True)
    )
    countries = {c.iso2: c for c in Country.objects.all()}
    regions = {r.name: r for r in Region.objects.filter(country__iso2="CI")}
    sectors = {s.code: s for s in Sector.objects.all()}
    supports = {s.code: s for s in SupportKind.objects.all()}
    created = 0
    for spec in specs:
        user = users[spec.email]
        if user.pk in existing:
            continue
        profile = InvestorProfile.objects.create(
            user=user,
            kind=spec.kind,
            name=spec.name,
            organisation=organisations.get(spec.organisation),
            country_of_residence=countries[spec.country],
            city=spec.city,
            ticket_min=Decimal(spec.ticket[0]) if spec.ticket else None,
            ticket_max=Decimal(spec.ticket[1]) if spec.ticket else None,
            currency=spec.currency,
            skills=spec.skills,
            contact_email=spec.email,
            contact_phone=spec.phone,
            share_contact_with_officers=spec.share_contact,
            digest_opt_in=spec.digest,
        )
        profile.sectors.set([sectors[code] for code in spec.sectors])
        profile.regions.set([regions[name] for name in spec.regions])
        profile.support_offered.set([supports[code] for code in spec.support])
        created += 1
    return created


def _investor_accounts(specs) -> dict[str, User]:
    """An account per investor, tied to their person in the directory. Only the demo accounts
    can sign in: the others get no password, and no hashing slows the seed down."""
    emails = [spec.email for spec in specs]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            email=spec.email,
            full_name=spec.full_name,
            time_zone=TIME_ZONES[spec.country],
            password=unusable,
        )
        for spec in specs
        if spec.email not in existing
    )
    users = User.objects.filter(email__in=emails).in_bulk(field_name="email")
    for person in Person.objects.filter(email__in=emails, user__isnull=True):
        person.user = users[person.email]
        person.save(update_fields=["user"])
    return users


def _interests_ensure(officer) -> int:
    """The expressions of interest, each by an investor whose sectors fit when there is one,
    followed through its statuses on dates between its opportunity's publication and today.

    What is drawn depends on the specs only (not on today's date nor on what exists), so that
    a rerun draws the same pairs and finds them there."""
    rng = random.Random(2025)
    age = {spec.title: spec.days_ago for spec in OPPORTUNITIES}
    opportunities = list(
        Opportunity.objects.filter(title__in=age, visibility=Visibility.PUBLIC).order_by("title")
    )
    investors = list(
        InvestorProfile.objects.filter(user__email__in=[s.email for s in investor_specs()])
        .select_related("user")
        .prefetch_related("sectors", "support_offered")
        .order_by("user__email")
    )
    existing = set(ExpressionOfInterest.objects.values_list("opportunity_id", "investor_id"))
    diaspora = next(i for i in investors if i.user.email == DIASPORA_EMAIL)
    others = [i for i in investors if i != diaspora]
    sent = dict.fromkeys(others, 0)
    today = timezone.localdate()
    created, taken = 0, set()
    for number, status in enumerate(INTEREST_PLAN):
        path = PATHS[status]
        statuses = {OS.FUNDED, OS.IN_DISCUSSION} if status == IS.COMMITTED else ACCEPTING_INTEREST
        pool = [
            o
            for o in opportunities
            if o.status in statuses and age[o.title] >= DAYS_PER_STEP * (len(path) - 1)
        ]
        key = None
        while key is None or key in taken:  # one expression per investor and opportunity
            opportunity = rng.choice(pool)
            if number >= len(INTEREST_PLAN) - DIASPORA_INTERESTS:
                investor = diaspora
            else:
                free = [i for i in others if sent[i] < INTERESTS_PER_INVESTOR]
                fitting = [i for i in free if opportunity.sector in i.sectors.all()]
                investor = rng.choice(fitting or free)
            key = (opportunity.pk, investor.pk)
        taken.add(key)
        if investor in sent:
            sent[investor] += 1
        if key in existing:
            continue
        # Its own random draws, so that a rerun that skips it draws the others the same way.
        _interest_create(opportunity, investor, path, officer, random.Random(number), today)
        created += 1
    return created


def _promoter_interests_ensure(officer) -> int:
    """Two investors in cocoa write to the Méagui cooperative, so that its promoter's account has
    interests to follow: one just received, one already in contact."""
    opportunity = Opportunity.objects.get(title=MEAGUI_DRYERS)
    investors = (
        InvestorProfile.objects.filter(
            user__email__in=[s.email for s in investor_specs()], sectors__code="cocoa-coffee"
        )
        .exclude(user__email=DIASPORA_EMAIL)
        .order_by("user__email")
    )
    created = 0
    for number, (investor, status) in enumerate(
        zip(investors, [IS.RECEIVED, IS.IN_CONTACT], strict=False)
    ):
        if opportunity.interests.filter(investor=investor).exists():
            continue
        rng = random.Random(100 + number)
        _interest_create(opportunity, investor, PATHS[status], officer, rng, timezone.localdate())
        created += 1
    return created


def _interest_create(opportunity, investor, path, officer, rng, today) -> None:
    published = timezone.localdate(opportunity.published_at)
    available = (today - published).days
    first = published + dt.timedelta(days=min(rng.randint(1, 20), available // 3))
    gap = max((today - first).days // (len(path) + 1), 0)
    days = [first + dt.timedelta(days=gap * step) for step in range(len(path))]
    offered = set(investor.support_offered.all())
    interest = ExpressionOfInterest.objects.create(
        opportunity=opportunity,
        investor=investor,
        message=rng.choice(MESSAGES),
        amount_considered=_amount_considered(investor, opportunity),
        currency=investor.currency,
        share_contact=rng.random() < 0.85,
        status=path[-1],
        status_changed_at=_moment(days[-1]),
    )
    interest.support_offered.set(offered & set(opportunity.support_sought.all()) or offered)
    ExpressionOfInterest.objects.filter(pk=interest.pk).update(created_at=_moment(days[0]))
    previous = ""
    for status, day in zip(path, days, strict=True):
        change = InterestStatusChange.objects.create(
            interest=interest,
            from_status=previous,
            to_status=status,
            date=day,
            note=rng.choice(STEP_NOTES[status]) if status in STEP_NOTES else "",
            by=investor.user if status == IS.RECEIVED else officer,
        )
        InterestStatusChange.objects.filter(pk=change.pk).update(at=_moment(day))
        previous = status


def _amount_considered(investor, opportunity) -> Decimal | None:
    """The top of the investor's ticket, but no more than the opportunity asks for."""
    if investor.ticket_max is None or investor.currency != opportunity.currency:
        return investor.ticket_max
    return min(investor.ticket_max, opportunity.amount_max)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)
