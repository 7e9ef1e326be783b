"""Directory benchmark: list, home, export and import timed on a scratch database of N people.

    .venv/bin/python benchmarks/run.py [--people N] [--database-url URL]

Speed and memory are measured here, on demand, never by timed unit tests. Without
--database-url the scratch database is SQLite in a temporary PALABRE_DATA_DIR, so ./data is
never touched; a PostgreSQL database is dropped and created again, hence its name must contain
"bench". The results replace this benchmark's section of BENCHMARKS.md (other sections stay).
"""

import argparse
import csv
import io
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "BENCHMARKS.md"
REQUESTS = 20
IMPORT_ROWS = 5000
SECRETARIAT = "secretariat@example.org"
# Settled once, so that two runs build the same directory and their numbers compare.
SEED = 20261122

FEMALE_NAMES = [
    "Aya", "Adjoua", "Affoué", "Amenan", "Akissi", "Ahou", "Christelle", "Nadège", "Mariam",
    "Fatoumata", "Awa", "Estelle", "Prisca", "Zoé", "Hélène", "Bérénice", "Rokia", "Clarisse",
    "Edwige", "Murielle", "Josiane", "Solange", "Salimata", "Aminata",
]  # fmt: skip
MALE_NAMES = [
    "Kouadio", "Kouakou", "Yao", "Koffi", "Konan", "Serge", "Hervé", "Arsène", "Didier",
    "Jérôme", "Moussa", "Ibrahim", "Sékou", "Souleymane", "Armand", "Fréjus", "Noël", "Élie",
    "Landry", "Fabrice", "Thierry", "Brice", "Modeste", "Zié",
]  # fmt: skip
LAST_NAMES = [
    "Kouassi", "Koffi", "Yao", "Konan", "Kouamé", "N'Guessan", "Aka", "Tapé", "Gnahoré",
    "Bamba", "Koné", "Traoré", "Diabaté", "Coulibaly", "Touré", "Doumbia", "Zadi", "Séri",
    "Dago", "Bléhoué", "Gnagne", "Kacou", "Assi", "Loukou", "Ehui", "Amani", "Brou", "Tanoh",
    "Yapi", "Zoro", "Gohi", "Digbeu", "Oulaï", "Gueu", "Kipré", "Dibi", "Lago", "Méité",
]  # fmt: skip
CITIES = {
    "CI": ["San-Pédro", "Soubré", "Guiglo", "Méagui", "Buyo", "Tabou", "Abidjan", "Duékoué"],
    "FR": ["Paris", "Lyon", "Marseille", "Lille", "Bordeaux", "Montreuil"],
    "US": ["New York", "Atlanta", "Houston", "Washington"],
    "CA": ["Montréal", "Ottawa", "Québec"],
    "BE": ["Bruxelles", "Liège"],
    "IT": ["Milan", "Turin"],
    "DE": ["Berlin", "Francfort"],
    "GB": ["Londres", "Manchester"],
    "MA": ["Casablanca", "Rabat"],
    "SN": ["Dakar"],
    "BF": ["Ouagadougou", "Bobo-Dioulasso"],
}
# Where people live: most in Côte d'Ivoire, the diaspora mostly in France and North America.
RESIDENCE_WEIGHTS = {
    "CI": 55, "FR": 18, "US": 6, "CA": 5, "BE": 3, "IT": 3, "DE": 2, "GB": 2, "MA": 2,
    "SN": 2, "BF": 2,
}  # fmt: skip
# A national number that phonenumbers accepts, per country: (prefixes, digits after them).
MOBILE_PLANS = {
    "CI": (["+22507", "+22505", "+22501"], 8),
    "FR": (["+336", "+337"], 8),
    "US": (["+1404", "+1713", "+1212"], 7),
    "CA": (["+1514", "+1613"], 7),
    "BE": (["+32470", "+32485"], 6),
    "IT": (["+39347", "+39333"], 7),
    "DE": (["+49151", "+49170"], 8),
    "GB": (["+447700"], 6),
    "MA": (["+2126"], 8),
    "SN": (["+22177"], 7),
    "BF": (["+22670"], 6),
}
ORGANISATION_PATTERNS = [
    ("Association des ressortissants de {place} à {city}", "diaspora_association"),
    ("Coopérative agricole de {place} n° {n}", "company"),
    ("Collectif des jeunes de {place} n° {n}", "civil_society"),
    ("Union des femmes de {place} n° {n}", "civil_society"),
    ("Groupement des planteurs de {place} n° {n}", "company"),
    ("Amicale des cadres de {place} à {city}", "diaspora_association"),
]
PLACES = ["San-Pédro", "Soubré", "Guiglo", "Méagui", "Buyo", "Tabou", "Taï", "Bloléquin"]
IMPORT_HEADER = [
    "Prénom",
    "Nom",
    "Sexe",
    "E-mail",
    "Téléphone",
    "Pays de résidence",
    "Organisation",
]
IMPORT_COUNTRY_NAMES = {
    "CI": "Côte d'Ivoire",
    "FR": "France",
    "US": "États-Unis",
    "CA": "Canada",
    "BE": "Belgique",
    "IT": "Italie",
    "DE": "Allemagne",
    "GB": "Royaume-Uni",
    "MA": "Maroc",
    "SN": "Sénégal",
    "BF": "Burkina Faso",
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=10_000, help="People in the directory.")
    parser.add_argument(
        "--database-url",
        help="A PostgreSQL URL whose database name contains 'bench' (dropped and created "
        "again). Default: SQLite in a temporary directory.",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="Print the results, leave BENCHMARKS.md alone."
    )
    return parser.parse_args(argv)


def configure(database_url: str | None, data_dir: Path) -> None:
    """Environment for palabre.settings, set before Django reads it (it wins over any .env)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "palabre.settings"
    os.environ["PALABRE_DATA_DIR"] = str(data_dir)
    os.environ["MEDIA_ROOT"] = str(data_dir / "media")
    os.environ["STATIC_ROOT"] = str(data_dir / "static")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "ERROR"
    os.environ.pop("REDIS_URL", None)  # jobs run in-process
    if database_url:
        recreate_postgres_database(database_url)
    import django

    django.setup()


def recreate_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit(f"Only PostgreSQL URLs are accepted, not {parts.scheme}.")
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to drop the database {name!r}: its name must contain 'bench'.")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass
class FakePerson:
    first_name: str
    last_name: str
    gender: str
    email: str
    phone: str
    country: str
    city: str


def fake_people(
    rng: random.Random,
    count: int,
    email_tag: str,
    without_email: float = 0.1,
    taken_names: set[str] | None = None,
) -> list[FakePerson]:
    """With `taken_names` (normalised names), for an import file: the names are new and each
    is used once, since a row naming someone ambiguous or already named is refused, rightly."""
    from palabre.directory.names import normalise_name

    countries = list(RESIDENCE_WEIGHTS)
    weights = list(RESIDENCE_WEIGHTS.values())
    people = []
    i = 0
    while len(people) < count:
        i += 1
        draw = rng.random()
        gender = "F" if draw < 0.49 else "M" if draw < 0.98 else "X"
        names = FEMALE_NAMES if gender == "F" else MALE_NAMES
        # Compound first names are common, and keep namesakes as rare as in a real directory.
        first = " ".join(rng.sample(names, k=2 if rng.random() < 0.5 else 1))
        last = rng.choice(LAST_NAMES)
        if taken_names is not None:
            key = normalise_name(first, last)
            if key in taken_names:
                continue
            taken_names.add(key)
        country = rng.choices(countries, weights)[0]
        prefixes, digits = MOBILE_PLANS[country]
        phone = rng.choice(prefixes) + "".join(rng.choice("0123456789") for _ in range(digits))
        # Some have no e-mail (one in ten by default), as in the paper lists typed in by hand.
        email = (
            ""
            if rng.random() < without_email
            else f"{ascii_slug(first)}.{ascii_slug(last)}.{email_tag}{i}@example.org"
        )
        people.append(
            FakePerson(first, last, gender, email, phone, country, rng.choice(CITIES[country]))
        )
    return people


def create_directory(rng: random.Random, count: int) -> None:
    """N people in bulk, with organisations, sectors and languages, as a real directory has."""
    from django.db import transaction

    from palabre.directory.models import Organisation, Person
    from palabre.directory.names import normalise_name
    from palabre.territories.models import Country, Language, Region, Sector

    countries = Country.objects.in_bulk(list(RESIDENCE_WEIGHTS), field_name="iso2")
    regions = list(Region.objects.all())
    sectors = list(Sector.objects.all())
    languages = list(Language.objects.all())
    with transaction.atomic():
        organisations = []
        for n in range(max(20, count // 40)):
            pattern, kind = ORGANISATION_PATTERNS[n % len(ORGANISATION_PATTERNS)]
            country = rng.choice(list(RESIDENCE_WEIGHTS)) if kind.startswith("diaspora") else "CI"
            name = pattern.format(place=rng.choice(PLACES), city=rng.choice(CITIES[country]), n=n)
            organisations.append(
                Organisation(
                    name=f"{name} ({n})" if "{n}" not in pattern else name,
                    kind=kind,
                    country=countries[country],
                    city=rng.choice(CITIES[country]),
                )
            )
        organisations = Organisation.objects.bulk_create(organisations)
        people = []
        for fake in fake_people(rng, count, email_tag="p"):
            people.append(
                Person(
                    first_name=fake.first_name,
                    last_name=fake.last_name,
                    normalised_name=normalise_name(fake.first_name, fake.last_name),
                    email=fake.email,
                    phone=fake.phone,
                    gender=fake.gender,
                    country_of_residence=countries[fake.country],
                    city_of_residence=fake.city,
                    region_of_attachment=rng.choice(regions) if rng.random() < 0.8 else None,
                    organisation=rng.choice(organisations) if rng.random() < 0.7 else None,
                )
            )
        people = Person.objects.bulk_create(people, batch_size=2000)
        Person.sectors.through.objects.bulk_create(
            [
                Person.sectors.through(person_id=person.pk, sector_id=sector.pk)
                for person in people
                for sector in rng.sample(sectors, k=min(len(sectors), rng.randint(0, 2)))
            ],
            batch_size=5000,
        )
        Person.languages.through.objects.bulk_create(
            [
                Person.languages.through(person_id=person.pk, language_id=language.pk)
                for person in people
                for language in rng.sample(languages, k=min(len(languages), rng.randint(1, 2)))
            ],
            batch_size=5000,
        )


def write_import_file(rng: random.Random, path: Path, rows: int) -> None:
    """A file as the secretariat gets it from Excel in French: semicolons, Windows-1252."""
    from palabre.directory.models import Organisation, Person

    organisations = list(Organisation.objects.values_list("name", flat=True)[:200])
    taken_names = set(Person.objects.values_list("normalised_name", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(IMPORT_HEADER)
    gender_words = {"F": ["F", "Femme"], "M": ["H", "Homme", "M"], "X": ["Autre"]}
    for fake in fake_people(rng, rows, email_tag="i", without_email=0, taken_names=taken_names):
        # Half the numbers as typed locally, trusting the country of residence for the prefix.
        phone = fake.phone if rng.random() < 0.5 else _national(fake.phone)
        writer.writerow(
            [
                fake.first_name,
                fake.last_name,
                rng.choice(gender_words[fake.gender]),
                fake.email,
                phone,
                IMPORT_COUNTRY_NAMES[fake.country],
                rng.choice(organisations) if rng.random() < 0.6 else "",
            ]
        )
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def _national(e164: str) -> str:
    import phonenumbers

    return phonenumbers.format_number(
        phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL
    )


@dataclass
class Result:
    name: str
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    size: int | None = None
    peak_mib: float | None = None
    rows: int | None = None
    status: int | None = None
    notes: list[str] = field(default_factory=list)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def query_shape(sql: str) -> str:
    return re.sub(r"\b\d+\b|'[^']*'|%s", "?", sql)


def repeated_queries(shapes: Counter) -> list[tuple[int, str]]:
    """The same statement run many times is the mark of a query per row."""
    return [(count, sql[:120]) for sql, count in shapes.most_common(3) if count > 2]


@contextmanager
def counting_queries():
    """Every query, by shape: CaptureQueriesContext keeps the last 9,000, an import runs more."""
    from django.db import connection

    shapes = Counter()

    def count(execute, sql, params, many, context):
        shapes[query_shape(sql)] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield shapes


def measure_page(name: str, client, url: str) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    result = Result(name, queries=len(captured), size=len(response.content))
    result.status = response.status_code
    if response.status_code != 200:
        result.notes.append(f"HTTP {response.status_code}")
    shapes = Counter(query_shape(query["sql"]) for query in captured.captured_queries)
    for count, sql in repeated_queries(shapes):
        result.notes.append(f"{count}× `{sql}…`")
    durations = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        consume(client.get(url))
        durations.append((time.perf_counter() - start) * 1000)
    result.median_ms = statistics.median(durations)
    result.p95_ms = percentile(durations, 0.95)
    return result


@contextmanager
def peak_memory(result: Result):
    tracemalloc.start()
    try:
        yield
    finally:
        result.peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """For the tracemalloc pass: the same work, then undone, so that the timed pass follows."""
    from django.db import transaction

    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass


def consume(response) -> tuple[int, int]:
    """Bytes and lines of a response, read as a browser would: a streamed one chunk by chunk."""
    chunks = response.streaming_content if response.streaming else [response.content]
    size = lines = 0
    for chunk in chunks:
        size += len(chunk)
        lines += chunk.count(b"\r\n")
    return size, lines


def measure_export(client, url: str, people: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = Result("CSV export of every person")
    with CaptureQueriesContext(connection) as captured, peak_memory(result):
        response = client.get(url)
        result.size, lines = consume(response)
    result.queries = len(captured)
    result.status = response.status_code
    result.rows = lines - 1
    if result.rows != people:
        result.notes.append(f"{result.rows} rows for {people} people")
    durations = []
    for _ in range(3):
        start = time.perf_counter()
        consume(client.get(url))
        durations.append((time.perf_counter() - start) * 1000)
    result.median_ms = statistics.median(durations)
    result.p95_ms = max(durations)
    result.notes.append("time: median and max of 3; memory: one run under tracemalloc")
    return result


def measure_import(name: str, path: Path) -> Result:
    from django.core.management import call_command

    result = Result(name)
    with peak_memory(result), rolled_back():
        call_command("import_people", str(path), stdout=io.StringIO())
    output = io.StringIO()
    with counting_queries() as shapes:
        start = time.perf_counter()
        call_command("import_people", str(path), stdout=output)
        result.median_ms = (time.perf_counter() - start) * 1000
    result.queries = shapes.total()
    result.size = path.stat().st_size
    result.notes.append(output.getvalue().strip().replace("\n", " "))
    result.notes.append("one timed run; memory: a separate run under tracemalloc, rolled back")
    result.notes.extend(f"{count}× `{sql}…`" for count, sql in repeated_queries(shapes))
    # The whole breakdown, on the console only: what to look at when the count grows with rows.
    print(f"{name}: {shapes.total()} queries", file=sys.stderr)
    for sql, count in shapes.most_common(12):
        print(f"  {count:>7}  {sql[:150]}", file=sys.stderr)
    return result


def run(people: int) -> tuple[list[Result], dict]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from palabre.accounts.models import User
    from palabre.directory.models import Person
    from palabre.territories.models import Country, Sector

    rng = random.Random(SEED)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", show_accounts=False, stdout=io.StringIO())
    timings["migrate + seed-demo"] = time.perf_counter() - start

    secretariat = Client()
    secretariat.force_login(User.objects.get(email=SECRETARIAT))
    anonymous = Client()
    list_url = reverse("directory:person_list")
    home_url = reverse("core:home")
    # A session's first request loads what later ones find cached: not what is measured here.
    secretariat.get(list_url)
    anonymous.get(home_url)
    # The query counts with the demo directory alone: a count that then grows with N is a bug.
    baseline = {
        "list": measure_page("", secretariat, list_url).queries,
        "home": measure_page("", anonymous, home_url).queries,
    }

    start = time.perf_counter()
    create_directory(rng, people)
    timings[f"bulk creation of {people} people"] = time.perf_counter() - start
    if connection.vendor == "postgresql":
        # Autovacuum would do it a minute later in production; the plans must not be those of
        # an empty table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Person.objects.active().count()

    france = Country.objects.get(iso2="FR")
    sector = Sector.objects.order_by("pk").first()
    pages = [
        ("People list, first page", list_url, baseline["list"]),
        ("People list, search ?q=kouassi", f"{list_url}?q=kouassi", None),
        (
            "People list, 2 filters (country, sector)",
            f"{list_url}?{urlencode({'country': france.pk, 'sector': sector.pk})}",
            None,
        ),
        ("Home page, anonymous", home_url, baseline["home"]),
    ]
    results = []
    for name, url, base in pages:
        result = measure_page(name, anonymous if "anonymous" in name else secretariat, url)
        if base is not None and result.queries != base:
            result.notes.insert(0, f"{base} queries with the demo data alone")
        results.append(result)

    start = time.perf_counter()
    results.append(
        measure_export(secretariat, f"{reverse('directory:person_export')}?format=csv", total)
    )
    timings["export"] = time.perf_counter() - start

    import_file = Path(os.environ["PALABRE_DATA_DIR"]) / "personnes.csv"
    write_import_file(rng, import_file, IMPORT_ROWS)
    start = time.perf_counter()
    results.append(measure_import(f"Import of {IMPORT_ROWS} rows (CSV, new people)", import_file))
    results.append(
        measure_import(f"Same file again ({IMPORT_ROWS} rows, nothing new)", import_file)
    )
    timings["imports"] = time.perf_counter() - start

    context = {
        "people": people,
        "people_after_import": Person.objects.active().count(),
        "vendor": connection.vendor,
        "db_version": database_version(connection),
        "timings": timings,
    }
    return results, context


def database_version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0].split()[0]


def fmt(value, pattern: str = "{:,.0f}") -> str:
    return "–" if value is None else pattern.format(value).replace(",", " ")


def results_and_notes(results: list[Result], notes: list[str], command: str) -> list[str]:
    """The end of every benchmark's section: the table, the notes, how to run it again."""
    return [
        *table(results),
        "",
        "Notes:",
        "",
        *(notes or ["- none"]),
        "",
        "Run it again:",
        "",
        "```sh",
        command,
        "```",
    ]


def table(results: list[Result]) -> list[str]:
    lines = [
        "| Measure | Median ms | p95 ms | SQL queries | Bytes | Peak memory MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {fmt(r.median_ms)} | {fmt(r.p95_ms)} | {fmt(r.queries)} | "
            f"{fmt(r.size)} | {fmt(r.peak_mib, '{:,.1f}')} |"
        )
    return lines


def section(results: list[Result], context: dict, command: str, elapsed: float) -> str:
    engine = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        context["vendor"], context["vendor"]
    )
    notes = [f"- {r.name}: {'; '.join(r.notes)}" for r in results if r.notes]
    lines = [
        f"## Directory with {context['people']:,} people — {engine}".replace(",", " "),
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} CPU (nproc), {platform.machine()}, "
        f"Python {platform.python_version()}, {engine} {context['db_version']}",
        f"- People in the directory: {context['people']:,} generated + the demo ones; "
        f"{context['people_after_import']:,} after the import".replace(",", " "),
        f"- Pages: Django test client, median and p95 of {REQUESTS} requests after one "
        "untimed request (which counts the queries and the bytes); the lists are seen by "
        "the demo secretariat account.",
        f"- Whole run: {elapsed:.0f} s",
        "",
        *results_and_notes(results, notes, command),
    ]
    return "\n".join(lines)


def write_section(key: str, body: str) -> None:
    """Replace this benchmark's section, keep every other one; the file is created if need be."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{body}\n{end}"
    text = (
        REPORT.read_text()
        if REPORT.exists()
        else (
            "# Benchmarks\n\nMeasured on demand (`make bench`), never by the test suite. Each "
            "section is rewritten by the benchmark that produced it.\n"
        )
    )
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    REPORT.write_text(text)


def main(argv=None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as data_dir:
        configure(args.database_url, Path(data_dir))
        results, context = run(args.people)
        from django.db import connection

        connection.close()
    elapsed = time.perf_counter() - started
    command = f".venv/bin/python benchmarks/run.py --people {args.people}"
    if args.database_url:
        parts = urlsplit(args.database_url)
        # The report is committed: a password must not end up in it.
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        command += f" --database-url {parts.geturl()}"
    body = section(results, context, command, elapsed)
    print(body)
    print("\nSteps:", ", ".join(f"{k} {v:.1f} s" for k, v in context["timings"].items()))
    if not args.no_report:
        write_section(f"directory:{context['vendor']}", body)
        print(f"\nWritten to {REPORT}")


if __name__ == "__main__":
    main()
