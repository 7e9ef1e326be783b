"""Matching: the best-fit investor comes first and the reasons say why; currencies are compared
through the dated rates; contact details only where the investor agreed; the pages' queries do
not grow with the number of candidates."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from palabre.investment.models import OpportunityStatus
from palabre.investment.services.matching import matching_investors, matching_opportunities
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_admin, make_user
from tests.investment.factories import (
    ExchangeRateFactory,
    ExpressionOfInterestFactory,
    InvestorProfileFactory,
    OpportunityFactory,
    region,
    sector,
    support,
)
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db


def profile(*, sectors=(), regions=(), offers=(), **fields):
    investor = InvestorProfileFactory(**fields)
    investor.sectors.set([sector(code) for code in sectors])
    investor.regions.set([region(name) for name in regions])
    investor.support_offered.set([support(code) for code in offers])
    return investor


@pytest.fixture
def opportunity(settings):
    settings.PALABRE_REPORTING_CURRENCY = "XOF"
    opportunity = OpportunityFactory(
        sector=sector("cocoa-coffee"),
        region=region("San-Pédro"),
        amount_min=Decimal("10000000"),
        amount_max=Decimal("50000000"),
        currency="XOF",
    )
    opportunity.support_sought.set([support("financing"), support("mentoring")])
    return opportunity


def test_the_best_fit_investor_ranks_first_and_the_reasons_say_why(opportunity):
    sector_only = profile(
        name="Awa (filière seulement)",
        sectors=["cocoa-coffee"],
        ticket_min=Decimal("1000000"),
        ticket_max=Decimal("2000000"),
    )
    region_only = profile(
        name="Bakary (région seulement)",
        regions=["San-Pédro"],
        ticket_min=None,
        ticket_max=None,
        offers=["financing"],
    )
    best = profile(
        name="Zoé (la meilleure)",
        sectors=["cocoa-coffee", "fisheries"],
        regions=["San-Pédro"],
        offers=["mentoring", "financing", "training"],
    )
    profile(  # everything but the sector and the region: no match at all
        name="Hors sujet", sectors=["tourism"], regions=["Nawa"], offers=["financing"]
    )
    profile(  # a perfect fit, but the investor set the profile aside
        name="Inactif", sectors=["cocoa-coffee"], regions=["San-Pédro"], is_active=False
    )

    matches = matching_investors(opportunity)

    assert [(match.item, match.points) for match in matches] == [
        (best, 100),
        (region_only, 25 + 10 + 8),  # half the ticket points, one of two kinds of support
        (sector_only, 40),  # no ticket overlap, no support sought offered
    ]
    assert matches[0].reasons == [
        "Invests in Cocoa and coffee",
        "Interested in the San-Pédro region",
        "Ticket 5,000,000–20,000,000 XOF covers the minimum of 10,000,000 XOF",
        "Offers financing (equity, loan) and mentoring, which the project seeks",
    ]
    assert matching_investors(opportunity, limit=1)[0].item == best


def test_an_investor_in_another_currency_is_matched_through_the_dated_rates(opportunity):
    in_euros = profile(
        sectors=["cocoa-coffee"],
        ticket_min=Decimal("10000"),  # 6,559,570 XOF
        ticket_max=Decimal("30000"),  # 19,678,710 XOF: reaches the 10,000,000 XOF minimum
        currency="EUR",
    )
    too_small = profile(
        sectors=["cocoa-coffee"],
        ticket_min=Decimal("1000"),
        ticket_max=Decimal("15000"),  # 9,839,355 XOF: short of the minimum
        currency="EUR",
    )
    # Without a rate nothing can be compared: both get the benefit of the doubt (half).
    assert {m.item: m.points for m in matching_investors(opportunity)} == {
        in_euros: 50,
        too_small: 50,
    }

    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2020, 1, 1), rate="655.957")
    matches = {m.item: m for m in matching_investors(opportunity)}
    assert matches[in_euros].points == 60
    assert "Ticket 10,000–30,000 EUR covers the minimum of 10,000,000 XOF" in (
        matches[in_euros].reasons
    )
    assert matches[too_small].points == 40


def test_an_opportunity_seeking_nothing_special_gives_full_support_points_to_financing():
    opportunity = OpportunityFactory(sector=sector("fisheries"), region=region("Cavally"))
    financier = profile(sectors=["fisheries"], offers=["financing"])
    mentor = profile(sectors=["fisheries"], offers=["mentoring"])
    matches = {m.item: m for m in matching_investors(opportunity)}
    assert matches[financier].points == 40 + 20 + 15
    assert "Offers financing (equity, loan)" in matches[financier].reasons
    assert matches[mentor].points == 40 + 20


def test_an_investor_sees_the_open_opportunities_they_may_read_newest_first_on_a_tie():
    investor = profile(sectors=["cocoa-coffee"], regions=["San-Pédro"])
    now = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    older = OpportunityFactory(published_at=now - datetime.timedelta(days=9))
    newer = OpportunityFactory(published_at=now)
    sector_only = OpportunityFactory(region=region("Nawa"), published_at=now)
    OpportunityFactory(status=OpportunityStatus.FUNDED)  # no longer accepts interest
    OpportunityFactory(visibility=Visibility.MEMBERS)  # its space's members only
    OpportunityFactory(sector=sector("tourism"), region=region("Nawa"))  # nothing in common

    matches = matching_opportunities(investor)

    assert [m.item for m in matches] == [newer, older, sector_only]
    assert matches[2].reasons[0] == "Invests in Cocoa and coffee"


# The pages ---------------------------------------------------------------------------------


@pytest.fixture
def officer(opportunity):
    return member_user(opportunity.space, role=Role.INVESTMENT_OFFICER)


def test_officers_see_a_contact_only_where_the_investor_agreed(client, opportunity, officer):
    profile(
        name="Partage avec les chargés",
        sectors=["cocoa-coffee"],
        share_contact_with_officers=True,
        contact_email="partage@example.org",
    )
    profile(name="Ne partage pas", sectors=["cocoa-coffee"], contact_email="discret@example.org")
    told_us = profile(
        name="A manifesté son intérêt", sectors=["cocoa-coffee"], contact_email="dit@example.org"
    )
    ExpressionOfInterestFactory(opportunity=opportunity, investor=told_us, share_contact=True)
    told_others = profile(
        name="Intéressé ailleurs", sectors=["cocoa-coffee"], contact_email="ailleurs@example.org"
    )
    ExpressionOfInterestFactory(investor=told_others, share_contact=True)
    url = reverse("investment:opportunity_matches", args=[opportunity.pk])

    client.force_login(officer)
    text = client.get(url).content.decode()

    assert "partage@example.org" in text and "dit@example.org" in text
    assert "discret@example.org" not in text and "ailleurs@example.org" not in text
    assert "Ne partage pas" in text and "Contact details not shared with you." in text

    # The promoter is told only by those who wrote to this opportunity with their contact.
    opportunity.promoter = make_user()
    opportunity.save()
    client.force_login(opportunity.promoter)
    text = client.get(url).content.decode()
    assert "dit@example.org" in text and "partage@example.org" not in text


def test_the_matching_investors_are_for_those_who_follow_the_opportunity(client, opportunity):
    url = reverse("investment:opportunity_matches", args=[opportunity.pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 403
    client.force_login(make_admin())
    assert client.get(url).status_code == 200


def test_an_investor_sees_their_matches_and_nobody_else_does(client):
    investor = profile(sectors=["cocoa-coffee"])
    opportunity = OpportunityFactory(title="Broyage de cacao à Méagui")
    url = reverse("investment:investor_matches", args=[investor.pk])

    client.force_login(investor.user)
    page = client.get(url)
    assert "Broyage de cacao à Méagui" in page.content.decode()
    assert "Invests in Cocoa and coffee" in page.content.decode()
    assert [m.item for m in page.context["matches"]] == [opportunity]

    client.force_login(make_user())
    assert client.get(url).status_code == 403


def test_the_opportunity_of_a_hidden_space_stays_unknown(client):
    opportunity = OpportunityFactory(space=SpaceFactory(visibility=Visibility.MEMBERS))
    url = reverse("investment:opportunity_matches", args=[opportunity.pk])
    client.force_login(make_user())
    assert client.get(url).status_code == 404


def add_candidates(count: int) -> None:
    for index in range(count):
        profile(
            sectors=["cocoa-coffee", "fisheries"],
            regions=["San-Pédro", "Nawa"],
            offers=["financing", "mentoring"],
            currency="EUR" if index % 2 else "XOF",
            share_contact_with_officers=bool(index % 3),
        )


def test_the_matching_investors_cost_the_same_with_3_or_20_candidates(client, opportunity, officer):
    ExchangeRateFactory()
    client.force_login(officer)
    url = reverse("investment:opportunity_matches", args=[opportunity.pk])
    add_candidates(3)
    with_three = queries_for(client, url)
    add_candidates(17)
    assert queries_for(client, url) == with_three
    assert len(client.get(url).context["matches"]) == 20


def test_the_matching_opportunities_cost_the_same_with_3_or_20_opportunities(client):
    investor = profile(sectors=["cocoa-coffee"], regions=["Nawa"])
    client.force_login(investor.user)
    url = reverse("investment:investor_matches", args=[investor.pk])
    OpportunityFactory.create_batch(3)
    with_three = queries_for(client, url)
    for opportunity in OpportunityFactory.create_batch(17):
        opportunity.support_sought.set([support("mentoring")])
    assert queries_for(client, url) == with_three


def test_the_opportunity_and_the_profile_pages_link_to_their_matches(client, opportunity):
    matches = reverse("investment:opportunity_matches", args=[opportunity.pk])
    page = opportunity.get_absolute_url()
    assert matches not in client.get(page).content.decode()
    client.force_login(member_user(opportunity.space))
    assert matches not in client.get(page).content.decode()
    client.force_login(member_user(opportunity.space, role=Role.INVESTMENT_OFFICER))
    assert matches in client.get(page).content.decode()

    investor = profile(sectors=["cocoa-coffee"])
    client.force_login(investor.user)
    assert "See the opportunities that match my profile" in (
        client.get(investor.get_absolute_url()).content.decode()
    )
    client.force_login(member_user(opportunity.space, role=Role.INVESTMENT_OFFICER))
    assert "See the opportunities that match" not in (
        client.get(investor.get_absolute_url()).content.decode()
    )


def test_an_inactive_profile_is_told_it_matches_nothing(client):
    investor = profile(sectors=["cocoa-coffee"], is_active=False)
    OpportunityFactory()
    client.force_login(investor.user)
    page = client.get(reverse("investment:investor_matches", args=[investor.pk]))
    assert page.context["matches"] == []
    assert "This profile is inactive" in page.content.decode()
