"""The demo's consultations: one finished and analysed into opinion groups, one open with
statements awaiting moderation; seeding twice changes nothing."""

import importlib
import io

import pytest
from django.urls import reverse

from palabre.deliberation import demo_consultations
from palabre.deliberation.models import (
    Consultation,
    ConsultationAnalysis,
    ConsultationStatus,
    Statement,
    StatementStatus,
    StatementVote,
)
from palabre.deliberation.selectors_consultations import analysis_results

pytestmark = pytest.mark.django_db

# What the consultations need of the demo: its spaces and accounts (not its meetings).
NEEDED = [
    "palabre.territories.demo",
    "palabre.directory.demo",
    "palabre.spaces.demo",
    "palabre.accounts.demo",
]


@pytest.fixture
def seeded(mailoutbox):
    for module in NEEDED:
        importlib.import_module(module).seed(stdout=io.StringIO())
    demo_consultations.seed(stdout=io.StringIO())


def test_the_finished_consultation_has_three_opinion_groups_and_a_consensus(seeded, mailoutbox):
    finished = Consultation.objects.get(status=ConsultationStatus.CLOSED)
    assert "San-Pédro, Nawa et Cavally" in finished.question
    assert finished.statements.filter(status=StatementStatus.ACCEPTED).count() == 40
    assert (
        finished.statements.filter(status=StatementStatus.REJECTED)
        .exclude(moderation_reason="")
        .count()
        == 2
    )
    analysis = ConsultationAnalysis.objects.get(consultation=finished)
    assert analysis.participant_count >= 250
    assert analysis.group_count == 3
    results = analysis_results(analysis)
    consensus = {row.statement.text for row in results.consensus}
    assert any("guichet unique" in text for text in consensus)
    assert any("seuls investisseurs" in text for text in consensus)  # rejected by every group
    assert len(results.divisive) >= 10
    assert mailoutbox == []


def test_the_open_consultation_waits_for_moderation(seeded):
    open_ = Consultation.objects.get(status=ConsultationStatus.OPEN)
    assert open_.is_open_now
    assert open_.statements.filter(status=StatementStatus.PENDING).count() == 4
    assert open_.statements.filter(author__email="diaspora@example.org").exists()


def test_the_demo_results_are_public_once_closed(client, seeded):
    finished = Consultation.objects.get(status=ConsultationStatus.CLOSED)
    response = client.get(
        reverse("deliberation:consultation_results", args=[finished.space.slug, finished.pk])
    )
    assert response.status_code == 200
    assert "Group C" in response.content.decode()


def test_seeding_the_consultations_twice_changes_nothing(seeded):
    before = (
        Consultation.objects.count(),
        Statement.objects.count(),
        StatementVote.objects.count(),
        ConsultationAnalysis.objects.count(),
    )
    demo_consultations.seed(stdout=io.StringIO())
    after = (
        Consultation.objects.count(),
        Statement.objects.count(),
        StatementVote.objects.count(),
        ConsultationAnalysis.objects.count(),
    )
    assert after == before
