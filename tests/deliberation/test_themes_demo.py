"""The demo's themes and rounds: every status but "in the plan", a hidden comment, a closed round
of about forty ballots with results per college, an open round; seeding twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from palabre.deliberation import demo_themes
from palabre.deliberation.models import (
    Ballot,
    PrioritisationRound,
    RoundStatus,
    Theme,
    ThemeComment,
    ThemeStatus,
    ThemeSupport,
)
from palabre.deliberation.selectors_rounds import round_results
from palabre.spaces.demo import CONCERTATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(mailoutbox):
    call_command("seed_demo", "--no-accounts", stdout=io.StringIO())
    demo_themes.seed(stdout=io.StringIO())


def test_the_demo_has_themes_in_every_status_and_a_hidden_comment(seeded, client):
    themes = Theme.objects.filter(space__slug=CONCERTATION)
    assert themes.count() == 13
    # The action plans' demo, seeded after the themes, puts the retained ones in its plan.
    assert set(themes.values_list("status", flat=True)) == set(ThemeStatus.values)
    assert len(set(themes.values_list("axis", flat=True))) == 8
    set_aside = themes.get(status=ThemeStatus.SET_ASIDE)
    assert "relève de l'État" in set_aside.status_reason
    assert ThemeSupport.objects.count() > 50
    hidden = ThemeComment.objects.get(hidden_at__isnull=False)
    assert hidden.hidden_reason and ThemeComment.objects.filter(parent__isnull=False).exists()
    # A visitor reads the themes of the public space.
    response = client.get(f"/espaces/{CONCERTATION}/thematiques/?sort=supported")
    assert response.status_code == 200 and len(response.context["themes"]) == 13


def test_the_demo_has_a_closed_round_with_results_per_college_and_an_open_one(seeded, client):
    closed = PrioritisationRound.objects.get(status=RoundStatus.CLOSED)
    results = round_results(closed)
    assert 35 <= results.ballots <= 45
    assert len(results.colleges) >= 5
    assert results.overall.rows[0].score > results.overall.rows[-1].score
    # The colleges do not all agree.
    assert len({ranking.rows[0].theme.pk for ranking in results.colleges}) > 1
    opened = PrioritisationRound.objects.get(status=RoundStatus.OPEN)
    assert opened.is_open_now and Ballot.objects.filter(round=opened).count() >= 10
    assert not Ballot.objects.filter(
        round=opened, voter__email__in=["chair@example.org", "diaspora@example.org"]
    ).exists()
    assert client.get(closed.get_absolute_url()).status_code == 200
    assert "Overall (" in client.get(closed.get_absolute_url()).content.decode()


def test_seeding_the_themes_twice_changes_nothing(seeded, django_user_model):
    counts = (
        Theme.objects.count(),
        ThemeSupport.objects.count(),
        ThemeComment.objects.count(),
        PrioritisationRound.objects.count(),
        Ballot.objects.count(),
        django_user_model.objects.count(),
    )
    demo_themes.seed(stdout=io.StringIO())
    assert (
        Theme.objects.count(),
        ThemeSupport.objects.count(),
        ThemeComment.objects.count(),
        PrioritisationRound.objects.count(),
        Ballot.objects.count(),
        django_user_model.objects.count(),
    ) == counts
