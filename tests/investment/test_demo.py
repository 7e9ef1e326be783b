"""The investment demo: tools at various stages in each partner country, opportunities in the
three regions, investor profiles and expressions of interest, all fictional and idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from palabre.accounts.models import User
from palabre.investment import demo
from palabre.investment.models import (
    STAGE_ORDER,
    ExchangeRate,
    ExpressionOfInterest,
    IncentiveTool,
    InterestStatusChange,
    InvestorProfile,
    MobilisedAmount,
    Opportunity,
    PilotActivity,
    StageChange,
)
from palabre.investment.services.rates import total_of
from palabre.investment.services.stages import missing_for_stage
from palabre.knowledge.models import Lesson, Recommendation
from palabre.spaces.models import Membership, Role

pytestmark = pytest.mark.django_db

MODELS = [
    ExchangeRate,
    IncentiveTool,
    PilotActivity,
    MobilisedAmount,
    Lesson,
    Recommendation,
    StageChange,
    Opportunity,
    InvestorProfile,
    ExpressionOfInterest,
    InterestStatusChange,
    User,
    Membership,
]


@pytest.fixture
def seeded(mailoutbox):
    call_command("seed_demo", stdout=io.StringIO(), show_accounts=False)


def test_each_partner_country_has_three_or_four_tools_at_various_stages(seeded):
    for iso2 in ["CI", "MA", "ML", "SN"]:
        tools = IncentiveTool.objects.filter(country__iso2=iso2)
        assert 3 <= tools.count() <= 4, iso2
        assert len(set(tools.values_list("stage", flat=True))) >= 2, iso2
    # Every tool holds what its stage means, and its recorded changes lead to that stage.
    for tool in IncentiveTool.objects.all():
        for stage in STAGE_ORDER[1 : tool.stage_index + 1]:
            assert not missing_for_stage(tool, stage), (tool.title, stage)
        last = tool.stage_changes.order_by("-at", "-pk").first()
        assert (last.to_stage if last else "identified") == tool.stage, tool.title
    # The pilots' lessons are in the knowledge register, linked to their tools.
    capitalised = IncentiveTool.objects.filter(stage="capitalised")
    assert capitalised.exists()
    for tool in capitalised:
        assert tool.lessons.filter(space=tool.space).exists(), tool.title
        assert tool.recommendations.filter(space=tool.space).exists(), tool.title
    # Amounts over two years in several currencies, all convertible with the demo's rates.
    amounts = MobilisedAmount.objects.all()
    assert {a.date.year for a in amounts} == {2025, 2026}
    assert len({a.currency for a in amounts}) >= 4
    assert total_of(amounts).is_complete


def test_opportunities_investors_and_interests_are_fictional_and_coherent(seeded):
    opportunities = Opportunity.objects.all()
    assert opportunities.count() >= 25
    assert {"San-Pédro", "Nawa", "Cavally"} <= set(
        opportunities.values_list("region__name", flat=True)
    )
    assert opportunities.filter(status="open").count() > opportunities.count() / 2
    assert opportunities.filter(visibility="members").exists()
    assert InvestorProfile.objects.count() >= 35
    assert InvestorProfile.objects.values("country_of_residence").distinct().count() >= 8
    interests = ExpressionOfInterest.objects.all()
    assert interests.count() >= 20
    assert len(set(interests.values_list("status", flat=True))) == 5
    for interest in interests.prefetch_related("status_changes"):
        changes = sorted(interest.status_changes.all(), key=lambda c: (c.date, c.pk))
        assert changes[-1].to_status == interest.status
        assert changes[0].date >= timezone.localdate(interest.opportunity.published_at)
    officer = User.objects.get(email=demo.OFFICER_EMAIL)
    assert officer.check_password("palabre-demo-2026")
    assert Membership.objects.filter(
        person__user=officer,
        role=Role.INVESTMENT_OFFICER,
        space__slug=demo.spaces_demo.CONCERTATION,
    ).exists()
    assert officer.has_perm("investment.view_investors")
    # The cooperative's manager signs in and follows the interests her opportunity received.
    promoter = User.objects.get(email=demo.PROMOTER_EMAIL)
    dryers = Opportunity.objects.get(title=demo.MEAGUI_DRYERS, promoter=promoter)
    assert promoter.has_perm("investment.follow_opportunity", dryers)
    assert dryers.interests.count() >= 2
    # Fictional people only: every address is at example.org (or one of its subdomains).
    emails = set(User.objects.values_list("email", flat=True))
    emails |= set(InvestorProfile.objects.values_list("contact_email", flat=True))
    domains = {email.rpartition("@")[2] for email in emails}
    assert {d for d in domains if d != "example.org" and not d.endswith(".example.org")} == set()


def test_seeding_twice_changes_nothing(seeded):
    before = [model.objects.count() for model in MODELS]
    demo.seed(stdout=io.StringIO())
    assert [model.objects.count() for model in MODELS] == before
