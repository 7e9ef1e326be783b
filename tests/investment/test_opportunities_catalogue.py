"""The public catalogue of opportunities and an opportunity's page: what each visitor may see,
the filters (region, sector, status, "I can invest up to" across currencies) and the search, at
a cost that does not grow with the number of opportunities."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from palabre.investment.models import Opportunity, OpportunityStatus
from palabre.investment.selectors.opportunities import opportunities_visible_to
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_admin, make_user
from tests.directory.factories import OrganisationFactory
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, member_user

from .factories import ExchangeRateFactory, OpportunityFactory, region, sector

pytestmark = pytest.mark.django_db

LIST = reverse("investment:opportunity_list")


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


def titles(client, query: str = "") -> set[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return {opportunity.title for opportunity in response.context["opportunities"]}


# Who sees what ----------------------------------------------------------------------------------


@pytest.fixture
def catalogue(space):
    hidden_space = SpaceFactory(name="Groupe de travail restreint", visibility=Visibility.MEMBERS)
    return {
        "public": OpportunityFactory(space=space, title="Broyage de cacao à Méagui"),
        "members": OpportunityFactory(
            space=space, title="Pêcherie de Tabou", visibility=Visibility.MEMBERS
        ),
        "restricted": OpportunityFactory(
            space=space, title="Port sec de San-Pédro", visibility=Visibility.RESTRICTED
        ),
        "hidden": OpportunityFactory(space=hidden_space, title="Rizerie de Guiglo"),
    }


def test_an_anonymous_visitor_sees_only_public_opportunities_of_public_spaces(client, catalogue):
    assert titles(client) == {"Broyage de cacao à Méagui"}
    page = client.get(catalogue["public"].get_absolute_url())
    assert page.status_code == 200 and "Broyage de cacao à Méagui" in page.content.decode()
    for name in ("members", "restricted"):
        response = client.get(catalogue[name].get_absolute_url())
        assert response.status_code == 302 and "/login/" in response["Location"]
    # The opportunity of a hidden space does not exist for the visitor.
    assert client.get(catalogue["hidden"].get_absolute_url()).status_code == 404


def test_members_officers_and_promoters_see_what_their_role_allows(client, space, catalogue):
    client.force_login(member_user(space))
    assert titles(client) == {"Broyage de cacao à Méagui", "Pêcherie de Tabou"}
    assert client.get(catalogue["restricted"].get_absolute_url()).status_code == 404

    client.force_login(member_user(space, role=Role.INVESTMENT_OFFICER))
    assert titles(client) == {
        "Broyage de cacao à Méagui",
        "Pêcherie de Tabou",
        "Port sec de San-Pédro",
    }

    promoter = make_user()
    catalogue["hidden"].promoter = promoter
    catalogue["hidden"].save()
    client.force_login(promoter)
    assert titles(client) == {"Broyage de cacao à Méagui", "Rizerie de Guiglo"}
    assert client.get(catalogue["hidden"].get_absolute_url()).status_code == 200

    client.force_login(member_user(SpaceFactory()))
    assert titles(client) == {"Broyage de cacao à Méagui"}
    assert client.get(catalogue["members"].get_absolute_url()).status_code == 404


def test_the_catalogue_query_agrees_with_the_rule_for_everyone(space):
    """Every visibility in a public and a hidden space, for every kind of visitor."""
    hidden_space = SpaceFactory(visibility=Visibility.MEMBERS)
    promoter = make_user()
    for where in (space, hidden_space):
        for visibility in Visibility.values:
            OpportunityFactory(space=where, visibility=visibility)
        OpportunityFactory(space=where, visibility=Visibility.RESTRICTED, promoter=promoter)
    users = [
        AnonymousUser(),
        make_user(),
        promoter,
        member_user(space),
        member_user(hidden_space),
        member_user(space, role=Role.SECRETARIAT),
        member_user(hidden_space, role=Role.INVESTMENT_OFFICER),
        make_admin(),
    ]
    for user in users:
        expected = {
            opportunity.pk
            for opportunity in Opportunity.objects.select_related("space")
            if user.has_perm("investment.view_opportunity", opportunity)
        }
        assert set(opportunities_visible_to(user).values_list("pk", flat=True)) == expected


def test_the_page_shows_the_promoter_organisation_never_a_persons_contact(client, space):
    promoter = make_user(email="awa.kone@example.org")
    opportunity = OpportunityFactory(
        space=space,
        promoter=promoter,
        promoter_organisation=OrganisationFactory(name="Coopérative CAYAT"),
    )
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Coopérative CAYAT" in page
    assert "awa.kone" not in page


# Filters and search -----------------------------------------------------------------------------


def test_by_default_the_catalogue_shows_what_investors_can_still_act_on(client, space):
    for status in OpportunityStatus:
        OpportunityFactory(space=space, title=f"Projet {status.value}", status=status)
    assert titles(client) == {"Projet open", "Projet in_discussion"}
    assert titles(client, "?status=funded") == {"Projet funded"}
    assert len(titles(client, "?status=any")) == 4


def test_region_sector_and_search_filters(client, space):
    nawa, cavally = region("Nawa"), region("Cavally")
    OpportunityFactory(
        space=space, title="Hévéa de Soubré", region=nawa, sector=sector("rubber-palm")
    )
    OpportunityFactory(
        space=space,
        title="Huilerie de palme",
        region=cavally,
        sector=sector("rubber-palm"),
        location="Guiglo",
    )
    OpportunityFactory(
        space=space,
        title="Écotourisme au mont Péko",
        region=cavally,
        sector=sector("tourism"),
        summary="Un écolodge au bord du parc national.",
        promoter_organisation=OrganisationFactory(name="Association Taï Nature"),
    )
    rubber = sector("rubber-palm").pk
    assert titles(client, f"?region={nawa.pk}") == {"Hévéa de Soubré"}
    assert titles(client, f"?region={cavally.pk}&sector={rubber}") == {"Huilerie de palme"}
    assert titles(client, "?q=guiglo") == {"Huilerie de palme"}
    assert titles(client, "?q=écolodge") == {"Écotourisme au mont Péko"}
    assert titles(client, "?q=taï+nature") == {"Écotourisme au mont Péko"}
    assert titles(client, "?q=hévéa+soubré") == {"Hévéa de Soubré"}
    # The filters offer only the regions that have an opportunity.
    page = client.get(LIST).content.decode()
    assert "Nawa" in page and "San-Pédro</option>" not in page


def test_i_can_invest_up_to_converts_between_currencies(client, space):
    """100,000 EUR at 655.957 XOF (the older rate, 650, is no longer in force) is 65,595,700
    XOF; at 60 XOF per dirham it is 1,093,261.67 MAD. Nobody can say whether it reaches an
    amount in dollars: there is no dollar rate."""
    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2025, 1, 1), rate=650)
    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2026, 1, 1), rate="655.957")
    ExchangeRateFactory(currency="MAD", valid_from=datetime.date(2026, 1, 1), rate=60)
    for title, low, currency in [
        ("XOF within", "65595700", "XOF"),
        ("XOF beyond", "65600000", "XOF"),
        ("EUR within", "100000", "EUR"),
        ("EUR beyond", "100001", "EUR"),
        ("MAD within", "1093261.67", "MAD"),
        ("MAD beyond", "1093262", "MAD"),
        ("USD unknown", "10", "USD"),
    ]:
        OpportunityFactory(
            space=space,
            title=title,
            amount_min=Decimal(low),
            amount_max=Decimal(low) * 2,
            currency=currency,
        )
    within = {"XOF within", "EUR within", "MAD within"}
    assert titles(client, "?up_to=100000&currency=EUR") == within
    assert titles(client, "?up_to=65595700&currency=XOF") == within
    assert titles(client, "?up_to=10&currency=USD") == {"USD unknown"}


def test_the_catalogue_is_paginated(client, space):
    OpportunityFactory.create_batch(30, space=space)
    assert len(titles(client)) == 25
    assert len(titles(client, "?page=2")) == 5


def test_htmx_filtering_swaps_only_the_results(client, space):
    OpportunityFactory(space=space, title="Broyage de cacao à Méagui")
    page = client.get(LIST + "?q=cacao", headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<div id="opportunity-results">')
    assert "Broyage de cacao à Méagui" in page and "<form" not in page


# A light page -------------------------------------------------------------------------------------


def add_opportunities(space, count: int) -> None:
    regions = [region("San-Pédro"), region("Nawa"), region("Cavally")]
    sectors = [sector("cocoa-coffee"), sector("fisheries"), sector("tourism")]
    for index in range(count):
        OpportunityFactory(
            space=space,
            region=regions[index % 3],
            sector=sectors[index % 3],
            promoter_organisation=OrganisationFactory() if index % 2 else None,
        )


@pytest.mark.parametrize("who", ["anonymous", "member"])
@pytest.mark.parametrize("query", ["", "?q=cacao&up_to=50000000&currency=EUR&status=any"])
def test_the_catalogue_costs_the_same_with_5_or_80_opportunities(client, space, who, query):
    ExchangeRateFactory(currency="EUR")
    if who == "member":
        client.force_login(member_user(space))
    add_opportunities(space, 5)
    with_five = queries_for(client, LIST + query)
    add_opportunities(space, 75)
    assert queries_for(client, LIST + query) == with_five


def test_the_opportunity_page_costs_the_same_with_few_or_many_documents(client, space):
    opportunity = OpportunityFactory(space=space)
    url = opportunity.get_absolute_url()
    opportunity.documents.create(title="Plan d'affaires", file="investment/plan.pdf")
    with_one = queries_for(client, url)
    for number in range(10):
        opportunity.documents.create(title=f"Photo {number}", file=f"investment/{number}.png")
    assert queries_for(client, url) == with_one


def test_a_page_of_25_cards_stays_small(client, space):
    """A phone on a slow link: no picture, and the HTML of a full page well under 60 kB."""
    add_opportunities(space, 25)
    page = client.get(LIST).content
    assert page.count(b'class="card opportunity-card"') == 25
    assert len(page) < 60_000, len(page)
    assert b"<img" not in page
