"""A job through the real thing: Redis on 127.0.0.1:6379 and a Celery worker in its own process.

The worker must see the test's rows, so the test commits (transaction=True) and hands the worker
the test database: PostgreSQL's test database by name, SQLite's as a file (tests/conftest.py
keeps SQLite's test database on disk for this reason).
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from palabre.jobs.models import JobStatus
from palabre.jobs.services import job_start
from tests.accounts.factories import make_user

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, flushed by the test
TIMEOUT = 60

# serialized_rollback: the flush after a transactional test would wipe the countries that a
# migration loads, for the tests that follow.
pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
        return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"
    pytest.fail(f"No worker database URL for the {connection.vendor} backend.")


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(
            f"Redis is not reachable at {REDIS_URL} ({error}). This test needs a real Redis "
            "server: install and start it (apt-get install redis-server, then "
            "redis-server --daemonize yes)."
        )
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def worker(redis_db, settings, tmp_path):
    """A real worker process on the test database, stopped after the test."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "palabre.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log = tmp_path / "worker.log"
    celery = Path(sys.executable).with_name("celery")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(celery), "-A", "palabre", "worker", "--pool=solo", "--concurrency=1",
                "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat",
                "-n", f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    process.log = log
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_a_job_runs_on_a_real_worker_through_redis(worker, queue_to, settings):
    queue_to(REDIS_URL)
    steps = 5
    job = job_start(
        name="jobs.selftest",
        user=make_user(),
        params={"steps": steps, "delay": 0.4},
        label="Check the workers",
    )
    progress_seen = set()
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job.refresh_from_db()
        progress_seen.add(job.progress_done)
        if job.is_finished or worker.poll() is not None:
            break
        time.sleep(0.1)

    log = worker.log.read_text(errors="replace")[-3000:]
    assert worker.poll() is None, f"The worker stopped (code {worker.returncode}):\n{log}"
    assert job.status == JobStatus.SUCCEEDED, f"Job {job.status} {job.error}; worker log:\n{log}"
    assert job.result["steps"] == steps
    assert job.result["pid"] == worker.pid  # run by the worker, not by this process
    assert (job.progress_done, job.progress_total, job.percent) == (steps, steps, 100)
    # The user watching the page saw the job half done on the way.
    assert progress_seen & set(range(1, steps)), progress_seen
    assert (Path(settings.MEDIA_ROOT) / job.result_file.name).read_bytes().startswith(b"steps=5")
