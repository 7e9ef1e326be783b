"""Indicators benchmark: the logframe's figures over a million attendance lines.

    .venv/bin/python benchmarks/indicators.py [--people 100000] [--meetings 2000]
        [--per-meeting 500] [--database-url URL] [--no-report]

PostgreSQL only (the scale is that of a programme's whole life): a database whose name contains
"bench", dropped and created again (default postgres://postgres@127.0.0.1:5432/
palabre_bench_indicators). A committee and the space under it hold P people and M meetings over
three years, each meeting attended by N of them (1 000 000 lines by default), with minutes mostly
approved, incentive tools with their stage history and amounts, bilateral plans with progress
updates, and expressions of interest with their steps. The rows are made by the database itself
(INSERT … SELECT over generate_series), so that generating a million lines takes seconds.

Measured: the figures of a logframe of the seven rules as the dashboard asks for them (every
indicator, its breakdowns, and its value at the end of each semester so far), and one
participation figure with its six breakdowns alone. The results replace this benchmark's section
of BENCHMARKS.md (other sections stay).
"""

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (benchmarks/run.py: scratch database, report, table)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/palabre_bench_indicators"
REPEAT = 3
START = dt.date(2024, 1, 1)
DAYS = 3 * 365
COUNTRIES = ["CI", "MA", "ML", "SN", "FR", "US", "IT", "BE"]
TOOLS, AMOUNTS_PER_TOOL = 200, 25
PLANS, ACTIONS_PER_PLAN = 6, 30
INVESTORS, OPPORTUNITIES, INTERESTS = 2000, 60, 5000
# Why the recorded run raises work_mem, said beside its numbers.
WORK_MEM_NOTE = (
    "- work_mem raised for the measures: at the server's default (4MB) the `mode` breakdown "
    "of the participation rule (`COUNT … FILTER (WHERE id IN (subquery))`) gets a plan that "
    "scans the attendance once per person, and the run does not finish within minutes."
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--per-meeting", type=int, default=500, help="Attendance per meeting.")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_URL,
        help="A PostgreSQL URL whose database name contains 'bench' (dropped and created again).",
    )
    parser.add_argument(
        "--work-mem",
        type=work_mem,
        help="PostgreSQL work_mem for the measures, such as 64MB (default: the server's).",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="Print the results, leave BENCHMARKS.md alone."
    )
    return parser.parse_args(argv)


def work_mem(text: str) -> str:
    if not re.fullmatch(r"\d+(kB|MB|GB)", text):
        raise argparse.ArgumentTypeError("write a size such as 4MB or 64MB")
    return text


def sql(statement: str) -> int:
    """Run generated SQL as it is: no parameters, so its % are the modulo operator."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement)
        return cursor.rowcount


def clone(model, template, count: int, overrides: dict[str, str]) -> int:
    """`count` copies of the `template` row, made by the database: each column takes the
    template's value unless `overrides` gives an SQL expression of g (0 … count - 1)."""
    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    values = [overrides.get(column, f't."{column}"') for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    return sql(
        f'INSERT INTO "{table}" ({names}) '
        f'SELECT {", ".join(values)} FROM "{table}" t '
        f"CROSS JOIN generate_series(0, {count - 1}) AS g WHERE t.id = {template.pk}"
    )


def pick(ids: list[int], index: str) -> str:
    """An SQL expression choosing among `ids` by the integer expression `index`."""
    return f"(ARRAY{ids})[1 + ({index}) % {len(ids)}]"


def create_world(people: int, meetings: int, per_meeting: int) -> dict:
    """Every row of the benchmark; returns the committee and what was made."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from palabre.accounts.models import User
    from palabre.actions.models import Action, ActionPlan, ActionStatus, PlanKind, ProgressUpdate
    from palabre.directory.models import Person
    from palabre.investment.models import (
        ExchangeRate,
        ExpressionOfInterest,
        IncentiveTool,
        InterestStatus,
        InterestStatusChange,
        InvestorProfile,
        MobilisedAmount,
        Opportunity,
        StageChange,
    )
    from palabre.meetings.models import Attendance, Meeting, Minutes
    from palabre.spaces.models import College, Membership, Space, SpaceKind, Visibility
    from palabre.territories.models import Country, Region, Sector
    from palabre.workflow.models import Revision, State

    start = dt.datetime.combine(START, dt.time(9), tzinfo=dt.UTC)
    country = {c.iso2: c for c in Country.objects.filter(iso2__in=COUNTRIES)}
    country_ids = [country[iso2].pk for iso2 in COUNTRIES]
    with transaction.atomic():
        user = User.objects.create_user(email="secretariat@example.org", password="banc-2026")
        committee = Space.objects.create(
            name="Comité de suivi (banc d'essai)",
            slug="comite-banc",
            kind=SpaceKind.FOLLOW_UP_COMMITTEE,
            country=country["CI"],
            visibility=Visibility.PUBLIC,
        )
        child = Space.objects.create(
            name="Espace de concertation (banc d'essai)",
            slug="concertation-banc",
            kind=SpaceKind.CONCERTATION_SPACE,
            country=country["CI"],
            parent=committee,
            visibility=Visibility.PUBLIC,
        )
        spaces = [committee.pk, child.pk]

        # People: a third women, a third men, a few unknown; most in Côte d'Ivoire.
        person = Person.objects.create(first_name="Personne", last_name="Modèle")
        clone(
            Person,
            person,
            people - 1,
            {
                "last_name": "'n° ' || g",
                "normalised_name": "'personne n ' || g",
                "gender": "(ARRAY['F', 'M', 'F', 'M', ''])[1 + g % 5]",
                "country_of_residence_id": pick([country_ids[0]] * 6 + country_ids[1:], "g * 7"),
                "created_at": "now()",
                "updated_at": "now()",
            },
        )
        colleges = [
            College.objects.create(space=space, name=name)
            for space, name in [(committee, "Régions"), (committee, "Diaspora"), (child, "État")]
        ]
        person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
        Membership.objects.bulk_create(
            [
                Membership(
                    space_id=colleges[i % 3].space_id,
                    person_id=person_ids[i * 37],
                    college=colleges[i % 3],
                    start_date=START,
                )
                for i in range(min(3000, people // 37))
            ],
            batch_size=1000,
        )

        # Meetings over three years, alternately of the committee and of the space under it.
        meeting = Meeting.objects.create(
            space=committee,
            title="Réunion (banc d'essai)",
            kind="committee",
            mode="in_person",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            time_zone="Africa/Abidjan",
            created_by=user,
        )
        span = f"interval '{DAYS * 24 * 3600 // meetings} seconds'"
        clone(
            Meeting,
            meeting,
            meetings - 1,
            {
                "space_id": pick(spaces, "g"),
                "title": "'Réunion n° ' || g",
                "kind": "(ARRAY['committee', 'exchange_workshop', 'training', "
                "'diaspora_forum', 'thematic_workshop', 'field_visit'])[1 + g % 6]",
                "mode": "(ARRAY['in_person', 'online', 'hybrid'])[1 + g % 3]",
                "status": "CASE WHEN g % 50 = 49 THEN 'cancelled' ELSE 'scheduled' END",
                "starts_at": f"t.starts_at + (g + 1) * {span}",
                "ends_at": f"t.ends_at + (g + 1) * {span}",
            },
        )
        # Each meeting's people: a window of the directory that slides from meeting to meeting,
        # so that people come back; one line in four online, one in a hundred removed.
        sql(
            f"""
            INSERT INTO "{Attendance._meta.db_table}"
                (meeting_id, person_id, mode, source, checked_in_at, recorded_by_id,
                 removed_at, removal_reason)
            SELECT m.id, p.id,
                   CASE WHEN g % 4 = 0 THEN 'online' ELSE 'in_person' END,
                   'sign_in_sheet', now(), NULL,
                   CASE WHEN g % 100 = 99 THEN now() END,
                   CASE WHEN g % 100 = 99 THEN 'Doublon' ELSE '' END
            FROM generate_series(0, {meetings * per_meeting - 1}) AS g
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i
                  FROM "{Meeting._meta.db_table}") m ON m.i = g / {per_meeting}
            JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i
                  FROM "{Person._meta.db_table}") p
              ON p.i = ((g / {per_meeting}) * 263 + g % {per_meeting}) % {people}
            """
        )

        # Minutes: four in five approved two weeks after the meeting, the rest in review.
        sql(
            f"""
            INSERT INTO "{Minutes._meta.db_table}"
                (meeting_id, summary, visibility, workflow_state, version, approved_by_id,
                 approved_at, published_at)
            SELECT m.id, 'Compte rendu.', 'members',
                   CASE WHEN m.id % 5 = 0 THEN 'in_review' ELSE 'published' END, 1,
                   CASE WHEN m.id % 5 = 0 THEN NULL ELSE {user.pk} END,
                   CASE WHEN m.id % 5 = 0 THEN NULL ELSE m.starts_at + interval '14 days' END,
                   CASE WHEN m.id % 5 = 0 THEN NULL ELSE m.starts_at + interval '15 days' END
            FROM "{Meeting._meta.db_table}" m
            """
        )
        content_type = ContentType.objects.get_for_model(Minutes)
        sql(
            f"""
            INSERT INTO "{Revision._meta.db_table}"
                (content_type_id, object_id, version, title, sections, approved_by_id,
                 approved_at, published_at)
            SELECT {content_type.pk}, id, 1, 'Compte rendu', '[]', approved_by_id,
                   approved_at, published_at
            FROM "{Minutes._meta.db_table}" WHERE workflow_state = '{State.PUBLISHED}'
            """
        )

        # Incentive tools with their stage history, and the amounts they mobilised.
        region = Region.objects.create(country=country["CI"], name="Région (banc d'essai)")
        stages = ["identified", "designed", "piloted", "analysed", "capitalised"]
        tools = IncentiveTool.objects.bulk_create(
            [
                IncentiveTool(
                    space_id=spaces[i % 2],
                    country_id=country_ids[i % 4],
                    kind="one_stop_shop" if i % 3 else "guide",
                    title=f"Outil n° {i}",
                    stage=stages[min(i % 7, 4)],
                    created_by=user,
                )
                for i in range(TOOLS)
            ]
        )
        changes, amounts = [], []
        for i, tool in enumerate(tools):
            for step in range(1, min(i % 7, 4) + 1):
                changes.append(
                    StageChange(
                        tool=tool,
                        from_stage=stages[step - 1],
                        to_stage=stages[step],
                        by=user,
                        at=start + dt.timedelta(days=90 * step + i),
                    )
                )
            for n in range(AMOUNTS_PER_TOOL):
                amounts.append(
                    MobilisedAmount(
                        tool=tool,
                        date=START + dt.timedelta(days=(i * 13 + n * 41) % DAYS),
                        amount=1_000_000 + 10_000 * n,
                        currency=["XOF", "EUR", "USD"][n % 3],
                        source=f"Source {n % 5}",
                    )
                )
        StageChange.objects.bulk_create(changes)
        MobilisedAmount.objects.bulk_create(amounts, batch_size=2000)
        ExchangeRate.objects.bulk_create(
            [
                ExchangeRate(currency="EUR", valid_from=START, rate=655.957),
                ExchangeRate(currency="USD", valid_from=START + dt.timedelta(days=200), rate=600),
            ]
        )

        # Bilateral plans, their actions and progress updates.
        for p in range(PLANS):
            plan = ActionPlan.objects.create(
                space_id=spaces[p % 2],
                kind=PlanKind.BILATERAL,
                title=f"Plan bilatéral n° {p}",
                period_start=START,
                period_end=START + dt.timedelta(days=DAYS),
                created_by=user,
                workflow_state=State.PUBLISHED,  # only adopted plans count
            )
            actions = Action.objects.bulk_create(
                [
                    Action(
                        plan=plan,
                        number=n + 1,
                        title=f"Action n° {n + 1}",
                        status=ActionStatus.DONE if n % 3 == 0 else ActionStatus.IN_PROGRESS,
                    )
                    for n in range(ACTIONS_PER_PLAN)
                ]
            )
            ProgressUpdate.objects.bulk_create(
                [
                    ProgressUpdate(
                        action=action,
                        date=START + dt.timedelta(days=100 * k + n),
                        text="Avancement.",
                        status=ActionStatus.DONE if k == 2 and n % 3 == 0 else "in_progress",
                        progress=30 * (k + 1),
                        author=user,
                    )
                    for n, action in enumerate(actions)
                    for k in range(3)
                ]
            )

        # Opportunities, investors and their expressions of interest with their steps.
        sectors = list(Sector.objects.all()[:5])
        opportunities = Opportunity.objects.bulk_create(
            [
                Opportunity(
                    space_id=spaces[i % 2],
                    region=region,
                    sector=sectors[i % len(sectors)],
                    title=f"Opportunité n° {i}",
                    summary="Une opportunité.",
                    description="Une opportunité d'investissement.",
                    amount_min=10_000_000,
                    amount_max=50_000_000,
                    currency="XOF",
                    created_by=user,
                )
                for i in range(OPPORTUNITIES)
            ]
        )
        investor_users = User.objects.bulk_create(
            [User(email=f"investisseur{i}@example.org") for i in range(INVESTORS)],
            batch_size=1000,
        )
        investors = InvestorProfile.objects.bulk_create(
            [
                InvestorProfile(
                    user=investor_user,
                    kind="individual",
                    name=f"Investisseur n° {i}",
                    country_of_residence_id=country_ids[4 + i % 4],
                    currency="XOF",
                    contact_email=investor_user.email,
                )
                for i, investor_user in enumerate(investor_users)
            ],
            batch_size=1000,
        )
        path = [
            InterestStatus.RECEIVED,
            InterestStatus.IN_CONTACT,
            InterestStatus.MEETING_HELD,
            InterestStatus.COMMITTED,
        ]
        interests = ExpressionOfInterest.objects.bulk_create(
            [
                ExpressionOfInterest(
                    opportunity=opportunities[i % OPPORTUNITIES],
                    investor=investors[i % INVESTORS],
                    message="Intéressé.",
                    currency="XOF",
                    status=InterestStatus.DECLINED if i % 11 == 0 else path[i % 4],
                )
                for i in range(INTERESTS)
            ],
            batch_size=2000,
        )
        InterestStatusChange.objects.bulk_create(
            [
                InterestStatusChange(
                    interest=interest,
                    from_status=path[k - 1] if k else "",
                    to_status=path[k],
                    date=START + dt.timedelta(days=(i * 3 + 60 * k) % DAYS),
                )
                for i, interest in enumerate(interests)
                for k in range(i % 4 + 1)
            ],
            batch_size=5000,
        )
    return {"committee": committee, "country": country, "user": user}


def create_logframe(committee, country) -> None:
    from palabre.indicators.computations import RULES
    from palabre.indicators.models import Frequency, Indicator, Level, Method

    for order, (key, rule) in enumerate(RULES.items(), start=1):
        indicator = Indicator.objects.create(
            space=committee,
            code=f"R{order}",
            title=str(rule.label),
            level=Level.OUTCOME,
            unit=rule.unit,
            method=Method.COMPUTED,
            rule=key,
            target=50 if rule.unit == "percent" else 10,
            frequency=Frequency.SEMESTER,
            start_date=START,
            end_date=START + dt.timedelta(days=DAYS - 1),
            dimensions=list(rule.dimensions),
        )
        if key == "tools_capitalised_per_country":
            indicator.countries.set([country[iso2] for iso2 in COUNTRIES[:4]])


def measure(name: str, function) -> tuple[common.Result, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = common.Result(name)
    with CaptureQueriesContext(connection) as captured:
        value = function()
    result.queries = len(captured)
    durations = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    result.median_ms, result.p95_ms = statistics.median(durations), max(durations)
    return result, value


def run(people: int, meetings: int, per_meeting: int, memory: str | None) -> tuple[list, dict]:
    from django.core.management import call_command
    from django.db import connection

    from palabre.indicators.computations import RULES, Scope
    from palabre.indicators.selectors.figures import figures_for, spaces_under
    from palabre.meetings.models import Attendance

    timings: dict[str, float] = {}
    load_average = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - start
    start = time.perf_counter()
    world = create_world(people, meetings, per_meeting)
    create_logframe(world["committee"], world["country"])
    timings["generation"] = time.perf_counter() - start
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum analyze"] = time.perf_counter() - start

    raised = bool(memory)
    with connection.cursor() as cursor:
        if memory:
            cursor.execute(f"SET work_mem = '{memory}'")
        cursor.execute("SHOW work_mem")
        memory = cursor.fetchone()[0]

    committee = world["committee"]
    results = []
    logframe, rows = measure(
        "Logframe: 7 indicators, breakdowns and semester series",
        lambda: figures_for(committee),
    )
    logframe.rows = sum(len(row.series) for row in rows)
    logframe.notes.append(
        f"{len(rows)} indicators, {logframe.rows} figures in their series; "
        + ", ".join(f"{row.indicator.rule} = {row.current.value}" for row in rows)
    )
    results.append(logframe)

    without, _rows = measure(
        "Logframe: 7 indicators, current figures only (no series)",
        lambda: figures_for(committee, with_series=False),
    )
    results.append(without)

    # Each rule alone on the whole measure, with every breakdown it offers.
    last = rows[0].current.period
    scope = Scope(
        spaces_under(committee),
        committee.country_id,
        START,
        last.end,
        country_ids=tuple(world["country"][iso2].pk for iso2 in COUNTRIES[:4]),
    )
    for key, rule in RULES.items():
        alone, result = measure(
            f"`{key}` alone, every breakdown ({len(rule.dimensions)})",
            lambda rule=rule: rule.compute(scope, rule.dimensions),
        )
        alone.notes.append(f"value {result.value}")
        results.append(alone)

    context = {
        "people": people,
        "meetings": meetings,
        "attendance": Attendance.objects.count(),
        "db_version": common.database_version(connection),
        "timings": timings,
        "load": load_average,
        "work_mem": memory,
        "work_mem_raised": raised,
    }
    return results, context


def number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def section(results, context, command: str, elapsed: float) -> str:
    notes = [f"- {r.name}: {'; '.join(r.notes)}" for r in results if r.notes]
    steps = ", ".join(f"{k} {v:.0f} s" for k, v in context["timings"].items())
    lines = [
        f"## Indicators over {number(context['attendance'])} attendance lines — PostgreSQL",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC",
        f"- Machine: {os.cpu_count()} CPU (nproc), Python {sys.version.split()[0]}, PostgreSQL "
        f"{context['db_version']} (work_mem {context['work_mem']}); load average "
        f"{context['load']} when the run began (other work shares the machine)",
        f"- Data: {number(context['people'])} people, {number(context['meetings'])} meetings "
        f"over three years in a committee and the space under it, "
        f"{number(context['attendance'])} attendance lines; {TOOLS} incentive tools with "
        f"{number(TOOLS * AMOUNTS_PER_TOOL)} amounts, {PLANS} bilateral plans of "
        f"{ACTIONS_PER_PLAN} actions, {number(INTERESTS)} expressions of interest",
        f"- Whole run: {elapsed:.0f} s ({steps})",
        f"- Median and max of {REPEAT} runs after one untimed run (which counts the queries).",
        *([WORK_MEM_NOTE] if context["work_mem_raised"] else []),
        "",
        *common.results_and_notes(results, notes, command),
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    args = parse_args(argv)
    if urlsplit(args.database_url).scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit("This benchmark runs on PostgreSQL only.")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as data_dir:
        common.configure(args.database_url, Path(data_dir))
        results, context = run(args.people, args.meetings, args.per_meeting, args.work_mem)
        from django.db import connection

        connection.close()
    elapsed = time.perf_counter() - started
    command = (
        f".venv/bin/python benchmarks/indicators.py --people {args.people} --meetings "
        f"{args.meetings} --per-meeting {args.per_meeting}"
    )
    if args.work_mem:
        command += f" --work-mem {args.work_mem}"
    if args.database_url != DEFAULT_URL:
        parts = urlsplit(args.database_url)
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        command += f" --database-url {parts.geturl()}"
    body = section(results, context, command, elapsed)
    print(body)
    if not args.no_report:
        common.write_section("indicators:postgresql", body)
        print(f"\nWritten to {common.REPORT}")


if __name__ == "__main__":
    main()
