"""Themes: proposed by members, supported once, moved through their statuses by the secretariat
(every change audited and told), visible to visitors of public spaces and hidden elsewhere."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.deliberation.models import Theme, ThemeStatus, ThemeSupport
from palabre.deliberation.services.themes import (
    theme_mark_in_plan,
    theme_set_status,
    theme_support,
    theme_unsupport,
)
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, SpaceStatus, Visibility
from palabre.territories.models import Sector
from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import MembershipFactory, SpaceFactory, country, member_user

from .factories_themes import ThemeCommentFactory, ThemeFactory, ThemeSupportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro", slug="concertation")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def member(space):
    return member_user(space)


def queries_for(client, address: str) -> int:
    client.get(address)  # what is cached after a first page (the site's identity) is not counted
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


def url(name, space, *args):
    return reverse(f"deliberation:{name}", args=[space.slug, *args])


def propose_data(**changes):
    data = {
        "title": "Ouvrir un guichet de l'investissement de la diaspora",
        "description": "Un point unique pour accompagner les projets des Ivoiriens de l'extérieur.",
        "axis": "Investissement de la diaspora",
    }
    return {**data, **changes}


# Proposing and editing


def test_a_diaspora_member_proposes_a_theme_with_axis_and_sectors(client, space):
    abroad = member_user(space)
    abroad.person.country_of_residence = country("FR")  # diaspora: lives outside the country
    abroad.person.save()
    fisheries, tourism = Sector.objects.get(code="fisheries"), Sector.objects.get(code="tourism")
    client.force_login(abroad)

    response = client.post(
        url("theme_create", space), propose_data(sectors=[fisheries.pk, tourism.pk])
    )

    theme = Theme.objects.get()
    assert response.status_code == 302 and response.url == theme.get_absolute_url()
    assert theme.proposed_by == abroad and theme.status == ThemeStatus.PROPOSED
    assert set(theme.sectors.all()) == {fisheries, tourism}
    event = AuditEvent.objects.get(action="theme.propose")
    assert event.object_id == str(theme.pk) and "fisheries" in event.changes["sectors"][1]
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Ouvrir un guichet" in page and fisheries.name_en in page


def test_the_form_suggests_the_axes_already_used_in_the_space(client, space, member):
    ThemeFactory(space=space, axis="Économie bleue et pêche")
    ThemeFactory(space=SpaceFactory(), axis="Axe d'un autre espace")
    client.force_login(member)

    page = client.get(url("theme_create", space)).content.decode()

    assert '<datalist id="theme-axes">' in page
    assert 'value="Économie bleue et pêche"' in page
    assert "Axe d&#x27;un autre espace" not in page and "Axe d'un autre espace" not in page
    assert 'list="theme-axes"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"description": "  "}, "This field is required."),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters"),
    ],
    ids=["no-title", "blank-description", "title-too-long"],
)
def test_a_refused_proposal_says_why_and_stores_nothing(client, space, member, changes, message):
    client.force_login(member)

    response = client.post(url("theme_create", space), propose_data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Theme.objects.exists() and not AuditEvent.objects.exists()


def test_a_closed_space_takes_no_new_theme(client, space, member):
    space.status = SpaceStatus.CLOSED
    space.save()
    client.force_login(member)

    response = client.post(url("theme_create", space), propose_data())

    assert "A closed space takes no new themes." in response.content.decode()
    assert not Theme.objects.exists()


def test_a_visitor_or_a_member_of_another_space_may_not_propose(client, space):
    client.force_login(member_user(SpaceFactory()))
    response = client.post(url("theme_create", space), propose_data())
    assert response.status_code == 403
    client.logout()
    response = client.post(url("theme_create", space), propose_data())
    assert response.status_code == 302 and "/login/" in response.url
    assert not Theme.objects.exists()


def test_the_author_edits_while_proposed_then_only_the_secretariat(
    client, space, member, secretariat
):
    theme = ThemeFactory(space=space, proposed_by=member, title="Titre provisoire")
    client.force_login(member)

    response = client.post(url("theme_update", space, theme.pk), propose_data(title="Titre revu"))

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.title == "Titre revu"
    assert AuditEvent.objects.get(action="theme.update").changes["title"] == [
        "Titre provisoire",
        "Titre revu",
    ]

    theme_set_status(theme=theme, actor=secretariat, status=ThemeStatus.UNDER_DISCUSSION)
    assert client.get(url("theme_update", space, theme.pk)).status_code == 403
    response = client.post(url("theme_update", space, theme.pk), propose_data(title="Encore"))
    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.title == "Titre revu"
    assert "theme_update" not in client.get(theme.get_absolute_url()).content.decode()

    client.force_login(secretariat)
    response = client.post(url("theme_update", space, theme.pk), propose_data(title="Final"))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.title == "Final"


def test_another_member_may_not_edit_a_theme(client, space, member):
    theme = ThemeFactory(space=space, title="Inchangé")
    client.force_login(member)

    response = client.post(url("theme_update", space, theme.pk), propose_data(title="Changé"))

    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.title == "Inchangé" and not AuditEvent.objects.exists()


# Statuses


def test_the_lifecycle_proposed_to_in_the_action_plan(client, space, secretariat):
    proposer, supporter = member_user(space), member_user(space)
    theme = ThemeFactory(space=space, proposed_by=proposer, title="Tourisme à Grand-Béréby")
    ThemeSupportFactory(theme=theme, user=supporter)
    client.force_login(secretariat)
    status_url = url("theme_status", space, theme.pk)

    for status in (ThemeStatus.UNDER_DISCUSSION, ThemeStatus.RETAINED):
        response = client.post(status_url, {"status": status, "reason": ""})
        assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.RETAINED and theme.status_changed_at is not None

    theme_mark_in_plan(theme=theme, actor=secretariat)
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.IN_PLAN

    events = AuditEvent.objects.filter(action="theme.status", object_id=str(theme.pk))
    assert [e.changes["status"][1] for e in events.order_by("pk")] == [
        "under_discussion",
        "retained",
        "in_plan",
    ]
    # The proposer and the supporter are told each time; the secretariat who acted is not.
    for user in (proposer, supporter):
        subjects = list(
            Notification.objects.filter(recipient=user, kind="theme_status").values_list(
                "subject", flat=True
            )
        )
        assert len(subjects) == 3
        assert "Theme “Tourisme à Grand-Béréby”: In the action plan" in subjects
    assert not Notification.objects.filter(recipient=secretariat).exists()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ThemeStatus.PROPOSED, ThemeStatus.RETAINED),
        (ThemeStatus.SET_ASIDE, ThemeStatus.RETAINED),
        (ThemeStatus.IN_PLAN, ThemeStatus.UNDER_DISCUSSION),
        (ThemeStatus.UNDER_DISCUSSION, ThemeStatus.PROPOSED),
    ],
)
def test_a_transition_not_allowed_is_refused(space, secretariat, start, target):
    theme = ThemeFactory(space=space, status=start, status_reason="Hors mandat de l'espace")

    with pytest.raises(ValidationError, match="cannot become"):
        theme_set_status(theme=theme, actor=secretariat, status=target, reason="x")

    theme.refresh_from_db()
    assert theme.status == start and not AuditEvent.objects.exists()


def test_in_the_action_plan_only_comes_from_an_action_of_a_retained_theme(space, secretariat):
    theme = ThemeFactory(space=space, status=ThemeStatus.UNDER_DISCUSSION)

    with pytest.raises(ValidationError, match="when an action is created"):
        theme_set_status(theme=theme, actor=secretariat, status=ThemeStatus.IN_PLAN)
    with pytest.raises(ValidationError, match="Only a retained theme"):
        theme_mark_in_plan(theme=theme, actor=secretariat)

    theme.refresh_from_db()
    assert theme.status == ThemeStatus.UNDER_DISCUSSION


def test_the_status_form_offers_only_the_allowed_statuses(client, space, secretariat):
    theme = ThemeFactory(space=space, status=ThemeStatus.RETAINED)
    client.force_login(secretariat)

    form = client.get(url("theme_status", space, theme.pk)).context["form"]

    assert [value for value, _label in form.fields["status"].choices] == [
        ThemeStatus.UNDER_DISCUSSION,
        ThemeStatus.SET_ASIDE,
    ]


def test_setting_aside_needs_a_public_reason_shown_on_the_theme(client, space, secretariat):
    theme = ThemeFactory(space=space)
    client.force_login(secretariat)
    status_url = url("theme_status", space, theme.pk)

    response = client.post(status_url, {"status": ThemeStatus.SET_ASIDE, "reason": "  "})

    assert response.status_code == 200
    assert "Say why the theme is set aside." in response.content.decode()
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.PROPOSED

    reason = "Relève du ministère et non des régions."
    client.post(status_url, {"status": ThemeStatus.SET_ASIDE, "reason": reason})
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.SET_ASIDE and theme.status_reason == reason
    client.logout()  # the reason is public
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Set aside because:" in page and "Relève du ministère" in page

    # Reopened for discussion later.
    theme_set_status(theme=theme, actor=secretariat, status=ThemeStatus.UNDER_DISCUSSION)
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.UNDER_DISCUSSION


def test_a_member_may_not_change_a_status(client, space, member):
    theme = ThemeFactory(space=space)
    client.force_login(member)

    response = client.post(
        url("theme_status", space, theme.pk), {"status": ThemeStatus.UNDER_DISCUSSION}
    )

    assert response.status_code == 403
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.PROPOSED and not AuditEvent.objects.exists()


# Supports


def test_one_tap_supports_then_withdraws_without_javascript(client, space, member):
    theme = ThemeFactory(space=space)
    client.force_login(member)
    support_url = url("theme_support", space, theme.pk)

    response = client.post(support_url, {"support": "1"})
    assert response.status_code == 302 and response.url == theme.get_absolute_url()
    client.post(support_url, {"support": "1"})  # twice: still one support
    assert ThemeSupport.objects.filter(theme=theme, user=member).count() == 1
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "1 support" in page and 'aria-pressed="true"' in page

    client.post(support_url, {"support": "0"})
    assert not ThemeSupport.objects.exists()


def test_members_support_from_the_list_too(client, space, member):
    theme = ThemeFactory(space=space)
    ThemeFactory(space=space, status=ThemeStatus.SET_ASIDE, status_reason="Hors mandat")
    client.force_login(member)
    list_url = url("theme_list", space)

    page = client.get(list_url).content.decode()
    assert page.count('name="support"') == 1  # not on the theme set aside
    response = client.post(
        url("theme_support", space, theme.pk), {"support": "1", "next": list_url, "card": "1"}
    )
    assert response.status_code == 302 and response.url == list_url
    assert ThemeSupport.objects.filter(theme=theme, user=member).exists()
    response = client.post(
        url("theme_support", space, theme.pk), {"support": "0", "card": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "theme-support-card" in response.content.decode()
    assert not ThemeSupport.objects.exists()


def test_with_htmx_the_support_button_comes_back_alone(client, space, member):
    theme = ThemeFactory(space=space)
    ThemeSupportFactory(theme=theme)
    client.force_login(member)

    response = client.post(
        url("theme_support", space, theme.pk), {"support": "1"}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div class="theme-support"') and "<html" not in html
    assert "2 supports" in html and 'value="0"' in html


def test_a_theme_set_aside_takes_no_support(space, member, secretariat):
    theme = ThemeFactory(space=space, status=ThemeStatus.SET_ASIDE, status_reason="Hors sujet")

    with pytest.raises(ValidationError, match="no longer takes supports"):
        theme_support(theme=theme, actor=member)
    with pytest.raises(ValidationError):
        theme_unsupport(theme=theme, actor=member)
    assert not ThemeSupport.objects.exists()


def test_a_visitor_of_a_public_space_reads_but_cannot_support(client, space):
    theme = ThemeFactory(space=space, title="Désenclavement des pistes rurales")
    ThemeCommentFactory(theme=theme, text="Les pistes de Méagui sont impraticables.")

    page = client.get(theme.get_absolute_url()).content.decode()

    assert "Désenclavement des pistes rurales" in page and "Méagui" in page
    assert 'name="support"' not in page and "Publish the comment" not in page
    response = client.post(url("theme_support", space, theme.pk), {"support": "1"})
    assert response.status_code == 302 and "/login/" in response.url
    client.force_login(make_user())
    assert client.post(url("theme_support", space, theme.pk)).status_code == 403
    assert not ThemeSupport.objects.exists()


def test_themes_of_a_members_only_space_are_hidden(client):
    private = SpaceFactory(visibility=Visibility.MEMBERS)
    theme = ThemeFactory(space=private)
    for user in (None, make_user(), member_user(SpaceFactory())):
        if user:
            client.force_login(user)
        assert client.get(url("theme_list", private)).status_code == 404
        assert client.get(theme.get_absolute_url()).status_code == 404
    client.force_login(member_user(private))
    assert client.get(theme.get_absolute_url()).status_code == 200


def test_the_admin_may_do_what_the_secretariat_does(client, space):
    theme = ThemeFactory(space=space)
    client.force_login(make_admin())

    response = client.post(
        url("theme_status", space, theme.pk), {"status": ThemeStatus.UNDER_DISCUSSION}
    )

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.UNDER_DISCUSSION


# The list


def test_the_list_searches_filters_and_sorts(client, space):
    cocoa = ThemeFactory(
        space=space,
        title="Transformation du cacao à Soubré",
        axis="Agriculture",
        description="Usines de broyage.",
    )
    fish = ThemeFactory(
        space=space,
        title="Débarcadère de pêche",
        axis="Économie bleue",
        description="Chaîne du froid pour le poisson de San-Pédro.",
        status=ThemeStatus.RETAINED,
    )
    port = ThemeFactory(space=space, title="Logistique portuaire", axis="Infrastructures")
    fish.sectors.add(Sector.objects.get(code="fisheries"))
    ThemeSupportFactory.create_batch(3, theme=port)
    ThemeSupportFactory(theme=fish)
    ThemeCommentFactory.create_batch(2, theme=cocoa)
    ThemeCommentFactory(theme=port, hidden_at=timezone.now(), hidden_reason="Injurieux")
    list_url = url("theme_list", space)

    def titles(query=""):
        return [t.title for t in client.get(f"{list_url}?{query}").context["themes"]]

    assert titles() == [port.title, fish.title, cocoa.title]  # newest first
    assert titles("q=froid poisson") == [fish.title]  # words of the description
    assert titles("q=cacao") == [cocoa.title]
    assert titles("status=retained") == [fish.title]
    assert titles("axis=Infrastructures") == [port.title]
    assert titles("sector=fisheries") == [fish.title]
    assert titles("sort=supported") == [port.title, fish.title, cocoa.title]
    # Hidden comments do not count.
    assert titles("sort=discussed") == [cocoa.title, port.title, fish.title]
    card = client.get(list_url).content.decode()
    assert "3 supports" in card and "2 comments" in card and "0 comments" in card


def test_the_list_is_paginated_and_swapped_by_htmx(client, space, settings):
    ThemeFactory.create_batch(27, space=space)
    list_url = url("theme_list", space)

    first = client.get(list_url)
    assert len(first.context["themes"]) == settings.PAGE_SIZE == 25
    assert "Page 1 of 2" in first.content.decode()
    assert len(client.get(f"{list_url}?page=2").context["themes"]) == 2

    partial = client.get(list_url, HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="theme-results">') and "<html" not in partial


def test_the_list_costs_the_same_queries_with_3_or_30_themes(client):
    def count(themes: int) -> int:
        space = SpaceFactory()
        user = member_user(space)
        for theme in ThemeFactory.create_batch(themes, space=space):
            theme.sectors.add(Sector.objects.get(code="tourism"))
            ThemeSupportFactory(theme=theme, user=user)
            ThemeCommentFactory(theme=theme)
        client.force_login(user)
        return queries_for(client, url("theme_list", space))

    assert count(3) == count(30)


def test_the_theme_page_costs_the_same_queries_with_few_or_many_comments(client):
    def count(comments: int) -> int:
        space = SpaceFactory()
        theme = ThemeFactory(space=space)
        for parent in ThemeCommentFactory.create_batch(comments, theme=theme):
            ThemeCommentFactory(theme=theme, parent=parent)
        ThemeCommentFactory(theme=theme, hidden_at=timezone.now(), hidden_reason="Hors sujet")
        client.force_login(member_user(space, role=Role.SECRETARIAT))
        return queries_for(client, theme.get_absolute_url())

    assert count(2) == count(20)


def test_an_unknown_theme_or_one_of_another_space_is_a_404(client, space):
    other = ThemeFactory(space=SpaceFactory())
    assert client.get(url("theme", space, other.pk)).status_code == 404
    assert client.get(url("theme", space, 99999)).status_code == 404


def test_membership_ended_means_no_more_proposing(client, space):
    user = make_user()
    MembershipFactory(
        space=space,
        person__user=user,
        start_date=timezone.localdate() - datetime.timedelta(days=90),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(user)

    assert client.post(url("theme_create", space), propose_data()).status_code == 403
