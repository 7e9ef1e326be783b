"""The demo logframe of the follow-up committee: one impact measured by hand, the outcomes
computed from the meetings, plans, tools and investments of the demo, and one output entered per
semester with its sources. Seeding again changes nothing already there."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction

from palabre.accounts.models import User
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Space
from palabre.territories.models import Country

from .models import Comparison, Frequency, Indicator, IndicatorValue, Level, Method, Unit

SECRETARIAT_EMAIL = "secretariat@example.org"
START, END = dt.date(2024, 3, 1), dt.date(2027, 6, 30)
PARTICIPATION = ["gender", "college", "country", "origin", "mode", "meeting_kind"]
COUNTRIES = ["CI", "MA", "ML", "SN"]

COMPUTED = [
    # code, level, title, rule, unit, target, dimensions, definition
    (
        "R1",
        Level.OUTCOME,
        "Nombre de personnes ayant participé aux réunions, formations et forums",
        "unique_participants",
        Unit.NUMBER,
        500,
        PARTICIPATION,
        "Chaque personne compte une fois, quel que soit le nombre de rencontres suivies.",
    ),
    (
        "R1.1",
        Level.OUTCOME,
        "Part des femmes parmi les participants",
        "women_share",
        Unit.PERCENT,
        20,
        ["gender"],
        "Calculée sur les participants dont le genre est renseigné.",
    ),
    (
        "R2",
        Level.OUTCOME,
        "Outils incitatifs pilotés, analysés et capitalisés par pays",
        "tools_capitalised_per_country",
        Unit.NUMBER,
        3,
        ["tool_country", "tool_kind"],
        "Au moins trois outils capitalisés dans chacun des quatre pays du programme.",
    ),
    (
        "R3",
        Level.OUTCOME,
        "Activités réalisées par plan d'action bilatéral",
        "activities_per_bilateral_plan",
        Unit.NUMBER,
        3,
        ["plan"],
        "Actions achevées au titre de chaque plan bilatéral ; le plan le moins avancé fait foi.",
    ),
    (
        "R4",
        Level.OUTCOME,
        "Réunions tenues dont le compte rendu est approuvé",
        "meetings_with_approved_minutes",
        Unit.NUMBER,
        8,
        ["meeting_kind", "mode"],
        "Réunions non annulées dont le compte rendu a été approuvé.",
    ),
    (
        "R5",
        Level.OUTCOME,
        "Manifestations d'intérêt de la diaspora devenues des engagements",
        "interests_committed",
        Unit.NUMBER,
        10,
        ["region", "country", "sector"],
        "Manifestations d'intérêt passées au statut « engagé » et non déclinées depuis.",
    ),
    (
        "R6",
        Level.OUTCOME,
        "Montants mobilisés par les outils incitatifs",
        "amounts_mobilised",
        Unit.AMOUNT,
        250_000_000,
        ["tool_country", "source"],
        "Convertis en francs CFA au taux en vigueur à la date de chaque montant.",
    ),
]

IMPACT_VALUES = [
    ("2024", "18", "Revue des plans régionaux de développement 2024, secrétariat du comité"),
    ("2025", "27", "Revue des plans régionaux de développement 2025, secrétariat du comité"),
]
TRAINED_VALUES = [
    ("2024-S1", "6", "Feuilles d'émargement de la formation des membres, avril 2024"),
    ("2024-S2", "14", "Feuilles d'émargement des formations d'octobre et novembre 2024"),
    ("2025-S1", "21", "Rapport de formation du cabinet Conseil Lagune, mai 2025"),
    ("2025-S2", "29", "Attestations de formation délivrées, décembre 2025"),
    ("2026-S1", "34", "Feuilles d'émargement de la session de mars 2026"),
    ("2026-S2", "38", "Feuilles d'émargement de la session d'octobre 2026"),
]
EVIDENCE_PERIOD = "2025-S1"
EVIDENCE = (
    "Formation des membres du comité de suivi — mai 2025\n"
    "Session;Lieu;Membres formés;dont femmes\n"
    "Gouvernance du comité;San-Pédro;4;2\n"
    "Suivi des indicateurs;Abidjan;3;1\n"
)


def seed(stdout=None) -> None:
    space = Space.objects.filter(slug=spaces_demo.COMMITTEE).first()
    if space is None:
        if stdout:
            stdout.write("Indicators: no committee space, nothing to seed.")
        return
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    with transaction.atomic():
        created = _computed(space)
        impact, new = _indicator(
            space,
            "IMP1",
            order=0,
            level=Level.IMPACT,
            title=(
                "Part des conseils régionaux intégrant la migration dans leur plan de développement"
            ),
            unit=Unit.PERCENT,
            method=Method.ENTERED,
            baseline=Decimal(10),
            baseline_date=dt.date(2023, 12, 31),
            target=Decimal(50),
            frequency=Frequency.YEAR,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2027, 12, 31),
            means_of_verification="Revue annuelle des plans régionaux de développement.",
        )
        created += new
        trained, new = _indicator(
            space,
            "P1",
            order=20,
            level=Level.OUTPUT,
            title="Nombre de membres du comité formés",
            unit=Unit.NUMBER,
            method=Method.ENTERED,
            target=Decimal(40),
            frequency=Frequency.SEMESTER,
            start_date=START,
            end_date=END,
            means_of_verification="Feuilles d'émargement et attestations de formation.",
        )
        created += new
        values = 0
        if secretariat is not None:
            values = _values(impact, IMPACT_VALUES, secretariat) + _values(
                trained, TRAINED_VALUES, secretariat
            )
    if stdout:
        stdout.write(
            f"Indicators: {len(COMPUTED) + 2} indicators of the logframe ({created} new), "
            f"{values} new values entered by hand."
        )


def _indicator(space, code: str, **fields) -> tuple[Indicator, int]:
    indicator, created = Indicator.objects.get_or_create(space=space, code=code, defaults=fields)
    return indicator, int(created)


def _computed(space) -> int:
    created = 0
    countries = list(Country.objects.filter(iso2__in=COUNTRIES))
    for order, (code, level, title, rule, unit, target, dimensions, description) in enumerate(
        COMPUTED, start=1
    ):
        indicator, new = _indicator(
            space,
            code,
            order=order,
            level=level,
            title=title,
            description=description,
            unit=unit,
            method=Method.COMPUTED,
            rule=rule,
            comparison=Comparison.AT_LEAST,
            target=Decimal(target),
            frequency=Frequency.SEMESTER,
            start_date=START,
            end_date=END,
            dimensions=dimensions,
            means_of_verification="Calculé par Palabre à partir des données de la plateforme.",
        )
        if new and rule == "tools_capitalised_per_country":
            indicator.countries.set(countries)
        created += new
    return created


def _values(indicator: Indicator, rows, author) -> int:
    created = 0
    for period, value, source in rows:
        entry, new = IndicatorValue.objects.get_or_create(
            indicator=indicator,
            period=period,
            defaults={"value": Decimal(value), "source": source, "recorded_by": author},
        )
        if new and indicator.code == "P1" and period == EVIDENCE_PERIOD:
            entry.evidence.save(
                "emargement-formation-2025-05.csv", ContentFile(EVIDENCE.encode()), save=True
            )
        created += int(new)
    return created
