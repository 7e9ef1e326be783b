"""The calls' public pages, the feeds and preparing a call: what a visitor, an applicant and
the secretariat see and can do."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.calls.models import Call, CallStatus, Criterion
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, member_user

from .factories import PDF, CallFactory, with_documents, with_grid

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi du Cavally")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


def ready_draft(space, **fields):
    call = CallFactory(space=space, status=CallStatus.DRAFT, **fields)
    with_grid(call)
    with_documents(call)
    return call


def post_grid(client, call, kind, item=None, **fields):
    """One row's form of the grid page, its fields prefixed as the page names them."""
    prefix = f"{kind}-{item.pk if item else 'new'}"
    data = {"kind": kind, **({"pk": item.pk} if item else {})}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    return client.post(reverse("calls:call_grid", args=[call.pk]), data)


def test_anonymous_sees_published_public_calls_never_drafts(client, space):
    published = CallFactory(space=space, title="Expert en finance diaspora")
    draft = CallFactory(space=space, status=CallStatus.DRAFT, title="Appel encore secret")
    hidden = CallFactory(
        space=SpaceFactory(visibility=Visibility.MEMBERS), title="Appel d'un espace fermé"
    )
    page = client.get(reverse("calls:call_list")).content.decode()
    assert published.title in page
    assert draft.title not in page and hidden.title not in page
    assert client.get(reverse("calls:call", args=[draft.pk])).status_code == 404
    assert client.get(reverse("calls:call", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("calls:call", args=[published.pk])).status_code == 200


def test_the_secretariat_lists_its_drafts(client, space, secretariat):
    draft = CallFactory(space=space, status=CallStatus.DRAFT, title="Appel en préparation")
    other = CallFactory(status=CallStatus.DRAFT, title="Brouillon d'un autre espace")
    client.force_login(secretariat)
    page = client.get(reverse("calls:call_list")).content.decode()
    assert draft.title in page and other.title not in page


def test_the_list_filters_open_and_closed_calls_and_searches(client, space):
    now = timezone.now()
    CallFactory(space=space, title="Appel ouvert sur le tourisme")
    CallFactory(
        space=space,
        title="Appel clos sur le cacao",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
    )
    url = reverse("calls:call_list")
    open_page = client.get(url, {"open": "open"}).content.decode()
    assert "tourisme" in open_page and "cacao" not in open_page
    closed_page = client.get(url, {"open": "closed"}).content.decode()
    assert "cacao" in closed_page and "tourisme" not in closed_page
    assert "tourisme" not in client.get(url, {"q": "cacao"}).content.decode()


def test_the_call_page_states_the_grid_documents_and_deadline_in_both_time_zones(client, space):
    call = CallFactory(
        space=space,
        time_zone="Africa/Abidjan",
        closes_at=datetime.datetime(2099, 3, 31, 17, 0, tzinfo=datetime.UTC),
    )
    with_grid(call)
    with_documents(call)
    client.force_login(make_user(time_zone="America/Toronto"))
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Méthodologie" in page and "35 %" in page
    assert "Offre financière" in page and ".xlsx" in page
    assert "(Africa/Abidjan)" in page and "(America/Toronto)" in page
    assert "lowest eligible price divided by its own price" in page


def test_publishing_refuses_weights_that_do_not_make_100(client, space, secretariat):
    call = ready_draft(space)
    Criterion.objects.filter(call=call, is_price=True).update(weight=Decimal("10"))
    client.force_login(secretariat)
    url = reverse("calls:call_transition", args=[call.pk])
    assert "they must make 100" in client.get(url).content.decode()  # the checklist, before
    response = client.post(url, {"status": CallStatus.PUBLISHED})
    assert response.status_code == 200
    assert "The weights make 90.00 %; they must make 100 %." in response.content.decode()
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT


def test_publishing_a_complete_draft(client, space, secretariat):
    call = ready_draft(space)
    client.force_login(secretariat)
    response = client.post(
        reverse("calls:call_transition", args=[call.pk]), {"status": CallStatus.PUBLISHED}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert call.reference in client.get(reverse("calls:call_list")).content.decode()


def test_the_grid_shows_the_running_total_and_what_is_missing(client, space, secretariat):
    call = CallFactory(space=space, status=CallStatus.DRAFT)
    client.force_login(secretariat)
    url = reverse("calls:call_grid", args=[call.pk])
    response = post_grid(client, call, "criterion", name="Méthodologie", weight="60", order="1")
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "The weights make 60.00 %; they must make 100 %." in page
    assert "The call asks for no document." in page


def test_a_second_price_criterion_is_refused(client, space, secretariat):
    call = ready_draft(space)
    client.force_login(secretariat)
    response = post_grid(
        client, call, "criterion", name="Prix bis", weight="5", is_price="on", order="9"
    )
    assert "one price criterion at most" in response.content.decode()
    assert call.criteria.count() == 4


def test_a_published_call_no_longer_changes(client, space, secretariat):
    call = CallFactory(space=space)
    with_grid(call)
    client.force_login(secretariat)
    weights = list(call.criteria.values_list("weight", flat=True))
    response = client.post(
        reverse("calls:call_grid", args=[call.pk]),
        {
            "kind": "criterion",
            "pk": call.criteria.first().pk,
            "delete": "1",
        },
    )
    assert response.status_code == 302
    assert list(call.criteria.values_list("weight", flat=True)) == weights
    assert "no longer changes" in client.get(call.get_absolute_url()).content.decode()


def call_form(space, **changes):
    return {
        "space": space.pk,
        "kind": "expertise",
        "reference": "AMI-2099-001",
        "title": "Recrutement d'un consultant",
        "time_zone": "Africa/Dakar",
        "opens_at": "2099-01-10T08:00",
        "closes_at": "2099-02-10T17:00",
        "terms_of_reference": "<p>Appuyer le secrétariat.</p>",
        "currency": "XOF",
        "price_formula": "lowest_over_offer",
        **changes,
    }


def test_the_terms_are_sanitised_and_the_deadline_read_in_the_calls_time_zone(
    client, space, secretariat
):
    client.force_login(secretariat)
    terms = '<p onclick="steal()">Missions</p><script>alert("x")</script><ul><li>Un</li></ul>'
    response = client.post(
        reverse("calls:call_create") + f"?espace={space.slug}",
        call_form(space, terms_of_reference=terms),
    )
    assert response.status_code == 302
    call = Call.objects.get(reference="AMI-2099-001")
    assert call.status == CallStatus.DRAFT and call.created_by == secretariat
    assert "<script" not in call.terms_of_reference and "onclick" not in call.terms_of_reference
    assert "<p>Missions</p>" in call.terms_of_reference and "<li>Un</li>" in call.terms_of_reference
    # 17:00 in Dakar (UTC+0) is 17:00 UTC.
    assert call.closes_at == datetime.datetime(2099, 2, 10, 17, 0, tzinfo=datetime.UTC)
    assert AuditEvent.objects.filter(action="calls.create", object_id=str(call.pk)).exists()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "<p>Missions</p>" in page and 'alert("x")' not in page


def test_a_call_must_close_after_it_opens(client, space, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("calls:call_create"), call_form(space, closes_at="2099-01-01T08:00")
    )
    assert response.status_code == 200
    assert "A call must close after it opens." in response.content.decode()
    assert not Call.objects.exists()


def test_a_member_cannot_create_a_call(client, space):
    client.force_login(member_user(space))
    response = client.post(reverse("calls:call_create") + f"?espace={space.slug}", call_form(space))
    assert response.status_code == 403
    assert not Call.objects.exists()


def test_the_feeds_list_only_open_public_calls(client, space):
    now = timezone.now()
    open_call = CallFactory(space=space, title="Appel ouvert")
    CallFactory(space=space, status=CallStatus.DRAFT, title="Brouillon")
    CallFactory(
        space=space,
        title="Appel clos",
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=2),
    )
    CallFactory(
        space=space,
        title="Appel à venir",
        opens_at=now + datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=9),
    )
    CallFactory(space=SpaceFactory(visibility=Visibility.MEMBERS), title="Appel fermé")

    atom = ET.fromstring(client.get(reverse("calls:call_feed")).content)
    titles = [entry.findtext(f"{ATOM}title") for entry in atom.iter(f"{ATOM}entry")]
    assert titles == [f"{open_call.reference} — Appel ouvert"]
    link = next(atom.iter(f"{ATOM}entry")).find(f"{ATOM}link").get("href")
    assert link.endswith(open_call.get_absolute_url())

    rss = ET.fromstring(client.get(reverse("calls:call_feed_rss")).content)
    assert [item.findtext("title") for item in rss.iter("item")] == titles


def test_the_terms_file_is_downloaded(client, space):
    call = CallFactory(space=space)
    call.terms_file.save("termes.pdf", ContentFile(PDF))
    response = client.get(reverse("calls:call_terms", args=[call.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_the_list_costs_the_same_with_few_or_many_calls(client, space, secretariat, who):
    if who == "secretariat":
        client.force_login(secretariat)
    CallFactory.create_batch(2, space=space)
    url = reverse("calls:call_list")
    with_two = queries_for(client, url)
    CallFactory.create_batch(12, space=space)
    CallFactory.create_batch(3, space=space, status=CallStatus.DRAFT)
    assert queries_for(client, url) == with_two


def test_changing_a_weight_is_audited_with_the_old_and_new_values(client, space, secretariat):
    call = ready_draft(space)
    team = call.criteria.get(name__startswith="Qualification")
    client.force_login(secretariat)
    response = post_grid(client, call, "criterion", team, name=team.name, weight="30", order="2")
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="calls.criterion")
    assert event.changes["weight"] == ["35.00", "30"]
    page = client.get(reverse("calls:call_grid", args=[call.pk])).content.decode()
    assert "running total 75 %" in page and "The weights make 95.00 %" in page


def test_editing_a_published_call_is_refused_and_changes_nothing(client, space, secretariat):
    call = CallFactory(space=space, title="Titre publié")
    client.force_login(secretariat)
    response = client.post(
        reverse("calls:call_edit", args=[call.pk]), call_form(space, title="Titre changé")
    )
    assert response.status_code == 200
    assert "no longer changes" in response.content.decode()
    call.refresh_from_db()
    assert call.title == "Titre publié"


def test_a_document_of_an_unknown_type_is_refused(client, space, secretariat):
    call = CallFactory(space=space, status=CallStatus.DRAFT)
    client.force_login(secretariat)
    response = post_grid(
        client,
        call,
        "document",
        label="Attestation fiscale",
        part="technical",
        extensions=".pdf, .exe",
        max_megabytes="5",
        order="1",
    )
    assert response.status_code == 200
    assert "Accepted file types: .pdf" in response.content.decode()
    assert not call.required_documents.exists()
