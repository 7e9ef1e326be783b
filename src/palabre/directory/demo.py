"""Demo organisations and about 300 invented people.

Every name is invented (names drawn from common Ivorian and West African first and last names);
e-mails are at example.org. A fixed random seed makes the same people come out on every run, so
that seeding twice finds them by e-mail and creates nothing.
"""

import datetime as dt
import functools
import random
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction

from palabre.territories.models import Country, Language, Region, Sector

from .models import ConsentRecord, Gender, Organisation, OrganisationKind, Person
from .names import normalise_name

PEOPLE_COUNT = 300
DIASPORA_SHARE = 0.4
CONSENT_PURPOSE = "Inscription à l'annuaire de l'espace de concertation"

K = OrganisationKind

# (name, acronym, kind, country, region, city)
ORGANISATIONS = [
    ("Conseil régional de San-Pédro", "", K.REGIONAL_COUNCIL, "CI", "San-Pédro", "San-Pédro"),
    ("Conseil régional de la Nawa", "", K.REGIONAL_COUNCIL, "CI", "Nawa", "Soubré"),
    ("Conseil régional du Cavally", "", K.REGIONAL_COUNCIL, "CI", "Cavally", "Guiglo"),
    ("Assemblée des Régions de Côte d'Ivoire", "ARDCI", K.REGIONS_ASSOCIATION, "CI", "", "Abidjan"),
    (
        "Direction Générale des Ivoiriens de l'Extérieur",
        "DGIE",
        K.STATE_SERVICE,
        "CI",
        "",
        "Abidjan",
    ),
    ("Préfecture de la région de San-Pédro", "", K.STATE_SERVICE, "CI", "San-Pédro", "San-Pédro"),
    (
        "Direction régionale de l'Agriculture de la Nawa",
        "",
        K.STATE_SERVICE,
        "CI",
        "Nawa",
        "Soubré",
    ),
    (
        "Direction régionale du Commerce et de l'Industrie du Cavally",
        "",
        K.STATE_SERVICE,
        "CI",
        "Cavally",
        "Guiglo",
    ),
    ("Guichet régional de promotion des investissements", "", K.STATE_SERVICE, "CI", "", "Abidjan"),
    # Chambers of commerce sit with companies in the private-sector college; no kind of their own.
    (
        "Chambre de commerce et d'industrie – délégation de San-Pédro",
        "",
        K.OTHER,
        "CI",
        "San-Pédro",
        "San-Pédro",
    ),
    ("Chambre régionale d'agriculture du Bas-Sassandra", "", K.OTHER, "CI", "Nawa", "Soubré"),
    ("Coopérative agricole Espoir de Méagui", "COOPAEM", K.COMPANY, "CI", "Nawa", "Méagui"),
    (
        "Société de transformation du cacao du Bas-Sassandra",
        "STCB",
        K.COMPANY,
        "CI",
        "San-Pédro",
        "San-Pédro",
    ),
    ("Hévéa Cavally Services", "", K.COMPANY, "CI", "Cavally", "Guiglo"),
    ("San-Pédro Logistique Portuaire", "", K.COMPANY, "CI", "San-Pédro", "San-Pédro"),
    ("Nawa Agro-Industrie", "", K.COMPANY, "CI", "Nawa", "Soubré"),
    ("Diaspora Invest Conseil", "", K.COMPANY, "FR", "", "Paris"),
    ("ONG Femmes actives du Cavally", "", K.CIVIL_SOCIETY, "CI", "Cavally", "Bloléquin"),
    ("Jeunesse et développement de la Nawa", "JEDENA", K.CIVIL_SOCIETY, "CI", "Nawa", "Buyo"),
    (
        "Réseau des organisations de la société civile de San-Pédro",
        "ROSCI-SP",
        K.CIVIL_SOCIETY,
        "CI",
        "San-Pédro",
        "San-Pédro",
    ),
    (
        "Centre de recherche sur les migrations et le développement",
        "CERMID",
        K.RESEARCH,
        "CI",
        "",
        "Abidjan",
    ),
    ("Agence de coopération (partenaire technique)", "", K.PARTNER, "CI", "", "Abidjan"),
    ("Bailleur de fonds (partenaire financier)", "", K.PARTNER, "CI", "", "Abidjan"),
    (
        "Programme de coopération Sud-Sud (partenaire de mise en œuvre)",
        "",
        K.PARTNER,
        "MA",
        "",
        "Rabat",
    ),
]

# Invented associations; any resemblance to a real one is accidental.
DIASPORA_ASSOCIATIONS = [
    ("Association des ressortissants de Nawa en Île-de-France", "ARNIF", "FR", "Paris"),
    ("Collectif des originaires du Cavally en France", "COCAF", "FR", "Lyon"),
    ("Amicale des San-Pédriens de Marseille", "", "FR", "Marseille"),
    ("Associazione ivoriana di Lombardia per lo sviluppo", "AILS", "IT", "Milan"),
    ("Union des ressortissants du Bas-Sassandra en Italie", "URBSI", "IT", "Brescia"),
    ("Ivorian Diaspora Network of Greater New York", "IDN-NY", "US", "New York"),
    ("Cavally Atlanta Development Circle", "", "US", "Atlanta"),
    ("Association des Ivoiriens de la Nawa au Québec", "AINQ", "CA", "Montréal"),
    ("Diaspora ivoirienne d'Ottawa-Gatineau pour le développement", "DIOG", "CA", "Ottawa"),
    ("Communauté des originaires du Bas-Sassandra à Ouagadougou", "", "BF", "Ouagadougou"),
    ("Amicale des originaires de Soubré à Bobo-Dioulasso", "", "BF", "Bobo-Dioulasso"),
    ("Association des cadres et étudiants ivoiriens de Rabat", "ACEIR", "MA", "Rabat"),
    ("Cercle des entrepreneurs ivoiriens de Casablanca", "", "MA", "Casablanca"),
    ("Association des Ivoiriens de l'Ouest à Bamako", "", "ML", "Bamako"),
    ("Collectif des Ivoiriens de Dakar pour le développement local", "", "SN", "Dakar"),
    ("Association Cavally-Belgique", "", "BE", "Bruxelles"),
    ("Ivorische Diaspora Rhein-Main", "", "DE", "Francfort"),
]

# How many of the diaspora live in each country, and where.
DIASPORA_COUNTRIES = {
    "FR": (34, ["Paris", "Lyon", "Marseille", "Créteil", "Montreuil", "Bordeaux", "Lille"]),
    "IT": (14, ["Milan", "Brescia", "Rome", "Turin", "Bergame"]),
    "US": (14, ["New York", "Atlanta", "Houston", "Washington", "Philadelphie"]),
    "CA": (14, ["Montréal", "Ottawa", "Gatineau", "Québec", "Toronto"]),
    "BF": (10, ["Ouagadougou", "Bobo-Dioulasso"]),
    "MA": (10, ["Rabat", "Casablanca", "Tanger", "Agadir"]),
    "ML": (6, ["Bamako", "Kayes"]),
    "SN": (6, ["Dakar", "Thiès"]),
    "BE": (7, ["Bruxelles", "Liège", "Anvers"]),
    "DE": (5, ["Francfort", "Berlin", "Cologne"]),
}
DIASPORA_LANGUAGE = {
    "IT": "it",
    "US": "en",
    "CA": "en",
    "DE": "de",
    "MA": "ar",
    "BF": "mos",
    "ML": "bm",
    "SN": "wo",
}

# Capitals appear twice: more people live there.
RESIDENT_CITIES = {
    "San-Pédro": ["San-Pédro", "Tabou", "Grand-Béréby", "San-Pédro", "Abidjan"],
    "Nawa": ["Soubré", "Méagui", "Buyo", "Gueyo", "Soubré", "Abidjan"],
    "Cavally": ["Guiglo", "Bloléquin", "Toulepleu", "Taï", "Guiglo", "Abidjan"],
}
REGION_LANGUAGES = {"San-Pédro": ["kro", "bet"], "Nawa": ["bet", "bci"], "Cavally": ["gku"]}

WOMEN = [
    "Akissi", "Adjoua", "Aya", "Amenan", "Affoué", "Ahou", "Amoin", "Fatoumata", "Mariam",
    "Aminata", "Awa", "Kadiatou", "Salimata", "Rokia", "Bintou", "Assita", "Djénéba", "Christelle",
    "Estelle", "Prisca", "Clarisse", "Nadège", "Solange", "Raïssa", "Aïcha", "Ndèye", "Fatou",
    "Oumou", "Sanata", "Edwige", "Yolande", "Marie-Claire", "Ange", "Larissa", "Sylvie", "Mireille",
]  # fmt: skip
MEN = [
    "Koffi", "Yao", "Kouadio", "Kouamé", "Konan", "N'Dri", "Seydou", "Ibrahim", "Moussa",
    "Souleymane", "Adama", "Drissa", "Lassina", "Bakary", "Mamadou", "Ousmane", "Abdoulaye",
    "Yacouba", "Serge", "Didier", "Jean-Baptiste", "Hervé", "Arsène", "Armand", "Patrice", "Zié",
    "Sylvain", "Fabrice", "Landry", "Wilfried", "Brice", "Modeste", "Emmanuel", "Boubacar",
    "Gervais", "Innocent", "Thierry", "Aristide", "Blaise", "Cyrille",
]  # fmt: skip
# Families from the north and the Sahel, who often speak Dioula as well.
NORTHERN = [
    "Koné", "Traoré", "Ouattara", "Bamba", "Diabaté", "Coulibaly", "Touré", "Konaté", "Doumbia",
    "Soro", "Sangaré", "Cissé", "Fofana", "Dembélé", "Silué", "Yéo",
]  # fmt: skip
SOUTHERN = [
    "Kouassi", "Yao", "N'Guessan", "Gnahoré", "Zadi", "Tapé", "Kouamé", "Konan", "Koffi", "Aka",
    "Assi", "Brou", "Djédjé", "Dago", "Dibi", "Goré", "Kra", "Lago", "Niamké", "Séri", "Tra",
    "Zoro", "Gnagne", "Digbeu", "Oulaï", "Guéhi", "Tahi", "Bléhoué", "Kipré", "Gbeuly",
]  # fmt: skip

# Positions as "masculine/feminine"; people of unknown gender get the first form.
DIASPORA_POSITIONS = [
    "Président de l'association/Présidente de l'association",
    "Secrétaire général/Secrétaire générale", "Trésorier/Trésorière",
    "Chargé de projets/Chargée de projets",
    "Entrepreneur/Entrepreneure", "Ingénieur/Ingénieure", "Infirmier/Infirmière",
    "Étudiant/Étudiante", "Consultant/Consultante", "Comptable/Comptable",
    "Chef cuisinier/Cheffe cuisinière", "Développeur/Développeuse", "Enseignant/Enseignante",
    "Membre du bureau/Membre du bureau",
]  # fmt: skip
POSITIONS_BY_KIND = {
    K.REGIONAL_COUNCIL: [
        "Vice-président du conseil régional/Vice-présidente du conseil régional",
        "Directeur de la planification/Directrice de la planification",
        "Chargé de la coopération décentralisée/Chargée de la coopération décentralisée",
        "Conseiller régional/Conseillère régionale",
        "Chef du service économique/Cheffe du service économique",
        "Chargé de la diaspora/Chargée de la diaspora",
    ],
    K.REGIONS_ASSOCIATION: [
        "Chargé de programme/Chargée de programme", "Conseiller technique/Conseillère technique",
        "Juriste/Juriste",
    ],
    K.STATE_SERVICE: [
        "Directeur régional/Directrice régionale", "Sous-directeur/Sous-directrice",
        "Chef de service/Cheffe de service", "Attaché d'administration/Attachée d'administration",
    ],
    K.COMPANY: [
        "Directeur général/Directrice générale", "Gérant/Gérante",
        "Responsable commercial/Responsable commerciale",
        "Chef d'exploitation/Cheffe d'exploitation",
    ],
    K.OTHER: [
        "Délégué consulaire/Déléguée consulaire", "Chargé des entreprises/Chargée des entreprises",
        "Secrétaire général/Secrétaire générale",
    ],
    K.CIVIL_SOCIETY: [
        "Coordinateur/Coordinatrice", "Président/Présidente", "Animateur/Animatrice",
        "Chargé de plaidoyer/Chargée de plaidoyer",
    ],
    K.RESEARCH: ["Chercheur/Chercheuse", "Enseignant-chercheur/Enseignante-chercheuse"],
    K.PARTNER: [
        "Chargé de programme/Chargée de programme",
        "Expert en migration et développement/Experte en migration et développement",
    ],
}  # fmt: skip


def gendered(position: str, gender: str) -> str:
    masculine, feminine = position.split("/")
    return feminine if gender == Gender.FEMALE else masculine


# Where residents work, by kind of organisation (weights); the rest have no organisation.
RESIDENT_KIND_WEIGHTS = {
    K.REGIONAL_COUNCIL: 30,
    K.REGIONS_ASSOCIATION: 6,
    K.STATE_SERVICE: 24,
    K.COMPANY: 28,
    K.OTHER: 8,
    K.CIVIL_SOCIETY: 30,
    K.RESEARCH: 5,
    K.PARTNER: 6,
    None: 43,
}
CONSENT_SOURCES = [
    "Fiche d'inscription signée",
    "Formulaire d'inscription en ligne",
    "Liste d'émargement de l'atelier de lancement",
]


@dataclass
class PersonSpec:
    first_name: str
    last_name: str
    email: str
    gender: str
    country: str
    city: str
    region: str | None
    organisation: str | None
    position: str
    phone: str
    sectors: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    consent_at: dt.datetime | None = None
    consent_source: str = ""

    @property
    def is_diaspora(self) -> bool:
        return self.country != "CI"


def ascii_slug(text: str) -> str:
    """An e-mail local part: "N'Guessan" gives "nguessan", "Jean-Baptiste" "jean-baptiste"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c for c in text if c.isalnum() or c == "-")


def demo_email(first_name: str, last_name: str, taken: set[str]) -> str:
    stem = f"{ascii_slug(first_name)}.{ascii_slug(last_name)}"
    email, number = f"{stem}@example.org", 1
    while email in taken:
        number += 1
        email = f"{stem}{number}@example.org"
    taken.add(email)
    return email


# Mobile prefix and number of digits that follow it, per country of residence.
MOBILE_FORMATS = {
    "IT": ("+393", 9),
    "BF": ("+2267", 7),
    "MA": ("+2126", 8),
    "ML": ("+2237", 7),
    "SN": ("+22177", 7),
    "BE": ("+324", 8),
    "DE": ("+4915", 9),
}


def demo_phone(rng: random.Random, country: str) -> str:
    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    # France and North America have ranges reserved for fiction; we use them.
    if country == "FR":
        return "+3363998" + digits(4)
    if country in ("US", "CA"):
        area = rng.choice(["212", "404", "713"] if country == "US" else ["514", "613", "416"])
        return f"+1{area}55501{digits(2)}"
    if country == "CI":
        return "+225" + rng.choice(["07", "05", "01"]) + digits(8)
    prefix, length = MOBILE_FORMATS[country]
    return prefix + digits(length)


@functools.cache
def people_specs() -> tuple[PersonSpec, ...]:
    """The demo people, always the same ones (fixed seed), in a stable order."""
    rng = random.Random(2026)
    orgs_by_kind: dict[str, list[tuple]] = {}
    for org in ORGANISATIONS:
        orgs_by_kind.setdefault(org[2], []).append(org)
    associations_by_country: dict[str, list[str]] = {}
    for name, _acronym, country, _city in DIASPORA_ASSOCIATIONS:
        associations_by_country.setdefault(country, []).append(name)

    diaspora_countries = [c for c, (n, _cities) in DIASPORA_COUNTRIES.items() for _ in range(n)]
    resident_count = PEOPLE_COUNT - len(diaspora_countries)
    kinds, weights = zip(*RESIDENT_KIND_WEIGHTS.items(), strict=True)
    regions = list(RESIDENT_CITIES)
    taken: set[str] = set()
    specs = []
    for index in range(PEOPLE_COUNT):
        roll = rng.random()
        gender = Gender.FEMALE if roll < 0.33 else Gender.MALE if roll < 0.97 else ""
        first_names = {Gender.FEMALE: WOMEN, Gender.MALE: MEN}.get(gender, WOMEN + MEN)
        first_name = rng.choice(first_names)
        last_name = rng.choice(NORTHERN if rng.random() < 0.35 else SOUTHERN)
        region = rng.choice(regions)
        sectors = rng.sample(
            ["cocoa-coffee", "rubber-palm", "agri-processing", "agriculture", "trade", "digital",
             "education", "health", "finance", "construction", "fisheries", "crafts", "energy"],
            rng.randint(1, 3),
        )  # fmt: skip
        languages = ["fr"]
        if last_name in NORTHERN:
            languages.append("dyu")
        elif rng.random() < 0.6:
            languages.append(rng.choice(REGION_LANGUAGES[region]))

        if index >= resident_count:
            country = diaspora_countries[index - resident_count]
            city = rng.choice(DIASPORA_COUNTRIES[country][1])
            associations = associations_by_country.get(country, [])
            organisation = rng.choice(associations) if associations and rng.random() < 0.7 else None
            position = gendered(rng.choice(DIASPORA_POSITIONS), gender)
            if country in DIASPORA_LANGUAGE and rng.random() < 0.7:
                languages.append(DIASPORA_LANGUAGE[country])
            sectors.append("migration")
        else:
            country = "CI"
            kind = rng.choices(kinds, weights)[0]
            candidates = orgs_by_kind.get(kind, [])
            # People work for an organisation of their own region when there is one.
            local = [o for o in candidates if o[4] == region]
            org = rng.choice(local or candidates) if candidates else None
            organisation = org[0] if org else None
            city = org[5] if org else rng.choice(RESIDENT_CITIES[region])
            position = gendered(rng.choice(POSITIONS_BY_KIND[kind]), gender) if org else ""
        consent_at = None
        if rng.random() < 0.88:
            consent_at = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC) + dt.timedelta(
                days=rng.randint(0, 600), minutes=rng.randint(0, 600)
            )
        specs.append(
            PersonSpec(
                first_name=first_name,
                last_name=last_name,
                email=demo_email(first_name, last_name, taken),
                gender=gender,
                country=country,
                city=city,
                region=region if rng.random() < 0.96 or country != "CI" else None,
                organisation=organisation,
                position=position,
                phone=demo_phone(rng, country) if rng.random() < 0.85 else "",
                sectors=sorted(set(sectors)),
                languages=languages,
                consent_at=consent_at,
                consent_source=rng.choice(CONSENT_SOURCES),
            )
        )
    return tuple(specs)


def seed(*, stdout) -> None:
    countries = {c.iso2: c for c in Country.objects.all()}
    regions = {r.name: r for r in Region.objects.filter(country__iso2="CI")}
    organisations = _seed_organisations(countries, regions)
    created = _seed_people(people_specs(), countries, regions, organisations)
    stdout.write(
        f"Directory: {len(organisations)} organisations, {len(people_specs())} people "
        f"({created} new)."
    )


def _seed_organisations(countries, regions) -> dict[str, Organisation]:
    rows = ORGANISATIONS + [
        (name, acronym, K.DIASPORA_ASSOCIATION, country, "", city)
        for name, acronym, country, city in DIASPORA_ASSOCIATIONS
    ]
    organisations = {}
    for name, acronym, kind, country, region, city in rows:
        organisations[name], _created = Organisation.objects.get_or_create(
            name=name,
            country=countries[country],
            defaults={
                "acronym": acronym,
                "kind": kind,
                "region": regions.get(region),
                "city": city,
            },
        )
    return organisations


@transaction.atomic
def _seed_people(specs, countries, regions, organisations) -> int:
    """Creates the people missing from the directory, in bulk; existing ones are left alone."""
    existing = set(
        Person.objects.filter(email__in=[s.email for s in specs]).values_list("email", flat=True)
    )
    new_specs = [s for s in specs if s.email not in existing]
    if not new_specs:
        return 0
    # bulk_create skips Person.save(), so the search key is computed here.
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=s.first_name,
                last_name=s.last_name,
                normalised_name=normalise_name(s.first_name, s.last_name),
                email=s.email,
                phone=s.phone,
                gender=s.gender,
                organisation=organisations.get(s.organisation),
                position=s.position,
                country_of_residence=countries[s.country],
                city_of_residence=s.city,
                region_of_attachment=regions.get(s.region),
            )
            for s in new_specs
        ]
    )
    sectors = {s.code: s.pk for s in Sector.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    Person.sectors.through.objects.bulk_create(
        [
            Person.sectors.through(person_id=p.pk, sector_id=sectors[code])
            for p, s in zip(people, new_specs, strict=True)
            for code in s.sectors
        ]
    )
    Person.languages.through.objects.bulk_create(
        [
            Person.languages.through(person_id=p.pk, language_id=languages[code])
            for p, s in zip(people, new_specs, strict=True)
            for code in s.languages
        ]
    )
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                person=p, purpose=CONSENT_PURPOSE, given_at=s.consent_at, source=s.consent_source
            )
            for p, s in zip(people, new_specs, strict=True)
            if s.consent_at
        ]
    )
    return len(people)
