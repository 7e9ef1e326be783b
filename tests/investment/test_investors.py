"""Investor profiles: the owner writes theirs on one short page; officers find investors in a
filtered list; contact details show only where the investor agreed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.investment.models import InvestorKind, InvestorProfile
from palabre.investment.selectors.investors import investors_for
from palabre.investment.services.investors import profile_create, profile_update
from palabre.spaces.models import Role
from tests.accounts.factories import make_admin, make_user
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, country, member_user

from .factories import (
    ExpressionOfInterestFactory,
    InvestorProfileFactory,
    OpportunityFactory,
    region,
    sector,
    support,
)

pytestmark = pytest.mark.django_db

MY_PROFILE = reverse("investment:my_profile")
LIST = reverse("investment:investor_list")


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def officer(space):
    return member_user(space, role=Role.INVESTMENT_OFFICER)


def profile_form(**overrides) -> dict:
    return {
        "kind": InvestorKind.INDIVIDUAL,
        "name": "Awa Koné",
        "country_of_residence": country("FR").pk,
        "city": "Lyon",
        "sectors": [sector().pk],
        "regions": [region().pk],
        "ticket_min": "5000",
        "ticket_max": "20000",
        "currency": "EUR",
        "support_offered": [support("mentoring").pk],
        "skills": "Quinze ans dans la transformation agroalimentaire.",
        "contact_email": "awa.kone@example.org",
        "contact_phone": "+33612345678",
        "is_active": "on",
        **overrides,
    }


# The owner's page ---------------------------------------------------------------------------------


def test_a_diaspora_member_creates_their_profile_then_goes_where_they_were_going(client):
    user = make_user()
    client.force_login(user)
    page = client.get(MY_PROFILE)
    assert page.status_code == 200
    assert "may see my contact details" in page.content.decode()

    response = client.post(
        f"{MY_PROFILE}?next=/investissement/mes-manifestations/",
        profile_form(share_contact_with_officers="on"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/investissement/mes-manifestations/"
    profile = InvestorProfile.objects.get(user=user)
    assert (profile.name, profile.currency, profile.share_contact_with_officers) == (
        "Awa Koné",
        "EUR",
        True,
    )
    assert list(profile.sectors.all()) == [sector()]
    assert list(profile.support_offered.all()) == [support("mentoring")]
    event = AuditEvent.objects.get(action="investment.profile_create")
    assert event.changes["share_contact_with_officers"] == [None, True]


def test_the_same_page_edits_the_profile_and_the_audit_keeps_each_consent(client):
    profile = InvestorProfileFactory(share_contact_with_officers=True)
    client.force_login(profile.user)
    page = client.get(MY_PROFILE).content.decode()
    assert profile.contact_email in page
    # The ticket reads as the investor typed it, not with cents that francs CFA do not have.
    assert 'value="5000000"' in page and "5000000.00" not in page

    client.post(MY_PROFILE, profile_form(digest_opt_in="on"))

    profile.refresh_from_db()
    assert (profile.name, profile.share_contact_with_officers, profile.digest_opt_in) == (
        "Awa Koné",
        False,
        True,
    )
    assert InvestorProfile.objects.count() == 1
    changes = AuditEvent.objects.get(action="investment.profile_update").changes
    assert changes["share_contact_with_officers"] == [True, False]
    assert changes["digest_opt_in"] == [False, True]


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("ticket_max", {"ticket_min": "20000", "ticket_max": "5000"}, "cannot be below"),
        ("contact_phone", {"contact_phone": "06 12 34 56 78"}, "international format"),
        ("contact_email", {"contact_email": "awa"}, "valid email"),
    ],
)
def test_a_bad_profile_is_refused_with_a_message_and_nothing_saved(
    client, field, overrides, message
):
    client.force_login(make_user())
    response = client.post(MY_PROFILE, profile_form(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not InvestorProfile.objects.exists()


def test_one_profile_per_account_and_only_its_owner_changes_it():
    profile = InvestorProfileFactory()
    with pytest.raises(ValidationError, match="already have an investor profile"):
        profile_create(user=profile.user, **_fields())
    with pytest.raises(ValidationError, match="Only its owner"):
        profile_update(profile=profile, actor=make_user(), name="Quelqu'un d'autre")
    profile.refresh_from_db()
    assert profile.name != "Quelqu'un d'autre"


def _fields() -> dict:
    return {
        "kind": InvestorKind.COMPANY,
        "name": "Diaspora Invest SARL",
        "country_of_residence": country("IT"),
        "contact_email": "contact@example.org",
    }


# The investor's page ------------------------------------------------------------------------------


def test_an_officer_sees_a_profile_but_its_contact_only_with_consent(client, officer):
    profile = InvestorProfileFactory(share_contact_with_officers=False)
    client.force_login(officer)

    html = client.get(profile.get_absolute_url()).content.decode()
    assert profile.name in html
    assert profile.contact_email not in html and profile.contact_phone not in html
    assert "has not shared their contact details" in html

    InvestorProfile.objects.filter(pk=profile.pk).update(share_contact_with_officers=True)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert profile.contact_email in html and profile.contact_phone in html


def test_the_owner_sees_their_contact_and_an_edit_link_and_others_get_403(client, space):
    profile = InvestorProfileFactory()
    client.force_login(profile.user)
    html = client.get(profile.get_absolute_url()).content.decode()
    assert profile.contact_email in html and MY_PROFILE in html

    other = InvestorProfileFactory()
    assert client.get(other.get_absolute_url()).status_code == 403
    client.force_login(member_user(space))
    assert client.get(profile.get_absolute_url()).status_code == 403
    assert client.get(LIST).status_code == 403


def test_an_anonymous_visitor_never_sees_an_investor_contact(client, space):
    profile = InvestorProfileFactory(share_contact_with_officers=True)
    opportunity = OpportunityFactory(space=space)
    ExpressionOfInterestFactory(opportunity=opportunity, investor=profile, share_contact=True)
    for url in (profile.get_absolute_url(), LIST, MY_PROFILE):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    for url in (opportunity.get_absolute_url(), reverse("investment:opportunity_list")):
        html = client.get(url).content.decode()
        assert opportunity.title in html
        assert profile.contact_email not in html and profile.contact_phone not in html


# The officers' list -------------------------------------------------------------------------------


def test_the_list_shows_contacts_only_where_shared_with_this_officer(client, space, officer):
    shared = InvestorProfileFactory(name="Awa", share_contact_with_officers=True)
    hidden = InvestorProfileFactory(name="Bakary", contact_phone="+33699999999")
    by_interest = InvestorProfileFactory(name="Coulibaly", contact_phone="+33688888888")
    ExpressionOfInterestFactory(investor=by_interest, opportunity=OpportunityFactory(space=space))
    # Shared with another space's officers through an interest: not with this officer.
    elsewhere = InvestorProfileFactory(name="Diarra", contact_phone="+33677777777")
    ExpressionOfInterestFactory(investor=elsewhere)
    client.force_login(officer)

    html = client.get(LIST).content.decode()

    for profile in (shared, hidden, by_interest, elsewhere):
        assert profile.name in html
    assert shared.contact_email in html and by_interest.contact_email in html
    assert hidden.contact_email not in html and hidden.contact_phone not in html
    assert elsewhere.contact_email not in html


def test_the_list_computes_contacts_as_the_rule_does(space, officer):
    promoter = make_user()
    opportunity = OpportunityFactory(space=space, promoter=promoter)
    shared = InvestorProfileFactory(share_contact_with_officers=True)
    through_interest = InvestorProfileFactory()
    ExpressionOfInterestFactory(investor=through_interest, opportunity=opportunity)
    kept = InvestorProfileFactory()
    ExpressionOfInterestFactory(investor=kept, opportunity=opportunity, share_contact=False)
    ExpressionOfInterestFactory(investor=kept, share_contact=True)  # another space's
    InvestorProfileFactory(user=promoter)
    users = [officer, promoter, member_user(space), make_admin(), shared.user, AnonymousUser()]
    for user in users:
        for profile in investors_for(user):
            assert profile.contact_visible == user.has_perm(
                "investment.view_investor_contact", profile
            ), (user, profile)


def test_the_filters_narrow_the_list(client, officer):
    awa = InvestorProfileFactory(name="Awa Koné", kind=InvestorKind.INDIVIDUAL)
    awa.sectors.add(sector())
    awa.regions.add(region())
    awa.support_offered.add(support("mentoring"))
    other = InvestorProfileFactory(
        name="Union des ressortissants",
        kind=InvestorKind.ASSOCIATION,
        country_of_residence=country("IT"),
    )
    client.force_login(officer)
    for query in (
        {"q": "awa"},
        {"kind": "individual"},
        {"country": country("FR").pk},
        {"sector": sector().pk},
        {"region": region().pk},
        {"support": support("mentoring").pk},
    ):
        names = [profile.name for profile in client.get(LIST, query).context["investors"]]
        assert names == [awa.name], query
    names = [p.name for p in client.get(LIST, {"country": country("IT").pk}).context["investors"]]
    assert names == [other.name]


def add_profiles(count: int, space) -> None:
    for _ in range(count):
        profile = InvestorProfileFactory(share_contact_with_officers=True)
        profile.sectors.add(sector())
        profile.regions.add(region())
        profile.support_offered.add(support())
        ExpressionOfInterestFactory(investor=profile, opportunity=OpportunityFactory(space=space))


def test_the_list_costs_the_same_with_3_or_20_investors(client, space, officer):
    add_profiles(3, space)
    client.force_login(officer)
    with_three = queries_for(client, LIST)
    add_profiles(17, space)
    assert queries_for(client, LIST) == with_three


def test_htmx_filtering_swaps_only_the_results(client, officer):
    InvestorProfileFactory(name="Awa Koné")
    InvestorProfileFactory(name="Bakary Traoré")
    client.force_login(officer)
    page = client.get(LIST + "?q=awa", headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<div id="investor-results">')
    assert "Awa Koné" in page and "Bakary" not in page and "<form" not in page
