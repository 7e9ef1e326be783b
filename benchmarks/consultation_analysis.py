"""Consultation benchmark: the analysis of P participants × S statements (30 % of cells voted).

    .venv/bin/python benchmarks/consultation_analysis.py [--participants 5000] [--statements 300]
        [--density 0.3] [--database-url URL] [--no-report]

Measured on a scratch database, as benchmarks/run.py does it (SQLite in a temporary
PALABRE_DATA_DIR by default; a PostgreSQL database whose name contains "bench", dropped and
created again): the analysis alone on the matrix in memory (PCA, k-means, silhouette,
statistics), reading the votes from the database into the matrix, the whole background job
(reading, analysing, saving), and the pages a participant and a reader open at that size (the
next statement to vote on, the results). The votes are drawn with three planted opinion groups,
so the run also says whether the analysis finds them. The results replace this benchmark's
section of BENCHMARKS.md (other sections stay).
"""

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as common  # noqa: E402  (benchmarks/run.py: scratch database, report, table)

SEED = 20261130
GROUPS = 3
REPEAT = 5


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=5000)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--density", type=float, default=0.3, help="Share of cells voted.")
    parser.add_argument(
        "--database-url",
        help="A PostgreSQL URL whose database name contains 'bench' (dropped and created "
        "again). Default: SQLite in a temporary directory.",
    )
    parser.add_argument(
        "--no-report", action="store_true", help="Print the results, leave BENCHMARKS.md alone."
    )
    return parser.parse_args(argv)


def planted(participants: int, statements: int, density: float):
    """Three opinion groups, each with its stance on every statement; statement 0 is agreed by
    all. A vote goes against its group's stance one time in ten, and is a pass one in ten."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    groups = rng.integers(0, GROUPS, participants)
    stance = rng.choice([-1, 1], size=(GROUPS, statements))
    stance[:, 0] = 1
    voted = rng.random((participants, statements)) < density
    draw = rng.random((participants, statements))
    values = stance[groups]
    values = np.where(draw < 0.1, -values, values)
    values = np.where((draw >= 0.1) & (draw < 0.2), 0, values)
    who, what = np.nonzero(voted)
    return groups, who, what, values[who, what].astype(np.int8)


def create_consultation(participants: int, statements: int, density: float):
    """A public space, an open public consultation (so that any account may read its results)
    and every vote, in bulk."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from palabre.accounts.models import User
    from palabre.deliberation.models import (
        Consultation,
        ConsultationStatus,
        Statement,
        StatementStatus,
        StatementVote,
    )
    from palabre.spaces.models import Space, SpaceKind, Visibility
    from palabre.territories.models import Country

    groups, who, what, values = planted(participants, statements, density)
    with transaction.atomic():
        country = Country.objects.get(iso2="CI")
        space = Space.objects.create(
            name="Espace de concertation (banc d'essai)",
            slug="banc-essai",
            kind=SpaceKind.CONCERTATION_SPACE,
            country=country,
            visibility=Visibility.PUBLIC,
        )
        secretariat = User.objects.create_user(
            email="secretariat@example.org", password="banc-essai-2026"
        )
        consultation = Consultation.objects.create(
            space=space,
            title="Priorités de l'investissement de la diaspora",
            question="Quelles priorités pour l'investissement de la diaspora dans la région ?",
            visibility=Visibility.PUBLIC,
            status=ConsultationStatus.OPEN,
            created_by=secretariat,
        )
        rows = Statement.objects.bulk_create(
            [
                Statement(
                    consultation=consultation,
                    text=f"Proposition n° {j + 1} sur l'investissement de la diaspora",
                    author=secretariat,
                    is_seed=True,
                    status=StatementStatus.ACCEPTED,
                )
                for j in range(statements)
            ]
        )
        unusable = make_password(None)
        users = User.objects.bulk_create(
            [
                User(email=f"participant{i}@example.org", password=unusable)
                for i in range(participants)
            ],
            batch_size=2000,
        )
        statement_ids = [row.pk for row in rows]
        user_ids = [user.pk for user in users]
        batch = 20_000
        for start in range(0, len(values), batch):
            StatementVote.objects.bulk_create(
                [
                    StatementVote(
                        consultation_id=consultation.pk,
                        statement_id=statement_ids[j],
                        participant_id=user_ids[i],
                        value=int(v),
                    )
                    for i, j, v in zip(
                        who[start : start + batch],
                        what[start : start + batch],
                        values[start : start + batch],
                        strict=True,
                    )
                ]
            )
    truth = dict(zip(user_ids, groups.tolist(), strict=True))
    return consultation, secretariat, truth, statement_ids[0]


def timed(function, repeat: int = REPEAT) -> tuple[list[float], object]:
    durations, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        durations.append((time.perf_counter() - start) * 1000)
    return durations, value


def with_peak(result, function):
    tracemalloc.start()
    try:
        return function()
    finally:
        result.peak_mib = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()


def run(participants: int, statements: int, density: float) -> tuple[list, dict]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from sklearn.metrics import adjusted_rand_score

    from palabre.deliberation.analysis import analyse
    from palabre.deliberation.selectors_consultations import vote_matrix_of
    from palabre.deliberation.services.consultations import consultation_analysis_start
    from palabre.jobs.models import JobStatus

    timings: dict[str, float] = {}
    load_average = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - start
    start = time.perf_counter()
    consultation, secretariat, truth, consensus_id = create_consultation(
        participants, statements, density
    )
    timings[f"bulk creation of {participants} participants and their votes"] = (
        time.perf_counter() - start
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    results = []
    # 1. Reading every vote into the matrix.
    load = common.Result("Votes read from the database into the matrix")
    with CaptureQueriesContext(connection) as captured:
        matrix = with_peak(load, lambda: vote_matrix_of(consultation))
    load.queries = len(captured)
    durations, matrix = timed(lambda: vote_matrix_of(consultation))
    load.median_ms, load.p95_ms = statistics.median(durations), max(durations)
    load.rows = matrix.vote_count
    load.notes.append(f"{number(matrix.vote_count)} votes; median and max of {REPEAT}")
    results.append(load)

    # 2. The analysis alone, on the matrix in memory.
    alone = common.Result("Analysis alone (PCA, k-means k = 2…5, silhouette, statistics)")
    analysis = with_peak(alone, lambda: analyse(matrix))
    durations, analysis = timed(lambda: analyse(matrix))
    alone.median_ms, alone.p95_ms = statistics.median(durations), max(durations)
    alone.queries = 0
    placed = [truth[int(pk)] for pk in matrix.participant_ids[analysis.placed]]
    ari = adjusted_rand_score(placed, analysis.labels)
    consensus = [int(matrix.statement_ids[item["index"]]) for item in analysis.consensus]
    alone.notes.append(
        f"median and max of {REPEAT}; {analysis.group_count} groups found for {GROUPS} planted "
        f"(adjusted Rand index {ari:.3f}, silhouette {analysis.silhouette:.3f}); planted "
        f"consensus statement {'found' if consensus_id in consensus else 'NOT found'}"
    )
    results.append(alone)

    # 3. The whole background job, as the secretariat starts it (in-process, no Redis), in a
    # process that has served pages already (URLs and views loaded, as in a web process).
    reverse("core:home")
    job_result = common.Result("Background job: read, analyse, save")
    with CaptureQueriesContext(connection) as captured:
        job = consultation_analysis_start(consultation=consultation, actor=secretariat)
    job_result.queries = len(captured)
    durations, job = timed(
        lambda: consultation_analysis_start(consultation=consultation, actor=secretariat)
    )
    job_result.median_ms, job_result.p95_ms = statistics.median(durations), max(durations)
    if job.status != JobStatus.SUCCEEDED:
        job_result.notes.append(f"job {job.status}: {job.error}")
    analysis_row = consultation.analyses.order_by("-pk").first()
    job_result.size = len(json.dumps(analysis_row.results).encode())
    job_result.notes.append(
        f"median and max of {REPEAT} after one untimed run; progress reported in "
        f"{job.progress_total} steps; bytes: the results stored as JSON"
    )
    results.append(job_result)

    # 4. Pages at that size: the next statement to vote on, the results.
    participant = Client()
    from palabre.accounts.models import User

    voter = User.objects.get(email="participant1@example.org")
    participant.force_login(voter)
    base = [consultation.space.slug, consultation.pk]
    vote_url = reverse("deliberation:consultation_vote", args=base)
    results_url = reverse("deliberation:consultation_results", args=base)
    participant.get(vote_url)
    results.append(common.measure_page("Voting page (next statement)", participant, vote_url))
    results.append(
        common.measure_page("Results page (map, groups, table)", participant, results_url)
    )
    reader = Client()
    reader.force_login(secretariat)
    report = common.Result("Report, PDF draft (one run)")
    start = time.perf_counter()
    response = reader.get(reverse("deliberation:consultation_report", args=[*base, "pdf"]))
    report.median_ms = (time.perf_counter() - start) * 1000
    report.size = len(response.content)
    report.status = response.status_code
    results.append(report)

    context = {
        "participants": participants,
        "statements": statements,
        "density": density,
        "votes": matrix.vote_count,
        "vendor": connection.vendor,
        "db_version": common.database_version(connection),
        "timings": timings,
        "load": load_average,
    }
    return results, context


def number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def machine() -> str:
    import numpy
    import sklearn

    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{os.cpu_count()} CPU (nproc){f', {model}' if model else ''}, {platform.machine()}"
        f"{memory}, Python {platform.python_version()}, numpy {numpy.__version__}, "
        f"scikit-learn {sklearn.__version__}"
    )


def section(results, context, command: str, elapsed: float) -> str:
    engine = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        context["vendor"], context["vendor"]
    )
    notes = [f"- {r.name}: {'; '.join(r.notes)}" for r in results if r.notes]
    size = f"{number(context['participants'])} × {number(context['statements'])}"
    lines = [
        f"## Consultation analysis, {size} — {engine}",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC",
        f"- Machine: {machine()}, {engine} {context['db_version']}; load average "
        f"{context['load']} when the run began (other work shares the machine)",
        f"- Consultation: {number(context['participants'])} participants × "
        f"{number(context['statements'])} statements, {context['density']:.0%} of the cells "
        f"voted: {number(context['votes'])} votes, three planted opinion groups",
        "- The analysis runs on one thread (BLAS and OpenMP limited to one: at this size, "
        "threads cost more than they save); pages: Django test client, median and p95 of "
        f"{common.REQUESTS} requests after one untimed request (which counts the queries).",
        f"- Whole run: {elapsed:.0f} s",
        "",
        *common.results_and_notes(results, notes, command),
    ]
    return "\n".join(lines)


def main(argv=None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="palabre-bench-") as data_dir:
        common.configure(args.database_url, Path(data_dir))
        results, context = run(args.participants, args.statements, args.density)
        from django.db import connection

        connection.close()
    elapsed = time.perf_counter() - started
    command = (
        f".venv/bin/python benchmarks/consultation_analysis.py --participants "
        f"{args.participants} --statements {args.statements} --density {args.density}"
    )
    if args.database_url:
        parts = urlsplit(args.database_url)
        if parts.password:
            parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
        command += f" --database-url {parts.geturl()}"
    body = section(results, context, command, elapsed)
    print(body)
    print("\nSteps:", ", ".join(f"{k} {v:.1f} s" for k, v in context["timings"].items()))
    if not args.no_report:
        common.write_section(f"consultations:{context['vendor']}", body)
        print(f"\nWritten to {common.REPORT}")


if __name__ == "__main__":
    main()
