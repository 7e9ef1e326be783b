"""The demo of measuring and capitalising: the committee's logframe, the register, the charter and
the capitalisation reports, seeded once by `seed-demo` (seeding takes a while: one test reads it
all), and seeding again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from palabre.accounts.models import User
from palabre.indicators import demo as indicators_demo
from palabre.indicators.models import Indicator, IndicatorValue, Method
from palabre.indicators.selectors.figures import figures_for
from palabre.knowledge import demo_charter, demo_register, demo_reports
from palabre.knowledge.models import (
    CapitalisationReport,
    Charter,
    Lesson,
    Recommendation,
    RecommendationUpdate,
)
from palabre.meetings.models import Outcome
from palabre.spaces.demo import COMMITTEE, CONCERTATION
from palabre.spaces.models import Space
from palabre.workflow.models import State
from palabre.workflow.selectors import revisions_of

pytestmark = pytest.mark.django_db

SEEDERS = [indicators_demo, demo_register, demo_charter, demo_reports]


def check_logframe():
    committee = Space.objects.get(slug=COMMITTEE)
    indicators = {i.code: i for i in Indicator.objects.filter(space=committee)}
    assert set(indicators) == {"IMP1", "R1", "R1.1", "R2", "R3", "R4", "R5", "R6", "P1"}
    assert indicators["R2"].rule == "tools_capitalised_per_country"
    assert sorted(indicators["R2"].countries.values_list("iso2", flat=True)) == [
        "CI",
        "MA",
        "ML",
        "SN",
    ]
    figures = {row.indicator.code: row for row in figures_for(committee)}
    assert figures["R1"].current.value > 0
    breakdowns = {b.dimension for b in figures["R1"].current.result.breakdowns}
    assert breakdowns == set(indicators_demo.PARTICIPATION)
    assert len(figures["R2"].current.result.breakdowns[0].parts) == 4
    met = {code: row.current.met for code, row in figures.items()}
    assert True in met.values() and False in met.values()
    # The output entered by hand has its semesters, with sources, one with its evidence.
    trained = IndicatorValue.objects.filter(indicator=indicators["P1"])
    assert trained.count() == len(indicators_demo.TRAINED_VALUES)
    assert all(value.source for value in trained)
    assert trained.exclude(evidence="").count() == 1
    assert indicators["IMP1"].method == Method.ENTERED


def check_register(client):
    spaces = [COMMITTEE, CONCERTATION]
    lessons = Lesson.objects.filter(space__slug__in=spaces)
    recommendations = Recommendation.objects.filter(space__slug__in=spaces)
    assert lessons.count() >= 25 and recommendations.count() >= 30
    for slug in spaces:
        assert lessons.filter(space__slug=slug).count() >= 10
    assert lessons.filter(meetings__isnull=False).distinct().count() >= 10
    assert lessons.filter(actions__isnull=False).exists()
    assert recommendations.filter(tools__isnull=False).exists()
    assert recommendations.filter(tags__isnull=False).distinct().count() >= 25
    assert len(set(recommendations.values_list("status", flat=True))) == 5
    for recommendation in recommendations.prefetch_related("updates"):
        updates = list(recommendation.updates.all())
        if updates:
            assert updates[-1].to_status == recommendation.status, recommendation.title
    years = {update.date.year for update in RecommendationUpdate.objects.all()}
    assert {2025, 2026} <= years
    assert recommendations.filter(source_outcome__isnull=False).count() >= 5
    left_to_capture = Outcome.objects.filter(
        kind="recommendation", knowledge_recommendation__isnull=True
    )
    assert left_to_capture.exists()
    html = client.get(
        reverse("knowledge:register", args=[CONCERTATION]),
        {"kind": "recommendations", "q": "guichet"},
    ).content.decode()
    assert "Ouvrir le guichet diaspora le samedi matin" in html
    assert "Une médiation entre associations" not in html  # restricted


def check_charter(client):
    charter = Charter.objects.get(space__slug=CONCERTATION)
    state = (charter.workflow_state, charter.version, charter.quorum_percent)
    assert state == (State.IN_REVIEW, 2, 60)
    assert revisions_of(charter).get().published_at is not None
    assert not Charter.objects.filter(space__slug=COMMITTEE).exists()
    page = client.get(reverse("knowledge:charter_versions", args=[CONCERTATION])).content.decode()
    assert "Version 2 compared with version 1" in page
    assert "<del>50</del>" in page and "<ins>60</ins>" in page
    assert "Rapport annuel public" in page and "portuaires" in page
    client.force_login(User.objects.get(email=demo_charter.SECRETARIAT))
    offer = client.get(reverse("knowledge:charter", args=[COMMITTEE]))
    assert "Start the charter" in offer.content.decode()
    client.logout()


def check_reports(client):
    first = CapitalisationReport.objects.get(title=demo_reports.FIRST["title"])
    second = CapitalisationReport.objects.get(title=demo_reports.SECOND["title"])
    assert CapitalisationReport.objects.count() == 2
    assert first.workflow_state == State.PUBLISHED
    assert first.approved_by.email == "approver@example.org"
    assert first.figures["participation"]["total"] > 0 and first.figures["meetings"]
    assert first.lessons.exists()
    assert second.workflow_state == State.DRAFT and second.figures["meetings"]
    page = client.get(first.get_absolute_url())  # published and public: anyone reads it
    assert page.status_code == 200 and "Estelle Zadi" in page.content.decode()


def counts() -> tuple:
    return tuple(
        model.objects.count()
        for model in (
            Indicator,
            IndicatorValue,
            Lesson,
            Recommendation,
            RecommendationUpdate,
            Charter,
            CapitalisationReport,
        )
    )


def test_the_demo_measures_and_capitalises_and_seeding_again_changes_nothing(mailoutbox, client):
    call_command("seed_demo", stdout=io.StringIO(), show_accounts=False)
    check_logframe()
    check_register(client)
    check_charter(client)
    check_reports(client)

    before = counts()
    for seeder in SEEDERS:
        seeder.seed(stdout=io.StringIO())
    assert counts() == before
