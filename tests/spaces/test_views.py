import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from palabre.audit.models import AuditEvent
from palabre.spaces.models import Membership, Role, Space, Visibility
from palabre.territories.models import Region
from tests.accounts.factories import make_admin
from tests.directory.factories import PersonFactory

from .factories import CollegeFactory, MembershipFactory, SpaceFactory, country, member_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi du Cavally", slug="cavally")


@pytest.fixture
def secretariat_client(client, space):
    client.force_login(member_user(space, role=Role.SECRETARIAT))
    return client


def manage_url(space):
    return reverse("spaces:manage_members", args=[space.slug])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- the public page and the list -----------------------------------------------------------


def test_public_page_shows_colleges_officers_and_no_contact_data(client, space):
    college = CollegeFactory(space=space, name="Collège de la diaspora")
    chair = MembershipFactory(
        space=space,
        college=college,
        role=Role.CHAIR,
        person=PersonFactory(first_name="Aya", last_name="Testbamba", phone="+2250701020304"),
    )
    MembershipFactory(space=space, college=college)
    MembershipFactory(space=space, college=college, end_date=TODAY - datetime.timedelta(days=1))
    response = client.get(space.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aya Testbamba" in page and "Collège de la diaspora" in page
    assert response.context["colleges"][0].member_count == 2  # the ended one does not count
    assert chair.person.email not in page and chair.person.phone not in page


def test_members_only_space_is_hidden_from_non_members(client):
    private = SpaceFactory(name="Cellule restreinte", visibility=Visibility.MEMBERS)
    SpaceFactory(name="Comité public")
    assert client.get(private.get_absolute_url()).status_code == 404
    assert "Cellule restreinte" not in client.get(reverse("spaces:list")).content.decode()

    client.force_login(member_user(SpaceFactory()))
    assert client.get(private.get_absolute_url()).status_code == 404
    assert "Cellule restreinte" not in client.get(reverse("spaces:list")).content.decode()

    client.force_login(member_user(private))
    assert client.get(private.get_absolute_url()).status_code == 200
    assert "Cellule restreinte" in client.get(reverse("spaces:list")).content.decode()


def test_list_search_and_filters(client):
    SpaceFactory(name="Comité de suivi de la Nawa", kind="follow_up_committee")
    SpaceFactory(name="Groupe de travail investissement", kind="working_group")
    found = client.get(reverse("spaces:list"), {"q": "nawa"}).context["spaces"]
    assert [s.name for s in found] == ["Comité de suivi de la Nawa"]
    found = client.get(reverse("spaces:list"), {"kind": "working_group"}).context["spaces"]
    assert [s.name for s in found] == ["Groupe de travail investissement"]


def three_regions() -> list[Region]:
    return [
        Region.objects.create(country=country("CI"), name=name)
        for name in ["San-Pédro test", "Nawa test", "Cavally test"]
    ]


def test_a_space_shows_each_of_its_regions_before_the_country(client, space):
    san_pedro, nawa, _cavally = three_regions()
    space.regions.add(san_pedro, nawa)
    territory = f"Nawa test, San-Pédro test, {escape(space.country.name)}"
    page = client.get(space.get_absolute_url()).content.decode()
    assert (
        f'<a href="{nawa.get_absolute_url()}">Nawa test</a>, '
        f'<a href="{san_pedro.get_absolute_url()}">San-Pédro test</a>, '
        f"{escape(space.country.name)}"
    ) in page
    listing = client.get(reverse("spaces:list")).content.decode()
    home = client.get(reverse("core:home")).content.decode()
    assert territory in listing and territory in home
    assert "Cavally test" not in page + listing


def test_filtering_by_one_region_finds_the_space_covering_three(client):
    regions = three_regions()
    wide = SpaceFactory(name="Espace des trois régions")
    wide.regions.set(regions)
    SpaceFactory(name="Espace national")
    other = SpaceFactory(name="Espace de la Nawa seule")
    other.regions.add(regions[1])
    found = client.get(reverse("spaces:list"), {"region": regions[2].pk}).context["spaces"]
    assert [s.name for s in found] == ["Espace des trois régions"]
    found = client.get(reverse("spaces:list"), {"region": regions[1].pk}).context["spaces"]
    assert [s.name for s in found] == ["Espace de la Nawa seule", "Espace des trois régions"]


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [reverse("spaces:list"), reverse("core:home")])
def test_space_pages_cost_the_same_with_2_or_20_spaces_and_their_regions(client, url):
    regions = three_regions()
    for n in range(20):
        space = SpaceFactory()
        space.regions.set(regions[: n % 3 + 1])
        if n == 1:
            page_queries(client, url)  # warms the per-process caches
            with_two = page_queries(client, url)
    assert page_queries(client, url) == with_two


def test_admin_creates_a_space_covering_two_regions(client):
    san_pedro, nawa, _cavally = three_regions()
    client.force_login(make_admin())
    response = client.get(reverse("spaces:create"))
    assert f'value="{nawa.pk}"' in response.content.decode()
    response = client.post(
        reverse("spaces:create"),
        {
            "name": "Espace test",
            "slug": "espace-test",
            "kind": "concertation_space",
            "country": country().pk,
            "regions": [san_pedro.pk, nawa.pk],
            "status": "active",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert set(Space.objects.get(slug="espace-test").regions.all()) == {san_pedro, nawa}


def test_a_region_of_another_country_is_refused_on_the_form(secretariat_client, space):
    nawa = three_regions()[1]
    space.regions.add(nawa)
    thies = Region.objects.create(country=country("SN"), name="Thiès test")
    response = secretariat_client.post(
        reverse("spaces:update", args=[space.slug]),
        {
            "name": "Comité renommé",
            "slug": space.slug,
            "kind": "follow_up_committee",
            "country": space.country_id,
            "regions": [nawa.pk, thies.pk],
            "status": "active",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["regions"] == [
        f"Thiès test is not a region of {space.country.name}, the space's country."
    ]
    space = Space.objects.get(pk=space.pk)
    assert space.name == "Comité de suivi du Cavally" and list(space.regions.all()) == [nawa]
    assert not AuditEvent.objects.filter(action="space.update").exists()


# --- the members' area ----------------------------------------------------------------------


def test_members_area_groups_current_members_by_college(client, space):
    first = CollegeFactory(space=space, name="Collège des régions", order=1)
    second = CollegeFactory(space=space, name="Collège de la diaspora", order=2)
    MembershipFactory(space=space, college=second, person=PersonFactory(last_name="Testzadi"))
    MembershipFactory(space=space, college=first, person=PersonFactory(last_name="Testyao"))
    MembershipFactory(
        space=space,
        college=first,
        person=PersonFactory(last_name="Testparti"),
        end_date=TODAY - datetime.timedelta(days=1),
    )
    client.force_login(member_user(space, college=first))
    page = client.get(reverse("spaces:members", args=[space.slug])).content.decode()
    page = page[page.index('id="member-results"') :]  # after the filter form and its college list
    assert page.index("Collège des régions") < page.index("Testyao")
    assert page.index("Testyao") < page.index("Collège de la diaspora") < page.index("Testzadi")
    assert "Testparti" not in page


def test_members_search_ignores_accents_and_filters_by_role(client, space):
    MembershipFactory(space=space, person=PersonFactory(first_name="Adjoua", last_name="N'Guessan"))
    MembershipFactory(space=space, person=PersonFactory(last_name="Testautre"), role=Role.OBSERVER)
    client.force_login(member_user(space))
    url = reverse("spaces:members", args=[space.slug])
    found = client.get(url, {"q": "nguessan"}).context["memberships"]
    assert [m.person.last_name for m in found] == ["N'Guessan"]
    found = client.get(url, {"role": Role.OBSERVER}).context["memberships"]
    assert [m.person.last_name for m in found] == ["Testautre"]


def test_htmx_filtering_returns_only_the_results(client, space):
    client.force_login(member_user(space))
    response = client.get(reverse("spaces:members", args=[space.slug]), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="member-results"' in body and "<html" not in body


def members_page_queries(client, space) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("spaces:members", args=[space.slug]))
    assert response.status_code == 200
    return len(queries)


def test_members_page_queries_do_not_grow_with_members(client):
    small, large = SpaceFactory(), SpaceFactory()
    for target, count in [(small, 10), (large, 200)]:
        colleges = [CollegeFactory(space=target) for _ in range(3)]
        for n in range(count):
            MembershipFactory(space=target, college=colleges[n % 3])
    client.force_login(make_admin())
    members_page_queries(client, small)  # warms the per-process caches (identity, sessions)
    assert members_page_queries(client, small) == members_page_queries(client, large)


# --- management by the secretariat ----------------------------------------------------------


def test_secretariat_adds_a_member(secretariat_client, space):
    college = CollegeFactory(space=space)
    person = PersonFactory(first_name="Koffi", last_name="Testyapi")
    response = secretariat_client.post(
        manage_url(space),
        {
            "person": person.pk,
            "college": college.pk,
            "role": Role.RAPPORTEUR,
            "vote": "consultative",
            "start_date": TODAY.isoformat(),
        },
        follow=True,
    )
    membership = Membership.objects.get(space=space, person=person)
    assert (membership.role, membership.vote, membership.college) == (
        Role.RAPPORTEUR,
        "consultative",
        college,
    )
    assert "Koffi Testyapi is now a member." in messages_of(response)
    assert AuditEvent.objects.filter(action="membership.add", object_id=membership.pk).exists()


def test_adding_with_a_college_of_another_space_is_refused(secretariat_client, space):
    person = PersonFactory()
    response = secretariat_client.post(
        manage_url(space),
        {
            "person": person.pk,
            "college": CollegeFactory().pk,
            "role": Role.MEMBER,
            "vote": "deliberative",
            "start_date": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["college"]
    assert not Membership.objects.filter(person=person).exists()


def test_the_person_search_narrows_the_list(secretariat_client, space):
    PersonFactory(first_name="Fatou", last_name="Testcisse")
    PersonFactory(first_name="Yao", last_name="Testkouame")
    response = secretariat_client.get(manage_url(space), {"q": "cissé"})
    labels = [label for _, label in response.context["form"].fields["person"].widget.choices]
    assert "Fatou Testcisse" in labels and "Yao Testkouame" not in labels


def test_secretariat_ends_a_membership_and_the_record_stays(secretariat_client, space):
    membership = MembershipFactory(space=space, start_date=TODAY - datetime.timedelta(days=10))
    response = secretariat_client.post(
        reverse("spaces:membership_end", args=[space.slug, membership.pk]),
        {"end_date": (TODAY - datetime.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == TODAY - datetime.timedelta(days=1)
    members = secretariat_client.get(reverse("spaces:members", args=[space.slug]))
    assert membership not in members.context["memberships"]
    assert AuditEvent.objects.filter(action="membership.end", object_id=membership.pk).exists()


def test_ending_before_the_start_is_refused_with_a_message(secretariat_client, space):
    membership = MembershipFactory(space=space, start_date=TODAY)
    response = secretariat_client.post(
        reverse("spaces:membership_end", args=[space.slug, membership.pk]),
        {"end_date": (TODAY - datetime.timedelta(days=5)).isoformat()},
        follow=True,
    )
    assert "The end date cannot be before the start date." in messages_of(response)
    membership.refresh_from_db()
    assert membership.end_date is None
    assert not AuditEvent.objects.filter(action="membership.end").exists()


def test_secretariat_changes_a_role(secretariat_client, space):
    membership = MembershipFactory(space=space, role=Role.MEMBER)
    secretariat_client.post(
        reverse("spaces:membership_change_role", args=[space.slug, membership.pk]),
        {"role": Role.VICE_CHAIR},
    )
    membership.refresh_from_db()
    assert membership.role == Role.VICE_CHAIR
    event = AuditEvent.objects.get(action="membership.change_role")
    assert event.changes == {"role": ["member", "vice_chair"]}


def test_a_membership_of_another_space_cannot_be_managed_from_this_one(secretariat_client, space):
    foreign = MembershipFactory()
    response = secretariat_client.post(
        reverse("spaces:membership_end", args=[space.slug, foreign.pk]),
        {"end_date": TODAY.isoformat()},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.end_date is None


def test_secretariat_updates_the_space_and_creates_a_college(secretariat_client, space):
    response = secretariat_client.post(
        reverse("spaces:update", args=[space.slug]),
        {
            "name": "Comité de suivi élargi",
            "slug": space.slug,
            "kind": "follow_up_committee",
            "country": space.country_id,
            "summary": space.summary,
            "status": "active",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="space.update").changes == {
        "name": ["Comité de suivi du Cavally", "Comité de suivi élargi"]
    }
    secretariat_client.post(
        reverse("spaces:college_create", args=[space.slug]),
        {"name": "Collège du privé", "order": 3},
    )
    assert space.colleges.filter(name="Collège du privé").exists()


def test_admin_creates_a_space_and_a_reserved_slug_is_refused(client):
    client.force_login(make_admin())
    data = {
        "name": "Groupe de travail test",
        "slug": "nouveau",
        "kind": "working_group",
        "country": country().pk,
        "status": "active",
        "visibility": "public",
    }
    response = client.post(reverse("spaces:create"), data)
    assert response.status_code == 200 and response.context["form"].errors["slug"]
    assert not Space.objects.filter(name="Groupe de travail test").exists()
    response = client.post(reverse("spaces:create"), {**data, "slug": "gt-test"})
    assert response.status_code == 302
    assert Space.objects.get(slug="gt-test").name == "Groupe de travail test"


def test_pages_render_for_a_secretariat(secretariat_client, space):
    for name in ["detail", "members", "manage_members", "update", "college_create"]:
        assert (
            secretariat_client.get(reverse(f"spaces:{name}", args=[space.slug])).status_code == 200
        )


def test_secretariat_edits_a_college_of_its_space_only(secretariat_client, space):
    college = CollegeFactory(space=space, name="Collège du privé", seats=4)
    url = reverse("spaces:college_update", args=[space.slug, college.pk])
    response = secretariat_client.post(
        url, {"name": "Collège du secteur privé", "seats": 6, "order": 1}
    )
    assert response.status_code == 302
    college.refresh_from_db()
    assert (college.name, college.seats) == ("Collège du secteur privé", 6)
    changes = AuditEvent.objects.get(action="college.update").changes
    assert changes["seats"] == [4, 6]

    foreign = CollegeFactory()
    url = reverse("spaces:college_update", args=[space.slug, foreign.pk])
    assert secretariat_client.post(url, {"name": "Détourné"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Détourné"


def test_the_admin_also_refuses_a_region_of_another_country(client):
    client.force_login(make_admin())
    thies = Region.objects.create(country=country("SN"), name="Thiès test")
    response = client.post(
        reverse("admin:spaces_space_add"),
        {
            "name": "Espace test",
            "slug": "espace-test",
            "kind": "working_group",
            "country": country("CI").pk,
            "regions": [thies.pk],
            "status": "active",
            "visibility": "public",
            "colleges-TOTAL_FORMS": "0",
            "colleges-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Thiès test is not a region of" in str(response.context["adminform"].form.errors)
    assert not Space.objects.exists()
