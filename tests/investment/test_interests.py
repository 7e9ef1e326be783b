"""Expressions of interest: an investor sends one per opportunity; the opportunity's officers and
promoter hear of it and follow it step by step; the investor hears of each step and sees only
their own."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.investment.models import (
    ExpressionOfInterest,
    InterestStatus,
    InterestStatusChange,
    OpportunityStatus,
)
from palabre.investment.services.interests import interest_express, interest_status_change
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory, member_user

from .factories import (
    ExpressionOfInterestFactory,
    InvestorProfileFactory,
    OpportunityFactory,
    support,
)
from .test_investors import queries_for

pytestmark = pytest.mark.django_db
S = InterestStatus


@pytest.fixture
def space():
    return SpaceFactory()


@pytest.fixture
def people(space):
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "officer": member_user(space, role=Role.INVESTMENT_OFFICER),
        "member": member_user(space),
        "promoter": make_user(),
    }


@pytest.fixture
def opportunity(space, people):
    return OpportunityFactory(space=space, promoter=people["promoter"], title="Broyage de cacao")


@pytest.fixture
def investor():
    return InvestorProfileFactory(name="Awa Koné")


def express(opportunity, investor, **fields):
    return interest_express(
        opportunity=opportunity,
        investor=investor,
        actor=investor.user,
        **{"message": "Je veux visiter l'usine.", **fields},
    )


def create_url(opportunity) -> str:
    return reverse("investment:interest_create", args=[opportunity.pk])


# Expressing an interest ---------------------------------------------------------------------------


def test_an_account_without_profile_writes_it_first_then_comes_back(client, opportunity):
    user = make_user()
    client.force_login(user)
    url = create_url(opportunity)

    response = client.get(url)

    assert response.status_code == 302
    assert (
        response["Location"] == f"{reverse('investment:my_profile')}?next={url.replace('/', '%2F')}"
    )
    client.post(
        response["Location"],
        {
            "kind": "individual",
            "name": "Awa Koné",
            "country_of_residence": opportunity.space.country_id,
            "currency": "EUR",
            "contact_email": "awa@example.org",
            "is_active": "on",
        },
    )
    assert client.get(url).status_code == 200


def test_an_investor_expresses_an_interest_and_the_followers_are_told(
    client, opportunity, investor, people
):
    client.force_login(investor.user)
    response = client.post(
        create_url(opportunity),
        {
            "message": "Je veux visiter l'usine.",
            "amount_considered": "15000",
            "currency": "EUR",
            "support_offered": [support("mentoring").pk],
            "share_contact": "on",
        },
    )

    interest = ExpressionOfInterest.objects.get()
    assert response["Location"] == interest.get_absolute_url()
    assert (interest.status, interest.currency, interest.share_contact) == (S.RECEIVED, "EUR", True)
    assert list(interest.support_offered.all()) == [support("mentoring")]
    change = InterestStatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by) == ("", S.RECEIVED, investor.user)
    told = set(
        Notification.objects.filter(kind="investment.interest_received").values_list(
            "recipient", flat=True
        )
    )
    assert told == {people["secretariat"].pk, people["officer"].pk, people["promoter"].pk}
    subject = Notification.objects.filter(recipient=people["promoter"]).get().subject
    assert "Broyage de cacao" in subject
    assert AuditEvent.objects.filter(action="investment.interest_express").count() == 1


def test_a_second_interest_in_the_same_opportunity_is_refused_clearly(
    client, opportunity, investor
):
    first = express(opportunity, investor)
    with pytest.raises(ValidationError, match="already expressed an interest"):
        express(opportunity, investor, message="Encore moi.")
    assert ExpressionOfInterest.objects.count() == 1

    client.force_login(investor.user)
    response = client.get(create_url(opportunity), follow=True)
    assert response.redirect_chain[-1][0] == first.get_absolute_url()
    assert "You already expressed an interest" in response.content.decode()


def test_an_opportunity_that_is_funded_takes_no_more_interest(client, opportunity, investor):
    opportunity.status = OpportunityStatus.FUNDED
    opportunity.save()
    with pytest.raises(ValidationError, match="no longer takes expressions of interest"):
        express(opportunity, investor)
    client.force_login(investor.user)
    response = client.post(create_url(opportunity), {"message": "Bonjour", "currency": "XOF"})
    assert response["Location"] == opportunity.get_absolute_url()
    assert not ExpressionOfInterest.objects.exists()


def test_an_opportunity_the_investor_may_not_see_is_out_of_reach(client, investor):
    hidden = OpportunityFactory(space=SpaceFactory(), visibility=Visibility.MEMBERS)
    with pytest.raises(PermissionDenied):
        express(hidden, investor)
    client.force_login(investor.user)
    assert client.post(create_url(hidden), {"message": "Bonjour"}).status_code == 404
    assert not ExpressionOfInterest.objects.exists()


# Who sees what ------------------------------------------------------------------------------------


def test_an_investor_cannot_see_another_investors_interest(client, opportunity, investor):
    other = ExpressionOfInterestFactory(
        opportunity=opportunity, message="Message confidentiel de Kouadio."
    )
    mine = express(opportunity, investor)
    client.force_login(investor.user)

    response = client.get(other.get_absolute_url())

    assert response.status_code == 403
    assert "Message confidentiel" not in response.content.decode()
    html = client.get(reverse("investment:my_interests")).content.decode()
    assert mine.get_absolute_url() in html and other.get_absolute_url() not in html
    opportunity_interests = reverse("investment:opportunity_interests", args=[opportunity.pk])
    assert client.get(opportunity_interests).status_code == 403


def test_followers_see_the_contact_only_when_the_investor_shared_it(client, opportunity, people):
    sharing = InvestorProfileFactory(name="Awa", contact_phone="+33611111111")
    keeping = InvestorProfileFactory(name="Bakary", contact_phone="+33622222222")
    express(opportunity, sharing, share_contact=True)
    express(opportunity, keeping, share_contact=False)
    url = reverse("investment:opportunity_interests", args=[opportunity.pk])
    for follower in (people["promoter"], people["officer"]):
        client.force_login(follower)
        html = client.get(url).content.decode()
        assert "Awa" in html and "Bakary" in html
        assert sharing.contact_email in html and sharing.contact_phone in html
        assert keeping.contact_email not in html and keeping.contact_phone not in html


def test_the_received_list_filters_by_status(client, opportunity, people):
    first = express(opportunity, InvestorProfileFactory(name="Awa"))
    express(opportunity, InvestorProfileFactory(name="Bakary"))
    interest_status_change(interest=first, actor=people["officer"], status=S.IN_CONTACT)
    client.force_login(people["secretariat"])
    url = reverse("investment:opportunity_interests", args=[opportunity.pk])
    names = [
        i.investor.name for i in client.get(url, {"status": "in_contact"}).context["interests"]
    ]
    assert names == ["Awa"]


def test_the_opportunity_page_offers_the_right_thing_to_each_visitor(
    client, opportunity, investor, people
):
    url = opportunity.get_absolute_url()
    assert "Sign in to express your interest" in client.get(url).content.decode()

    client.force_login(investor.user)
    assert create_url(opportunity) in client.get(url).content.decode()
    express(opportunity, investor)
    html = client.get(url).content.decode()
    assert "You expressed an interest on" in html and "Received" in html

    client.force_login(people["promoter"])
    html = client.get(url).content.decode()
    assert "1 expression of interest" in html and create_url(opportunity) not in html


# Following it through its statuses ----------------------------------------------------------------


def change(interest, actor, status, **fields):
    return interest_status_change(interest=interest, actor=actor, status=status, **fields)


def refused(interest, actor, status, **fields) -> str:
    interest.refresh_from_db()
    before = (interest.status, interest.status_changes.count())
    with pytest.raises(ValidationError) as error:
        change(interest, actor, status, **fields)
    interest.refresh_from_db()
    assert (interest.status, interest.status_changes.count()) == before
    return " ".join(error.value.messages)


def test_an_interest_goes_step_by_step_and_a_commitment_may_fall_through(
    opportunity, investor, people
):
    interest = express(opportunity, investor)
    officer = people["officer"]
    message = refused(interest, officer, S.COMMITTED)
    assert "cannot become" in message and "in contact, declined" in message

    for status in (S.IN_CONTACT, S.MEETING_HELD, S.COMMITTED):
        change(interest, officer, status)
    assert "fell through" in refused(interest, officer, S.DECLINED)
    change(interest, officer, S.DECLINED, note="Le financement bancaire n'a pas suivi.")

    assert "cannot change any more" in refused(interest, officer, S.IN_CONTACT)
    steps = list(interest.status_changes.order_by("pk").values_list("from_status", "to_status"))
    assert steps == [
        ("", S.RECEIVED),
        (S.RECEIVED, S.IN_CONTACT),
        (S.IN_CONTACT, S.MEETING_HELD),
        (S.MEETING_HELD, S.COMMITTED),
        (S.COMMITTED, S.DECLINED),
    ]


def test_a_step_is_dated_between_the_previous_one_and_today(opportunity, investor, people):
    interest = express(opportunity, investor)
    today = timezone.localdate()
    assert "future" in refused(
        interest, people["officer"], S.IN_CONTACT, date=today + datetime.timedelta(days=1)
    )
    assert "before the previous step" in refused(
        interest, people["officer"], S.IN_CONTACT, date=today - datetime.timedelta(days=3)
    )


def test_only_the_followers_move_an_interest_and_the_investor_is_told(
    client, opportunity, investor, people
):
    interest = express(opportunity, investor)
    url = reverse("investment:interest_status", args=[interest.pk])
    form = {"status": "in_contact", "date": timezone.localdate().isoformat(), "note": "Appel."}
    for outsider in (investor.user, people["member"]):
        client.force_login(outsider)
        assert client.post(url, form).status_code == 403
    interest.refresh_from_db()
    assert interest.status == S.RECEIVED

    client.force_login(people["promoter"])
    response = client.post(url, {**form, "status": "committed"})
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    assert client.post(url, form).status_code == 302

    interest.refresh_from_db()
    assert interest.status == S.IN_CONTACT
    notice = Notification.objects.get(recipient=investor.user)
    assert "In contact" in notice.subject and notice.body == "Appel."
    client.force_login(investor.user)
    html = client.get(interest.get_absolute_url()).content.decode()
    assert "Appel." in html and "Record the next step" not in html


# Cost of the lists -------------------------------------------------------------------------------


def add_interests(opportunity, count: int) -> None:
    for number in range(count):
        interest = ExpressionOfInterestFactory(
            opportunity=opportunity,
            investor=InvestorProfileFactory(share_contact_with_officers=bool(number % 2)),
            share_contact=bool(number % 3),
        )
        interest.support_offered.add(support())


@pytest.mark.parametrize("page", ["received", "mine"])
def test_the_lists_cost_the_same_with_3_or_20_interests(client, space, people, page):
    investor = InvestorProfileFactory()
    opportunities = [OpportunityFactory(space=space) for _ in range(20)]
    url = {
        "received": reverse("investment:opportunity_interests", args=[opportunities[0].pk]),
        "mine": reverse("investment:my_interests"),
    }[page]
    client.force_login(people["secretariat"] if page == "received" else investor.user)
    add_interests(opportunities[0], 3)
    for opportunity in opportunities[:3]:
        ExpressionOfInterestFactory(opportunity=opportunity, investor=investor)
    with_three = queries_for(client, url)
    add_interests(opportunities[0], 17)
    for opportunity in opportunities[3:]:
        ExpressionOfInterestFactory(opportunity=opportunity, investor=investor)
    assert queries_for(client, url) == with_three
