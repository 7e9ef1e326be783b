"""Capitalisation reports: the figures assembled from the data of a small ledger, writing the draft,
the workflow's guards, figures frozen once approved, the list, and who may do what."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.actions.models import ActionStatus
from palabre.audit.models import AuditEvent
from palabre.indicators.models import Indicator
from palabre.knowledge.models import CapitalisationReport, Lesson, Recommendation
from palabre.knowledge.services.assembly import refresh_figures, report_create
from palabre.meetings.models import OutcomeKind
from palabre.spaces.models import Role, Visibility
from palabre.workflow.models import State
from palabre.workflow.services import workflow_act
from tests.actions.factories import ActionFactory, ActionPlanFactory
from tests.directory.factories import PersonFactory
from tests.indicators.fixtures import at, ledger
from tests.meetings.factories import (
    AttendanceFactory,
    MeetingFactory,
    MinutesFactory,
    OutcomeFactory,
)
from tests.spaces.factories import member_user

pytestmark = pytest.mark.django_db

H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


@pytest.fixture
def world():
    book = ledger()
    space = book.committee
    users = {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        "member": member_user(space),
    }
    return space, book, users


def make_report(space, actor, period=H1, **fields) -> CapitalisationReport:
    return report_create(
        space=space,
        title=fields.pop("title", "Étape 1 — constitution du comité"),
        stage="Constitution",
        period_start=period[0],
        period_end=period[1],
        actor=actor,
        **fields,
    )


def lesson(space, title, day, actor, **fields):
    return Lesson.objects.create(
        space=space,
        title=title,
        statement=fields.pop("statement", f"{title} : ce que le comité a appris."),
        learned_on=day,
        created_by=actor,
        **fields,
    )


def written(report) -> CapitalisationReport:
    CapitalisationReport.objects.filter(pk=report.pk).update(
        context="Le comité est né d'une demande des régions.",
        results="Un comité constitué et une charte adoptée.",
    )
    report.refresh_from_db()
    return report


def approved(report, users) -> CapitalisationReport:
    workflow_act(obj=written(report), action="submit", actor=users["secretariat"])
    workflow_act(obj=report, action="approve", actor=users["approver"])
    report.refresh_from_db()
    return report


def test_the_figures_are_those_of_the_ledger(world):
    space, book, users = world
    plan = ActionPlanFactory(space=space, period_start=H1[0], period_end=H1[1])
    ActionFactory(plan=plan, status=ActionStatus.DONE)
    ActionFactory(plan=plan, status=ActionStatus.IN_PROGRESS)
    ActionFactory(plan=plan, status=ActionStatus.DONE)
    Indicator.objects.create(
        space=space,
        code="R1.1",
        title="Participants uniques",
        level="output",
        unit="number",
        method="computed",
        rule="unique_participants",
        target=10,
        frequency="semester",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    report = make_report(space, users["secretariat"])
    figures = report.figures

    participation = figures["participation"]
    assert (participation["total"], participation["women"], participation["men"]) == (6, 2, 2)
    assert participation["unknown"] == 2
    assert participation["women_share"] == 50.0
    origin = {part["key"]: part["value"] for part in participation["breakdowns"]["origin"]}
    assert origin == {"resident": 2, "diaspora": 3, "unknown": 1}

    # M1, M2 and the child space's training M3; the cancelled M4 and September's M5 are out.
    assert [meeting["date"] for meeting in figures["meetings"]] == [
        "2026-02-10",
        "2026-03-15",
        "2026-05-20",
    ]
    # M1: A, B, C, E (H's line was removed).
    assert figures["meetings"][0]["attendees"] == 4

    [plan_row] = figures["actions"]
    counts = {row["key"]: row["count"] for row in plan_row["by_status"]}
    assert plan_row["total"] == 3 and counts["done"] == 2 and counts["in_progress"] == 1

    [indicator] = figures["indicators"]
    assert (indicator["code"], indicator["value"], indicator["target"]) == ("R1.1", 6, 10)
    assert indicator["period"] == "2026-S1"


def test_only_decisions_of_approved_minutes_count(world):
    space, book, users = world
    first = MeetingFactory(space=space, starts_at=at("2026-04-20"))
    second = MeetingFactory(space=space, starts_at=at("2026-04-27"))
    approved_minutes = MinutesFactory(
        meeting=first, workflow_state=State.APPROVED, visibility=Visibility.PUBLIC
    )
    draft_minutes = MinutesFactory(meeting=second, visibility=Visibility.PUBLIC)
    OutcomeFactory(minutes=approved_minutes, text="Le comité adopte sa charte.")
    OutcomeFactory(minutes=draft_minutes, text="Décision encore en discussion.")
    OutcomeFactory(
        minutes=approved_minutes, kind=OutcomeKind.RECOMMENDATION, text="Une recommandation."
    )
    report = make_report(space, users["secretariat"])
    assert [row["text"] for row in report.figures["decisions"]] == ["Le comité adopte sa charte."]


def test_a_public_report_tells_only_what_the_public_may_read(client, world):
    space, book, users = world
    meeting = MeetingFactory(
        space=space, title="Réunion restreinte sur le budget", starts_at=at("2026-04-20")
    )
    minutes = MinutesFactory(
        meeting=meeting, workflow_state=State.PUBLISHED, visibility=Visibility.MEMBERS
    )
    OutcomeFactory(minutes=minutes, text="Le budget 2027 est arrêté à huis clos.")
    report = make_report(space, users["secretariat"])
    client.force_login(users["member"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "huis clos" not in page and "Réunion restreinte sur le budget" not in page
    assert "title not shown" in page

    client.force_login(users["secretariat"])
    client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, visibility=Visibility.MEMBERS),
    )
    page = client.get(report.get_absolute_url()).content.decode()
    assert "huis clos" in page and "Réunion restreinte sur le budget" in page


def test_a_new_report_is_prefilled_from_the_space_and_the_period(world):
    space, book, users = world
    space.description = "Le comité de suivi associe les régions et leur diaspora."
    space.save()
    inside = lesson(
        space, "Inviter tôt les associations", datetime.date(2026, 3, 1), users["secretariat"]
    )
    lesson(space, "Une leçon de 2025", datetime.date(2025, 11, 1), users["secretariat"])
    recommendation = Recommendation.objects.create(
        space=space, title="Ouvrir un guichet", statement="…", created_by=users["secretariat"]
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(created_at=at("2026-04-02"))

    report = make_report(space, users["secretariat"])

    assert report.context == space.description
    assert "3 meetings were held" in report.process
    assert "6 unique participants took part" in report.process
    assert "2 of them are women (50 %" in report.process
    assert list(report.lessons.all()) == [inside]
    assert list(report.recommendations.all()) == [recommendation]
    assert AuditEvent.objects.filter(action="capitalisation_report.create").exists()


def test_the_create_page_refuses_a_period_that_ends_before_it_starts(client, world):
    space, book, users = world
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_create", args=[space.slug]),
        {
            "title": "Étape 2",
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert "The period must end after it starts." in response.content.decode()
    assert not CapitalisationReport.objects.exists()


def test_the_create_page_makes_a_draft_with_its_figures(client, world):
    space, book, users = world
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_create", args=[space.slug]),
        {
            "title": "Étape 1",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "visibility": "public",
        },
    )
    report = CapitalisationReport.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.workflow_state == State.DRAFT
    assert report.figures["participation"]["total"] == 6


def edit_payload(report, **changes):
    return {
        "title": report.title,
        "stage": report.stage,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "visibility": report.visibility,
        "context": report.context,
        "process": report.process,
        "results": "Le comité s'est réuni trois fois.",
        "replication": "",
        **changes,
    }


def test_the_secretariat_writes_the_draft_and_chooses_its_lessons(client, world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    chosen = lesson(
        space, "Traduire les invitations", datetime.date(2025, 5, 1), users["secretariat"]
    )
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, replication="Un secrétariat permanent.", lessons=[chosen.pk]),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.replication == "Un secrétariat permanent."
    assert list(report.lessons.all()) == [chosen]
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Traduire les invitations" in page and "Un secrétariat permanent." in page


def test_changing_the_period_assembles_the_figures_again(client, world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    client.force_login(users["secretariat"])
    client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, period_end="2026-12-31"),
    )
    report.refresh_from_db()
    # J came to the September meeting.
    assert report.figures["participation"]["total"] == 7


def test_a_member_cannot_edit_nor_refresh(client, world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    client.force_login(users["member"])
    edit = client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, title="Détourné"),
    )
    refresh = client.post(reverse("knowledge:report_refresh", args=[space.slug, report.pk]))
    assert edit.status_code == 403 and refresh.status_code == 403
    report.refresh_from_db()
    assert report.title == "Étape 1 — constitution du comité"


def test_edits_and_refreshes_are_refused_once_submitted(client, world):
    space, book, users = world
    report = written(make_report(space, users["secretariat"]))
    workflow_act(obj=report, action="submit", actor=users["secretariat"])
    assembled_at = CapitalisationReport.objects.get(pk=report.pk).assembled_at
    client.force_login(users["secretariat"])

    edit = client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, title="Changé après soumission"),
    )
    assert edit.status_code == 200
    assert "can no longer change" in edit.content.decode()
    refresh = client.post(
        reverse("knowledge:report_refresh", args=[space.slug, report.pk]), follow=True
    )
    assert "can no longer change" in refresh.content.decode()

    report.refresh_from_db()
    assert report.title == "Étape 1 — constitution du comité"
    assert report.assembled_at == assembled_at


def test_refreshing_a_draft_takes_the_new_data(world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    AttendanceFactory(
        meeting=space.meetings.order_by("starts_at").first(), person=PersonFactory(gender="F")
    )
    refresh_figures(report=report, actor=users["secretariat"])
    report.refresh_from_db()
    assert report.figures["participation"]["women"] == 3
    assert AuditEvent.objects.filter(action="capitalisation_report.refresh_figures").exists()


def test_submission_is_refused_without_the_texts(client, world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_action", args=[space.slug, report.pk]),
        {"action": "submit"},
        follow=True,
    )
    assert "Write these sections before submitting the report" in response.content.decode()
    report.refresh_from_db()
    assert report.workflow_state == State.DRAFT


def test_submission_is_refused_without_figures(client, world):
    space, book, users = world
    report = written(make_report(space, users["secretariat"]))
    CapitalisationReport.objects.filter(pk=report.pk).update(figures={})
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_action", args=[space.slug, report.pk]),
        {"action": "submit"},
        follow=True,
    )
    assert "Assemble the figures before submitting the report." in response.content.decode()
    assert CapitalisationReport.objects.get(pk=report.pk).workflow_state == State.DRAFT


def test_an_approved_report_keeps_its_figures(client, world):
    space, book, users = world
    report = approved(make_report(space, users["secretariat"]), users)
    # Data recorded afterwards, in the report's period.
    meeting = MeetingFactory(space=space, starts_at=at("2026-06-01"))
    for _ in range(5):
        AttendanceFactory(meeting=meeting, person=PersonFactory(gender="F"))

    client.force_login(users["member"])
    page = client.get(report.get_absolute_url())
    assert page.context["participation"]["total"] == 6
    assert page.context["meetings_summary"]["count"] == 3
    assert "approved by" in page.content.decode()


def test_the_list_filters_searches_and_hides_drafts_from_visitors(client, world):
    space, book, users = world
    draft = make_report(space, users["secretariat"], title="Étape 2 — consolidation")
    published = approved(make_report(space, users["secretariat"]), users)
    workflow_act(obj=published, action="publish", actor=users["secretariat"])
    url = reverse("knowledge:reports", args=[space.slug])

    def titles(client, query=""):
        return [report.title for report in client.get(url + query).context["reports"]]

    assert titles(client) == [published.title]
    client.force_login(users["member"])
    assert set(titles(client)) == {draft.title, published.title}
    assert titles(client, "?state=draft") == [draft.title]
    assert titles(client, "?q=consolidation") == [draft.title]
    partial = client.get(url + "?state=draft", headers={"HX-Request": "true"}).content.decode()
    assert draft.title in partial and "<h1>" not in partial


def list_queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_costs_the_same_with_2_or_12_reports(client, world):
    space, book, users = world
    client.force_login(users["member"])
    url = reverse("knowledge:reports", args=[space.slug])
    for index in range(2):
        make_report(space, users["secretariat"], title=f"Étape {index}")
    with_two = list_queries(client, url)
    for index in range(10):
        make_report(space, users["secretariat"], title=f"Étape bis {index}")
    assert list_queries(client, url) == with_two


def test_the_report_page_shows_the_figures_and_charts(client, world):
    space, book, users = world
    report = make_report(space, users["secretariat"])
    client.force_login(users["member"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<svg" in page and "Participants by gender" in page
    assert "50 % of the participants whose gender is recorded" in page


def test_a_restricted_lesson_stays_out_of_a_public_report(client, world):
    space, book, users = world
    secret = lesson(
        space,
        "Négociation confidentielle",
        datetime.date(2026, 3, 1),
        users["secretariat"],
        visibility=Visibility.RESTRICTED,
    )
    report = make_report(space, users["secretariat"])
    assert not report.lessons.exists()

    client.force_login(users["secretariat"])
    response = client.post(
        reverse("knowledge:report_edit", args=[space.slug, report.pk]),
        edit_payload(report, lessons=[secret.pk]),
    )
    assert response.status_code == 200
    assert "not open to the readers of the report" in response.content.decode()
    assert not report.lessons.exists()
