"""Prioritisation rounds: prepared by the secretariat, opened to the eligible voters, one secret
ballot per person replaced until the close, refused after it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.deliberation.models import (
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundMethod,
    RoundStatus,
    ThemeStatus,
)
from palabre.deliberation.selectors_rounds import eligible_voters
from palabre.deliberation.services.rounds import (
    ballot_cast,
    round_close,
    round_create,
    round_open,
    rounds_close_due,
)
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import CollegeFactory, MembershipFactory, SpaceFactory, member_user

from .factories_themes import RoundFactory, ThemeFactory, ballot, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(slug="concertation")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def themes(space):
    return [
        ThemeFactory(space=space, title="Agro-transformation du cacao"),
        ThemeFactory(space=space, title="Économie bleue", status=ThemeStatus.UNDER_DISCUSSION),
        ThemeFactory(space=space, title="Foncier rural", status=ThemeStatus.RETAINED),
    ]


@pytest.fixture
def open_round(space, themes):
    return RoundFactory(space=space, themes=themes, points=10)


def url(name, round, *args):
    return reverse(f"deliberation:{name}", args=[round.space.slug, round.pk, *args])


def points_form(themes, *values):
    """The ballot as the voting page posts it: one row per theme, its id and its value."""
    data = {"ballot-TOTAL_FORMS": str(len(themes)), "ballot-INITIAL_FORMS": str(len(themes))}
    for index, (theme, value) in enumerate(zip(themes, values, strict=True)):
        data[f"ballot-{index}-theme"] = str(theme.pk)
        data[f"ballot-{index}-value"] = str(value)
    return data


# Preparing, opening, closing


def round_data(chosen, **changes):
    closes = timezone.localtime(in_days(10)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "title": "Priorités du plan d'action 2027",
        "description": "Les trois premiers thèmes entreront dans le plan d'action.",
        "method": RoundMethod.DOT_VOTING,
        "points": "10",
        "college": "",
        "themes": [theme.pk for theme in chosen],
        "closes_at": closes,
    }
    return {**data, **changes}


def test_the_secretariat_prepares_a_round_nobody_else_sees(client, space, secretariat, themes):
    client.force_login(secretariat)

    response = client.post(
        reverse("deliberation:round_create", args=[space.slug]), round_data(themes)
    )

    round = PrioritisationRound.objects.get()
    assert response.status_code == 302 and response.url == round.get_absolute_url()
    assert round.status == RoundStatus.DRAFT and set(round.themes.all()) == set(themes)
    assert AuditEvent.objects.filter(action="round.create", object_id=str(round.pk)).exists()
    member = member_user(space)
    client.force_login(member)
    assert client.get(round.get_absolute_url()).status_code == 404
    list_page = client.get(reverse("deliberation:round_list", args=[space.slug]))
    assert round.title not in list_page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"themes": []}, "Choose the themes to prioritise."),
        ({"points": ""}, "Say how many points each voter spreads."),
        ({"closes_at": "2020-01-01T10:00"}, "The closing date must be in the future."),
    ],
    ids=["no-theme", "no-points", "past"],
)
def test_a_refused_round_says_why(client, space, secretariat, themes, changes, message):
    client.force_login(secretariat)

    response = client.post(
        reverse("deliberation:round_create", args=[space.slug]), round_data(themes, **changes)
    )

    assert response.status_code == 200 and message in response.content.decode()
    assert not PrioritisationRound.objects.exists()


def test_a_round_opens_on_two_themes_still_open_to_debate(space, secretariat, themes):
    set_aside = ThemeFactory(space=space, status=ThemeStatus.SET_ASIDE, status_reason="Hors sujet")
    fields = {"title": "T", "method": RoundMethod.DOT_VOTING, "points": 5, "closes_at": in_days(3)}

    draft = round_create(space=space, actor=secretariat, themes=themes[:1], **fields)
    with pytest.raises(ValidationError, match="at least 2 themes"):
        round_open(round=draft, actor=secretariat)
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT
    with pytest.raises(ValidationError, match="Only themes proposed"):
        round_create(space=space, actor=secretariat, themes=[*themes, set_aside], **fields)
    with pytest.raises(ValidationError, match="belong to this space"):
        round_create(space=space, actor=secretariat, themes=[*themes, ThemeFactory()], **fields)
    other_college = CollegeFactory()
    with pytest.raises(ValidationError, match="another space"):
        round_create(space=space, actor=secretariat, themes=themes, college=other_college, **fields)
    assert list(PrioritisationRound.objects.all()) == [draft]


def test_opening_tells_the_eligible_voters_only(client, space, secretariat, themes):
    college = CollegeFactory(space=space, name="Diaspora")
    voter = member_user(space, college=college)
    elsewhere = member_user(space)  # another college
    observer = member_user(space, role=Role.OBSERVER, college=college)
    round = RoundFactory(space=space, themes=themes, status=RoundStatus.DRAFT, college=college)
    client.force_login(secretariat)

    response = client.post(url("round_open", round))

    assert response.status_code == 302
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN and round.opened_at is not None
    told = set(Notification.objects.filter(kind="round_open").values_list("recipient", flat=True))
    assert told == {voter.pk}
    assert elsewhere.pk not in told and observer.pk not in told
    assert "Prioritisation open" in Notification.objects.get(recipient=voter).subject
    assert AuditEvent.objects.filter(action="round.open").exists()


def test_a_draft_can_be_edited_an_open_round_cannot(client, space, secretariat, themes):
    round = RoundFactory(space=space, themes=themes, status=RoundStatus.DRAFT)
    client.force_login(secretariat)

    response = client.post(url("round_update", round), round_data(themes[:2], title="Revu"))

    assert response.status_code == 302
    round.refresh_from_db()
    assert round.title == "Revu" and round.themes.count() == 2
    round_open(round=round, actor=secretariat)
    assert client.get(url("round_update", round)).status_code == 302
    response = client.post(url("round_update", round), round_data(themes, title="Encore"))
    assert "An opened round can no longer be changed." in response.content.decode()
    round.refresh_from_db()
    assert round.title == "Revu"


def test_closing_early_and_closing_when_due(space, secretariat, themes, open_round):
    voter = member_user(space)
    ballot(open_round, voter, points={themes[0]: 4})

    round_close(round=open_round, actor=secretariat)

    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.CLOSED and open_round.closed_at <= timezone.now()
    told = Notification.objects.get(recipient=voter, kind="round_closed")
    assert told.subject == f"Results of the prioritisation: {open_round.title}"
    assert "1 ballot was cast" in told.body
    assert AuditEvent.objects.filter(action="round.close", object_id=str(open_round.pk)).exists()
    with pytest.raises(ValidationError, match="cannot become"):
        round_close(round=open_round, actor=secretariat)

    due = RoundFactory(space=space, themes=themes, closes_at=in_days(-0.01))
    ahead = RoundFactory(space=space, themes=themes, closes_at=in_days(1))
    out = io.StringIO()
    call_command("close_rounds", stdout=out)
    assert out.getvalue().strip() == "1 round(s) closed."
    due.refresh_from_db()
    ahead.refresh_from_db()
    assert due.status == RoundStatus.CLOSED and due.closed_at == due.closes_at
    assert ahead.status == RoundStatus.OPEN
    assert rounds_close_due() == 0


@pytest.mark.parametrize("name", ["round_open", "round_close"])
def test_a_member_may_not_open_or_close(client, space, themes, name):
    status = RoundStatus.DRAFT if name == "round_open" else RoundStatus.OPEN
    round = RoundFactory(space=space, themes=themes, status=status)
    client.force_login(member_user(space))

    response = client.post(url(name, round))

    assert response.status_code == 404 if status == RoundStatus.DRAFT else 403
    round.refresh_from_db()
    assert round.status == status and not AuditEvent.objects.exists()


def test_a_member_may_not_create_a_round(client, space, themes):
    client.force_login(member_user(space))

    response = client.post(
        reverse("deliberation:round_create", args=[space.slug]), round_data(themes)
    )

    assert response.status_code == 403 and not PrioritisationRound.objects.exists()


# Voting


def test_a_voter_spreads_points_and_changes_the_ballot_until_the_close(
    client, space, open_round, themes
):
    voter = member_user(space)
    client.force_login(voter)
    vote_url = url("round_vote", open_round)
    assert "Vote now" in client.get(open_round.get_absolute_url()).content.decode()

    response = client.post(vote_url, points_form(themes, 5, 3, 0))
    assert response.status_code == 302 and response.url == open_round.get_absolute_url()
    ballot_ = Ballot.objects.get(voter=voter)
    assert {e.theme_id: e.points for e in ballot_.entries.all()} == {
        themes[0].pk: 5,
        themes[1].pk: 3,
    }

    formset = client.get(vote_url).context["formset"]
    values = {form.theme: form["value"].value() for form in formset}
    assert values == {themes[0]: 5, themes[1]: 3, themes[2]: 0}  # back, to be changed
    client.post(vote_url, points_form(themes, 0, 0, 10))
    assert Ballot.objects.count() == 1
    assert list(BallotEntry.objects.values_list("theme_id", "points")) == [(themes[2].pk, 10)]
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "changes", "note"))
    assert actions == [("ballot.cast", {}, ""), ("ballot.change", {}, "")]  # never the content
    page = client.get(open_round.get_absolute_url()).content.decode()
    assert "Foncier rural — 10 points" in page and "Change my ballot" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ((6, 5, 0), "You gave 11 points; you have 10 at most."),
        ((0, 0, 0), "Give at least one point to one theme."),
        ((-1, 2, 0), "Ensure this value is greater than or equal to 0."),
        (("x", 2, 0), "Enter a whole number."),
    ],
    ids=["too-many", "empty", "negative", "not-a-number"],
)
def test_a_wrong_dot_ballot_is_refused_with_a_message(
    client, space, open_round, themes, values, message
):
    client.force_login(member_user(space))

    response = client.post(url("round_vote", open_round), points_form(themes, *values))

    assert response.status_code == 200 and message in response.content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        ((1, 1, ""), "Two themes cannot have the same rank."),
        ((1, 3, ""), "Ranks go from 1 without gaps"),
        (("", "", ""), "Rank at least your first choice."),
    ],
)
def test_a_wrong_ranking_is_refused_with_a_message(client, space, themes, ranks, message):
    round = RoundFactory(space=space, themes=themes, method=RoundMethod.RANKING)
    client.force_login(member_user(space))

    response = client.post(url("round_vote", round), points_form(themes, *ranks))

    assert response.status_code == 200 and message in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_theme_not_in_the_round_or_twice_is_refused(client, space, open_round, themes):
    client.force_login(member_user(space))
    vote_url = url("round_vote", open_round)

    stranger = ThemeFactory(space=space)
    response = client.post(vote_url, points_form([themes[0], stranger], 3, 3))
    assert "The ballot names a theme that is not in this round." in response.content.decode()
    response = client.post(vote_url, points_form([themes[0], themes[0]], 3, 3))
    assert "A theme appears twice in the ballot." in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_partial_ranking_is_accepted_and_read_back_in_order(client, space, themes):
    round = RoundFactory(space=space, themes=themes, method=RoundMethod.RANKING)
    client.force_login(member_user(space))

    client.post(url("round_vote", round), points_form(themes, 2, "", 1))

    assert sorted(BallotEntry.objects.values_list("rank", flat=True)) == [1, 2]
    page = client.get(round.get_absolute_url()).content.decode()
    assert page.index("Foncier rural") < page.index("Agro-transformation du cacao")


def test_no_ballot_after_the_closing_time_even_before_the_round_is_closed(client, space, themes):
    voter = member_user(space)
    round = RoundFactory(space=space, themes=themes, closes_at=in_days(1))
    ballot(round, voter, points={themes[0]: 4})
    PrioritisationRound.objects.filter(pk=round.pk).update(closes_at=in_days(-0.001))
    round.refresh_from_db()

    with pytest.raises(ValidationError, match="not open for voting"):
        ballot_cast(round=round, voter=voter, points={themes[1].pk: 4})

    client.force_login(voter)
    response = client.post(url("round_vote", round), points_form(themes, 0, 4, 0))
    assert (
        response.status_code == 200
        and "This round is not open for voting." in response.content.decode()
    )
    assert client.get(url("round_vote", round)).status_code == 302
    assert list(BallotEntry.objects.values_list("theme_id", "points")) == [(themes[0].pk, 4)]
    # Past its closing time the results are out, even before the hourly close.
    assert "Overall (1 ballot)" in client.get(round.get_absolute_url()).content.decode()


def test_who_votes(space, themes):
    college = CollegeFactory(space=space, name="Secteur privé")
    round = RoundFactory(space=space, themes=themes, college=college)
    in_college = member_user(space, college=college)
    consultative = member_user(space, college=college, vote="consultative")
    observer = member_user(space, role=Role.OBSERVER, college=college)
    other_college = member_user(space)
    former = make_user()
    MembershipFactory(
        space=space,
        college=college,
        person__user=former,
        start_date=timezone.localdate() - datetime.timedelta(days=400),
        end_date=timezone.localdate() - datetime.timedelta(days=2),
    )

    assert set(eligible_voters(round)) == {in_college, consultative}
    for user in (observer, other_college, former):
        with pytest.raises(ValidationError, match="not among the voters"):
            ballot_cast(round=round, voter=user, points={themes[0].pk: 1})
    assert not Ballot.objects.exists()


def test_a_ballot_counts_in_the_college_of_the_voter(space, themes, open_round):
    college = CollegeFactory(space=space, name="Diaspora", order=1)
    voter = make_user()
    # Secretariat without a college, and member of the diaspora college: counted there.
    MembershipFactory(space=space, person__user=voter, role=Role.SECRETARIAT, college=None)
    MembershipFactory(space=space, person=voter.person, college=college)

    made = ballot_cast(round=open_round, voter=voter, points={themes[0].pk: 3})

    assert made.college == college


@pytest.mark.parametrize("who", ["observer", "other space", "admin"])
def test_who_may_not_vote_gets_403_and_nothing_changes(client, space, open_round, themes, who):
    user = {
        "observer": lambda: member_user(space, role=Role.OBSERVER),
        "other space": lambda: member_user(SpaceFactory()),
        "admin": make_admin,
    }[who]()
    client.force_login(user)

    response = client.post(url("round_vote", open_round), points_form(themes, 3, 3, 3))

    assert response.status_code == 403 and not Ballot.objects.exists()


def test_ballots_are_secret_to_other_voters_and_to_the_secretariat(
    client, space, secretariat, open_round, themes
):
    alice, bruno = member_user(space), member_user(space)
    ballot(open_round, alice, points={themes[0]: 7, themes[1]: 3})
    ballot(open_round, bruno, points={themes[2]: 9})

    client.force_login(bruno)
    page = client.get(open_round.get_absolute_url()).content.decode()
    assert "Foncier rural — 9 points" in page
    assert "7 points" not in page and "3 points" not in page
    assert "2 ballots cast" in page

    client.force_login(secretariat)
    page = client.get(open_round.get_absolute_url()).content.decode()
    assert "2 ballots cast" in page
    assert "9 points" not in page and "7 points" not in page
    assert alice.display_name not in page and bruno.display_name not in page


def test_a_visitor_sees_an_open_round_of_a_public_space_but_not_how_people_voted(
    client, space, open_round, themes
):
    ballot(open_round, member_user(space), points={themes[0]: 10})

    page = client.get(open_round.get_absolute_url()).content.decode()

    assert "1 ballot cast" in page and "Vote now" not in page
    assert f"{themes[0].title} — 10 points" not in page
    response = client.get(url("round_vote", open_round))
    assert response.status_code == 302 and "/login/" in response.url


def test_rounds_of_a_members_only_space_are_hidden(client, themes):
    private = SpaceFactory(visibility=Visibility.MEMBERS)
    round = RoundFactory(space=private, themes=[ThemeFactory(space=private)] * 2)
    for user in (None, make_user()):
        if user:
            client.force_login(user)
        assert client.get(round.get_absolute_url()).status_code == 404
        assert (
            client.get(reverse("deliberation:round_list", args=[private.slug])).status_code == 404
        )


# The list


def test_the_list_filters_and_paginates(client, space, secretariat, themes, settings):
    RoundFactory.create_batch(26, space=space, themes=themes, title="Priorités annuelles")
    closed = RoundFactory(
        space=space, themes=themes, title="Priorités de la pêche", status=RoundStatus.CLOSED
    )
    RoundFactory(space=space, themes=themes, title="Classement", method=RoundMethod.RANKING)
    list_url = reverse("deliberation:round_list", args=[space.slug])

    def titles(query=""):
        return [r.title for r in client.get(f"{list_url}?{query}").context["rounds"]]

    assert len(titles()) == settings.PAGE_SIZE
    assert len(titles("page=2")) == 28 - settings.PAGE_SIZE
    assert titles("q=pêche") == [closed.title]
    assert titles("status=closed") == [closed.title]
    assert titles("method=ranking") == ["Classement"]
    card = client.get(f"{list_url}?q=pêche").content.decode()
    assert "3 themes · 0 ballots" in card and "Closed on" in card
    partial = client.get(list_url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="round-results">')


def test_the_list_costs_the_same_queries_with_2_or_20_rounds(client):
    def count(rounds: int) -> int:
        space = SpaceFactory()
        voter = member_user(space)
        themes = ThemeFactory.create_batch(2, space=space)
        for round in RoundFactory.create_batch(rounds, space=space, themes=themes):
            ballot(round, voter, points={themes[0]: 2})
        client.force_login(voter)
        address = reverse("deliberation:round_list", args=[space.slug])
        client.get(address)
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    assert count(2) == count(20)


def test_the_round_page_costs_the_same_queries_with_few_or_many_ballots(client):
    def count(voters: int) -> int:
        space = SpaceFactory()
        themes = ThemeFactory.create_batch(3, space=space)
        round = RoundFactory(space=space, themes=themes, status=RoundStatus.CLOSED)
        for number in range(voters):
            ballot(round, member_user(space), points={themes[number % 3]: 5, themes[0]: 1})
        client.force_login(member_user(space, role=Role.SECRETARIAT))
        client.get(round.get_absolute_url())
        with CaptureQueriesContext(connection) as context:
            assert client.get(round.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    assert count(3) == count(30)
