"""Incentive tools' pages: the list with its filters, visible tools only and a constant cost; a
tool's page with its stage track, what each next stage lacks and its results; creating and
editing a tool; adding to its record; changing its stage through the page."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.investment.models import (
    IncentiveTool,
    MobilisedAmount,
    PilotActivity,
    PilotStage,
    StageChange,
    ToolKind,
)
from palabre.investment.selectors.tools import tools_visible_to
from palabre.investment.services.tools import RESULT_FIELDS
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_admin, make_user
from tests.directory.factories import OrganisationFactory
from tests.spaces.factories import SpaceFactory, country, member_user

from .factories import (
    ExchangeRateFactory,
    IncentiveToolFactory,
    MobilisedAmountFactory,
    PilotActivityFactory,
    days_ago,
    region,
    tool_lesson,
    tool_recommendation,
)

pytestmark = pytest.mark.django_db

LIST = reverse("investment:tool_list")


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi du Cavally")


@pytest.fixture
def officer(space):
    return member_user(space, role=Role.INVESTMENT_OFFICER)


@pytest.fixture
def member(space):
    return member_user(space)


def get(client, url, user=None, **params) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response
    return response.content.decode()


def url(name, tool) -> str:
    return reverse(f"investment:{name}", args=[tool.pk])


def queries_for(client, url) -> int:
    """Measured on the second request: the first one fills the caches of the session."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def listed(client, **params) -> set[str]:
    return {tool.title for tool in client.get(LIST, params).context["tools"]}


# --- the list ------------------------------------------------------------------------------------


def test_the_list_shows_only_the_tools_each_visitor_may_read(client, space, member, officer):
    private_space = SpaceFactory(visibility=Visibility.MEMBERS)
    IncentiveToolFactory(space=space, title="Guichet public")
    IncentiveToolFactory(space=space, title="Fonds des membres", visibility=Visibility.MEMBERS)
    IncentiveToolFactory(space=space, title="Mission restreinte", visibility=Visibility.RESTRICTED)
    IncentiveToolFactory(space=private_space, title="Banque de projets du groupe")

    assert listed(client) == {"Guichet public"}
    client.force_login(member)
    assert listed(client) == {"Guichet public", "Fonds des membres"}
    client.force_login(officer)
    assert listed(client) == {"Guichet public", "Fonds des membres", "Mission restreinte"}
    client.force_login(member_user(private_space))
    assert listed(client) == {"Guichet public", "Banque de projets du groupe"}
    client.force_login(make_admin())
    assert len(listed(client)) == 4


def test_the_list_agrees_with_the_rule_for_every_tool_and_user(space):
    """The selector is the rule in SQL: no tool listed that the rule hides, none missing."""
    private_space = SpaceFactory(visibility=Visibility.MEMBERS)
    for owner in (space, private_space):
        for visibility in Visibility.values:
            IncentiveToolFactory(space=owner, visibility=visibility)
    users = [
        make_user(),
        member_user(space),
        member_user(space, role=Role.SECRETARIAT),
        member_user(private_space, role=Role.INVESTMENT_OFFICER),
        make_admin(),
    ]
    for user in [AnonymousUser(), *users]:
        expected = {
            t.pk for t in IncentiveTool.objects.all() if user.has_perm("investment.view_tool", t)
        }
        assert set(tools_visible_to(user).values_list("pk", flat=True)) == expected


def test_the_list_filters_by_country_region_kind_stage_and_words(client, space):
    nawa = region("Nawa")
    IncentiveToolFactory(
        space=space,
        title="Guichet diaspora de Soubré",
        region=nawa,
        description="Accueil des investisseurs",
    )
    IncentiveToolFactory(
        space=space,
        title="Forum de la diaspora",
        kind=ToolKind.FORUM,
        stage=PilotStage.PILOTED,
    )
    IncentiveToolFactory(space=space, title="Guide des démarches", country=country("SN"))

    assert listed(client, country=country("SN").pk) == {"Guide des démarches"}
    assert listed(client, region=nawa.pk) == {"Guichet diaspora de Soubré"}
    assert listed(client, kind=ToolKind.FORUM) == {"Forum de la diaspora"}
    assert listed(client, stage=PilotStage.PILOTED) == {"Forum de la diaspora"}
    assert listed(client, q="investisseurs") == {"Guichet diaspora de Soubré"}
    assert listed(client, q="diaspora guichet") == {"Guichet diaspora de Soubré"}
    html = get(client, LIST, q="rien de tel")
    assert "No tool matches these criteria." in html


def test_the_new_tool_button_is_for_officers_only(client, member, officer):
    assert "New tool" not in get(client, LIST, member)
    assert "New tool" in get(client, LIST, officer)


def test_the_list_costs_the_same_with_three_or_sixty_tools(client, space, member):
    client.force_login(member)
    IncentiveToolFactory.create_batch(3, space=space, region=region("Nawa"))
    few = queries_for(client, LIST)
    IncentiveToolFactory.create_batch(57, space=space, region=region("Cavally"))
    assert queries_for(client, LIST) == few


# --- a tool's page -------------------------------------------------------------------------------


def test_the_page_shows_the_stage_in_words_and_what_each_next_stage_lacks(client, space, officer):
    tool = IncentiveToolFactory(space=space, stage=PilotStage.IDENTIFIED)
    html = get(client, tool.get_absolute_url(), officer)

    assert 'aria-current="step"' in html and "current stage" in html
    assert html.count("stage-step") == 5
    # Shown before the officer tries: the next stage's gaps, and two stages on, both.
    assert "a description of the tool" in html and "the start of its period" in html
    assert "at least one pilot activity that has taken place" in html


def test_a_member_sees_the_tool_but_no_form(client, space, member):
    tool = IncentiveToolFactory(space=space, description="Un guichet à la préfecture.")
    html = get(client, tool.get_absolute_url(), member)
    assert "Un guichet à la préfecture." in html
    assert "Change the stage" not in html and "Add a pilot activity" not in html


def test_the_results_show_both_breakdowns_with_what_was_not_recorded(client, space):
    tool = IncentiveToolFactory(
        space=space,
        people_reached=120,
        women_reached=50,
        men_reached=60,
        diaspora_reached=70,
        residents_reached=30,
        projects_supported=4,
        jobs_expected=35,
    )
    html = get(client, tool.get_absolute_url())
    assert "Women: 50 · men: 60 · not recorded: 10" in html
    assert "Diaspora: 70 · residents: 30 · not recorded: 20" in html
    assert "<title>People reached by gender</title>" in html


def test_the_converted_total_matches_the_hand_computed_value(client, space):
    """1,000,000 XOF + 2,000 EUR at 655.957 (the rate of their date) + 1,000 EUR at 656 (a later
    rate) = 1,000,000 + 1,311,914 + 656,000 = 2,967,914 XOF; 500 USD have no rate and are listed
    apart, not counted."""
    tool = IncentiveToolFactory(space=space)
    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2026, 1, 1), rate="655.957")
    ExchangeRateFactory(currency="EUR", valid_from=datetime.date(2026, 6, 1), rate="656")
    MobilisedAmountFactory(
        tool=tool, amount=1_000_000, currency="XOF", date=datetime.date(2026, 2, 1)
    )
    MobilisedAmountFactory(tool=tool, amount=2000, currency="EUR", date=datetime.date(2026, 3, 1))
    MobilisedAmountFactory(tool=tool, amount=1000, currency="EUR", date=datetime.date(2026, 7, 1))
    MobilisedAmountFactory(tool=tool, amount=500, currency="USD", date=datetime.date(2026, 7, 1))

    response = client.get(tool.get_absolute_url())
    total = response.context["results"].total
    assert total.converted == Decimal("2967914.00")
    html = response.content.decode()
    assert "2,967,914 XOF" in html
    assert "not counted for want of a rate: 500 USD" in html


def test_a_tool_nobody_may_see_is_hidden(client, space):
    private_space = SpaceFactory(visibility=Visibility.MEMBERS)
    hidden = IncentiveToolFactory(space=private_space)
    members_only = IncentiveToolFactory(space=space, visibility=Visibility.MEMBERS)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    response = client.get(members_only.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member_user(SpaceFactory()))
    assert client.get(members_only.get_absolute_url()).status_code == 404


# --- creating and editing ------------------------------------------------------------------------


def tool_form(**fields) -> dict:
    return {
        "title": "Fonds de co-investissement diaspora",
        "kind": ToolKind.MATCHING_FUND,
        "description": "Un franc de la région pour un franc de la diaspora.",
        "currency": "XOF",
        "visibility": Visibility.PUBLIC,
        **fields,
    }


def edit_form(tool, **fields) -> dict:
    """What the edit page sends: every field, results included, as they stand."""
    results = {name: getattr(tool, name) for name in RESULT_FIELDS}
    return tool_form(country=tool.country_id, **{**results, **fields})


def test_an_officer_creates_a_tool_in_a_space_they_are_an_officer_of(client, space, officer):
    SpaceFactory(name="Espace d'un autre")
    partner = OrganisationFactory(name="Banque régionale")
    client.force_login(officer)
    form = client.get(reverse("investment:tool_create")).context["form"]
    assert list(form.fields["space"].queryset) == [space]
    assert form.initial["country"] == space.country

    response = client.post(
        reverse("investment:tool_create"),
        tool_form(space=space.pk, partners=[partner.pk], region=region("Cavally").pk),
    )
    tool = IncentiveTool.objects.get()
    assert response.status_code == 302 and response["Location"] == tool.get_absolute_url()
    assert (tool.space, tool.country, tool.stage, tool.created_by) == (
        space,
        space.country,
        PilotStage.IDENTIFIED,
        officer,
    )
    assert list(tool.partners.all()) == [partner]
    assert AuditEvent.objects.filter(action="investment.tool_create", object_id=str(tool.pk))


def test_a_region_outside_the_tool_country_is_refused(client, space, officer):
    client.force_login(officer)
    response = client.post(
        reverse("investment:tool_create"),
        tool_form(space=space.pk, region=region("Dakar", iso2="SN").pk),
    )
    assert response.status_code == 200
    assert "This region is not in the tool&#x27;s country." in response.content.decode()
    assert not IncentiveTool.objects.exists()


def test_a_member_may_not_create_a_tool_even_with_a_crafted_form(client, space, member):
    client.force_login(member)
    assert client.get(reverse("investment:tool_create")).status_code == 403
    assert (
        client.post(reverse("investment:tool_create"), tool_form(space=space.pk)).status_code == 403
    )
    assert not IncentiveTool.objects.exists()


def test_an_officer_edits_the_tool_and_its_results(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    assert client.get(url("tool_edit", tool)).status_code == 200
    response = client.post(
        url("tool_edit", tool),
        edit_form(tool, people_reached=80, women_reached=30, men_reached=45),
    )
    assert response.status_code == 302
    tool.refresh_from_db()
    assert (tool.title, tool.people_reached, tool.women_reached) == (
        "Fonds de co-investissement diaspora",
        80,
        30,
    )
    assert AuditEvent.objects.filter(action="investment.tool_update", object_id=str(tool.pk))


def test_breakdowns_beyond_the_people_reached_are_refused(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    response = client.post(
        url("tool_edit", tool),
        edit_form(tool, people_reached=10, women_reached=8, men_reached=5),
    )
    assert "Women and men together cannot be more than the people reached." in (
        response.content.decode()
    )
    tool.refresh_from_db()
    assert tool.people_reached == 0


def test_an_edit_cannot_take_away_what_the_stage_stands_on(client, space, officer):
    tool = IncentiveToolFactory(
        space=space,
        stage=PilotStage.DESIGNED,
        description="Un guichet unique.",
        period_start=datetime.date(2026, 1, 1),
    )
    client.force_login(officer)
    response = client.post(url("tool_edit", tool), edit_form(tool, description=""))
    assert response.status_code == 200
    assert "would then lack a description of the tool" in response.content.decode()
    tool.refresh_from_db()
    assert tool.description == "Un guichet unique."


def test_a_member_who_edits_or_changes_the_stage_gets_403_and_nothing_changes(
    client, space, member
):
    tool = IncentiveToolFactory(
        space=space, description="Un guichet unique.", period_start=datetime.date(2026, 1, 1)
    )
    client.force_login(member)
    assert client.get(url("tool_edit", tool)).status_code == 403
    assert client.post(url("tool_edit", tool), edit_form(tool, title="Autre")).status_code == 403
    assert client.post(url("tool_stage", tool), {"stage": PilotStage.DESIGNED}).status_code == 403
    for name, data in [
        ("activity_add", {"date": "2026-03-01", "title": "Ouverture"}),
        ("amount_add", {"date": "2026-03-01", "amount": "100", "currency": "EUR"}),
    ]:
        assert client.post(url(name, tool), data).status_code == 403
    tool.refresh_from_db()
    assert tool.title != "Autre" and tool.stage == PilotStage.IDENTIFIED
    assert not StageChange.objects.exists() and not PilotActivity.objects.exists()
    assert not MobilisedAmount.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="investment.").exists()


# --- the stage and the record --------------------------------------------------------------------


def test_a_refused_stage_change_shows_why_and_changes_nothing(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    response = client.post(url("tool_stage", tool), {"stage": PilotStage.DESIGNED})

    assert response.status_code == 200
    html = response.content.decode()
    assert "To be designed, the tool needs a description of the tool" in html
    assert 'role="alert"' in html
    tool.refresh_from_db()
    assert tool.stage == PilotStage.IDENTIFIED
    assert not StageChange.objects.exists()
    assert not AuditEvent.objects.filter(action="investment.tool_stage").exists()


def test_an_officer_moves_the_tool_on_through_the_page(client, space, officer):
    tool = IncentiveToolFactory(
        space=space, description="Un guichet unique.", period_start=days_ago(60)
    )
    client.force_login(officer)
    assert client.get(url("tool_stage", tool)).status_code == 200
    response = client.post(url("tool_stage", tool), {"stage": PilotStage.DESIGNED, "note": "Prêt"})
    assert response.status_code == 302
    tool.refresh_from_db()
    assert tool.stage == PilotStage.DESIGNED
    html = get(client, tool.get_absolute_url())
    assert "Identified → Designed" in html and "Prêt" in html


def test_going_back_without_a_reason_is_refused(client, space, officer):
    tool = IncentiveToolFactory(
        space=space,
        stage=PilotStage.DESIGNED,
        description="Un guichet unique.",
        period_start=days_ago(60),
    )
    client.force_login(officer)
    response = client.post(url("tool_stage", tool), {"stage": PilotStage.IDENTIFIED})
    assert "Say why the tool goes back to an earlier stage." in response.content.decode()
    tool.refresh_from_db()
    assert tool.stage == PilotStage.DESIGNED


def test_an_officer_adds_an_activity_and_an_amount(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    for name in ("activity_add", "amount_add"):
        assert client.get(url(name, tool)).status_code == 200

    response = client.post(
        url("activity_add", tool),
        {"date": "2026-03-14", "title": "Journée de la diaspora à Soubré", "participants": "85"},
    )
    assert response["Location"] == tool.get_absolute_url() + "#activities"
    client.post(
        url("amount_add", tool),
        {"date": "2026-04-01", "amount": "2500", "currency": "EUR", "source": "Association"},
    )

    html = get(client, tool.get_absolute_url())
    assert "Journée de la diaspora à Soubré" in html and "85 participants" in html
    assert "2,500 EUR" in html
    assert AuditEvent.objects.filter(object_id=str(tool.pk)).count() == 2


def test_the_page_lists_the_tools_knowledge_and_links_to_capturing_it(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    lesson = tool_lesson(tool, "Le guichet rassure.", title="Un guichet qui rassure")
    recommendation = tool_recommendation(tool, "Ouvrir un guichet en ligne.", addressee="DGIE")
    hidden = tool_lesson(
        tool, "Entre membres.", title="Note des membres", visibility=Visibility.MEMBERS
    )
    capture = reverse("knowledge:capture_tool", args=[space.slug, tool.pk])

    html = get(client, tool.get_absolute_url())
    assert lesson.get_absolute_url() in html and "Le guichet rassure." in html
    assert recommendation.get_absolute_url() in html and "to DGIE" in html
    assert "Note des membres" not in html and hidden.get_absolute_url() not in html
    assert capture not in html

    client.force_login(officer)
    html = get(client, tool.get_absolute_url())
    assert capture in html and "Note des membres" in html


def test_a_bad_amount_is_refused_with_a_message(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    response = client.post(
        url("amount_add", tool), {"date": "2026-04-01", "amount": "-5", "currency": "EUR"}
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not MobilisedAmount.objects.exists()


def test_the_page_costs_the_same_with_a_short_or_long_record(client, space, officer):
    tool = IncentiveToolFactory(space=space)
    client.force_login(officer)
    PilotActivityFactory(tool=tool)
    MobilisedAmountFactory(tool=tool)
    tool_lesson(tool)
    tool_recommendation(tool)
    few = queries_for(client, tool.get_absolute_url())
    PilotActivityFactory.create_batch(10, tool=tool)
    MobilisedAmountFactory.create_batch(10, tool=tool)
    for _n in range(5):
        tool_lesson(tool)
        tool_recommendation(tool)
    tool.partners.add(*OrganisationFactory.create_batch(5))
    assert queries_for(client, tool.get_absolute_url()) == few


def test_filtering_with_htmx_swaps_only_the_results(client, space):
    IncentiveToolFactory(space=space, title="Forum de la diaspora", kind=ToolKind.FORUM)
    IncentiveToolFactory(space=space, title="Guide des démarches", kind=ToolKind.GUIDE)
    response = client.get(LIST, {"kind": ToolKind.FORUM}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="tool-results">')
    assert "Forum de la diaspora" in html and "Guide des démarches" not in html
    assert "<html" not in html
