"""The audit log: administrators read who changed what and when; record pages show history."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from palabre.accounts.models import User
from palabre.audit.models import AuditEvent
from palabre.audit.selectors import history_of
from palabre.spaces.models import Role
from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import SpaceFactory, member_user

from .factories import event_on

pytestmark = pytest.mark.django_db

URL = reverse("audit:list")


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin())
    return client


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SECRETARIAT])
def test_space_members_even_the_secretariat_are_refused(client, role):
    space = SpaceFactory()
    event_on(space, action="space.change", note="Secret note")
    client.force_login(member_user(space, role=role))

    response = client.get(URL)

    assert response.status_code == 403
    assert "Secret note" not in response.content.decode()


def test_the_log_shows_who_when_what_with_a_link_to_the_record(admin_client):
    secretary = make_user(full_name="Mariam Testdiallo")
    space = SpaceFactory(name="Comité de suivi de Nawa")
    event_on(space, actor=secretary, action="space.create", days_ago=2)
    event_on(
        space,
        actor=secretary,
        action="space.change",
        changes={"status": ["in_constitution", "active"]},
    )

    response = admin_client.get(URL)

    page = response.content.decode()
    assert [e.action for e in response.context["events"]] == ["space.change", "space.create"]
    assert "Mariam Testdiallo" in page
    assert f'<a href="{space.get_absolute_url()}">Comité de suivi de Nawa</a>' in page
    assert "<td>in_constitution</td><td>→ active</td>" in page


def test_a_deleted_record_or_one_without_page_is_named_without_link(admin_client):
    space = SpaceFactory(name="Espace supprimé")
    event_on(space, action="space.delete")
    space.delete()
    user = make_user(full_name="Kouadio Testyao")
    event_on(user, action="account.invite")

    response = admin_client.get(URL)

    page = response.content.decode()
    assert "Espace supprimé" in page and "Kouadio Testyao" in page
    assert [e.record_url for e in response.context["events"]] == ["", ""]


def test_filters_by_action_actor_record_type_and_dates_and_search(admin_client):
    alice, bob = make_user(full_name="Alice Testkra"), make_user(full_name="Bob Testouattara")
    space = SpaceFactory(name="Espace de Cavally")
    old = event_on(space, actor=alice, action="space.create", days_ago=40)
    recent = event_on(space, actor=bob, action="space.change", days_ago=1)
    on_user = event_on(bob, actor=alice, action="account.invite", note="Invitation relancée")

    def shown(**params):
        return {e.pk for e in admin_client.get(URL, params).context["events"]}

    assert shown(action="space.change") == {recent.pk}
    assert shown(actor=alice.pk) == {old.pk, on_user.pk}
    assert shown(content_type=old.content_type_id) == {old.pk, recent.pk}
    since = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert shown(since=since) == {recent.pk, on_user.pk}
    until = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert shown(until=until) == {old.pk}
    assert shown(q="relancée") == {on_user.pk}
    assert shown(q="testouattara") == {recent.pk, on_user.pk}  # as actor, and as the record
    assert shown(q="cavally", action="space.create") == {old.pk}


def test_the_log_is_paginated_and_its_queries_do_not_grow_with_events(
    admin_client, settings, django_assert_max_num_queries
):
    def events_on_new_records(count):
        for number in range(count):
            event_on(SpaceFactory(), actor=actor, changes={"name": ["a", "b"]})
            # A record type without page of its own; no password: hashing is slow.
            target = User.objects.create(email=f"target{number}-{count}@example.org")
            event_on(target, actor=actor)

    actor = make_user()
    events_on_new_records(2)
    admin_client.get(URL)  # warms the per-process caches (site identity, content types)
    with django_assert_max_num_queries(20) as few:
        admin_client.get(URL)
    events_on_new_records(settings.PAGE_SIZE)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(URL)

    assert len(response.context["events"]) == settings.PAGE_SIZE
    assert response.context["page_obj"].paginator.num_pages == 3


def test_history_of_a_record_lists_its_own_events_newest_first():
    space, other = SpaceFactory(), SpaceFactory()
    first = event_on(space, action="space.create", days_ago=3)
    second = event_on(space, action="space.change", changes={"name": ["Ancien", "Nouveau"]})
    event_on(other, action="space.change")

    events = list(history_of(space))

    assert events == [second, first]
    html = render_to_string("audit/partials/history.html", {"events": events})
    assert "<td>Ancien</td><td>→ Nouveau</td>" in html
    assert html.index("space.change") < html.index("space.create")


def test_the_admin_site_shows_events_read_only(admin_client):
    event = event_on(SpaceFactory(), action="space.create")

    assert admin_client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
