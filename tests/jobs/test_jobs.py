"""The task layer in process (no REDIS_URL) and the pages that show jobs to their owners."""

import os

import pytest
from django.urls import reverse

from palabre.jobs.models import Job, JobStatus
from palabre.jobs.registry import UnknownJobError, register_job
from palabre.jobs.services import job_start
from tests.accounts.factories import make_admin, make_user

from .factories import FinishedJobFactory, JobFactory

pytestmark = pytest.mark.django_db


@register_job("tests.explode")
def _explode(job, **params):
    raise ValueError("Column “e-mail” not found in the file")


@pytest.fixture(autouse=True)
def _in_process(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True


# --- the task layer -------------------------------------------------------------------------


def test_without_redis_a_job_runs_at_once_in_this_process():
    user = make_user()

    job = job_start(name="jobs.selftest", user=user, params={"steps": 4}, label="Check")

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.progress_done, job.progress_total, job.percent) == (4, 4, 100)
    assert job.result["steps"] == 4
    assert job.result["pid"] == os.getpid()
    assert job.result_file.read().startswith(b"steps=4\n")
    assert job.started_at and job.finished_at


def test_a_failing_job_ends_failed_and_its_page_shows_the_error(client):
    user = make_user()

    job = job_start(name="tests.explode", user=user)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Column “e-mail” not found in the file"
    client.force_login(user)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'role="alert"' in page
    assert "Column “e-mail” not found in the file" in page
    assert "hx-trigger" not in page  # a finished job stops polling


def test_when_the_queue_is_unreachable_the_job_fails_with_a_clear_message(
    queue_to, client, django_capture_on_commit_callbacks
):
    queue_to("redis://127.0.0.1:1/0")  # nothing listens on port 1
    user = make_user()

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(name="jobs.selftest", user=user)

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("The background workers could not be reached.")
    client.force_login(user)
    assert "could not be reached" in client.get(job.get_absolute_url()).content.decode()


def test_an_unknown_job_name_is_refused_and_nothing_is_queued():
    with pytest.raises(UnknownJobError, match="no.such.job"):
        job_start(name="no.such.job", user=make_user())
    assert not Job.objects.exists()


# --- the list -------------------------------------------------------------------------------


def test_the_list_asks_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("jobs:list"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_user_sees_only_their_own_jobs_and_an_admin_sees_all(client):
    alice, bob = make_user(), make_user()
    JobFactory(created_by=alice, label="Alice’s export")
    JobFactory(created_by=bob, label="Bob’s import")

    client.force_login(alice)
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Alice’s export" in page
    assert "Bob’s import" not in page

    client.force_login(make_admin())
    page = client.get(reverse("jobs:list")).content.decode()
    assert "Alice’s export" in page and "Bob’s import" in page


def test_the_list_is_paginated_filtered_and_its_queries_do_not_grow(
    client, settings, django_assert_max_num_queries
):
    admin = make_admin()
    client.force_login(admin)
    FinishedJobFactory.create_batch(3, created_by=make_user())
    client.get(reverse("jobs:list"))  # warms the per-process caches (site identity, ...)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("jobs:list"))
    FinishedJobFactory.create_batch(30, created_by=make_user())
    JobFactory(created_by=admin, label="Still waiting")
    with django_assert_max_num_queries(len(few.captured_queries)):
        first = client.get(reverse("jobs:list"))

    assert len(first.context["jobs"]) == settings.PAGE_SIZE
    assert first.context["page_obj"].paginator.num_pages == 2
    queued = client.get(reverse("jobs:list"), {"status": JobStatus.QUEUED})
    assert [job.label for job in queued.context["jobs"]] == ["Still waiting"]
    searched = client.get(reverse("jobs:list"), {"q": "still"})
    assert [job.label for job in searched.context["jobs"]] == ["Still waiting"]


# --- one job's page -------------------------------------------------------------------------


def test_only_the_creator_and_an_admin_see_a_job(client):
    owner = make_user()
    job = FinishedJobFactory(created_by=owner)

    client.force_login(make_user())
    assert client.get(job.get_absolute_url()).status_code == 403
    assert client.get(reverse("jobs:result_file", args=[job.pk])).status_code == 403

    client.force_login(owner)
    assert client.get(job.get_absolute_url()).status_code == 200
    client.force_login(make_admin())
    assert client.get(job.get_absolute_url()).status_code == 200


def test_a_running_job_page_polls_its_status_and_refreshes_without_javascript(client):
    owner = make_user()
    job = JobFactory(created_by=owner, status=JobStatus.RUNNING, progress_done=3, progress_total=12)
    client.force_login(owner)

    page = client.get(job.get_absolute_url()).content.decode()
    assert f'hx-get="{job.get_absolute_url()}"' in page
    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh"' in page
    assert '<progress id="job-progress" class="progress" max="100" value="25">' in page

    # What HTMX fetches every 2 s is the status block alone, not a whole page.
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert html.strip().startswith('<section id="job-status"')
    assert "<html" not in html
    assert "(3 / 12)" in html
    assert "HX-Request" in fragment["Vary"]


def test_a_finished_job_shows_its_result_and_lets_the_creator_download_the_file(client):
    owner = make_user()
    job = job_start(name="jobs.selftest", user=owner, params={"steps": 2})
    client.force_login(owner)

    page = client.get(job.get_absolute_url()).content.decode()
    assert "hx-trigger" not in page
    assert "<noscript>" not in page
    assert "<dt>Steps</dt>" in page
    download = client.get(reverse("jobs:result_file", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"steps=2\n")


def test_a_job_without_file_has_no_download(client):
    owner = make_user()
    job = FinishedJobFactory(created_by=owner)
    client.force_login(owner)

    assert client.get(reverse("jobs:result_file", args=[job.pk])).status_code == 404
    assert (
        reverse("jobs:result_file", args=[job.pk])
        not in client.get(job.get_absolute_url()).content.decode()
    )


def test_a_list_of_rows_in_the_result_shows_as_a_table(client):
    owner = make_user()
    job = FinishedJobFactory(
        created_by=owner,
        result={"bad_rows": [{"line": 7, "error": "Invalid e-mail"}, {"line": 9}]},
    )
    client.force_login(owner)

    page = client.get(job.get_absolute_url()).content.decode()
    assert '<th scope="col">error</th>' in page
    assert '<td data-label="error">Invalid e-mail</td>' in page
    assert '<td data-label="line">9</td>' in page


def test_an_app_template_for_the_job_name_replaces_the_generic_result(client, settings, tmp_path):
    (tmp_path / "jobs" / "results").mkdir(parents=True)
    (tmp_path / "jobs" / "results" / "tests.custom.html").write_text(
        "<p id='custom'>{{ job.result.count }} people imported</p>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    owner = make_user()
    job = FinishedJobFactory(created_by=owner, name="tests.custom", result={"count": 12})
    client.force_login(owner)

    page = client.get(job.get_absolute_url()).content.decode()
    assert "<p id='custom'>12 people imported</p>" in page
    assert "<dt>Count</dt>" not in page


# --- checking the workers -------------------------------------------------------------------


def test_an_admin_checks_the_workers_from_the_jobs_page(client):
    admin = make_admin()
    client.force_login(admin)
    assert reverse("jobs:selftest") in client.get(reverse("jobs:list")).content.decode()

    response = client.post(reverse("jobs:selftest"))

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.name, job.created_by, job.status) == ("jobs.selftest", admin, JobStatus.SUCCEEDED)


def test_a_member_cannot_check_the_workers(client):
    client.force_login(make_user())
    assert reverse("jobs:selftest") not in client.get(reverse("jobs:list")).content.decode()

    assert client.post(reverse("jobs:selftest")).status_code == 403
    assert not Job.objects.exists()
