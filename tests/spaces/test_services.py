import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.spaces import services
from palabre.spaces.models import Membership, Role, Space
from palabre.territories.models import Region
from tests.accounts.factories import make_user
from tests.directory.factories import PersonFactory

from .factories import CollegeFactory, MembershipFactory, SpaceFactory, country

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def test_membership_add_is_audited_and_defaults_to_the_person_organisation():
    actor = make_user()
    space = SpaceFactory()
    college = CollegeFactory(space=space)
    person = PersonFactory()
    membership = services.membership_add(
        actor=actor, space=space, person=person, role=Role.MEMBER, college=college
    )
    assert list(Membership.objects.current().filter(space=space)) == [membership]
    event = events("membership.add").get()
    assert event.actor == actor and event.object_id == str(membership.pk)
    assert event.changes["role"] == [None, "member"]
    assert event.changes["college_id"] == [None, college.pk]


def test_college_of_another_space_is_refused_with_a_message():
    space = SpaceFactory()
    foreign = CollegeFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=make_user(), space=space, person=PersonFactory(), college=foreign
        )
    assert error.value.message_dict["college"] == ["This college belongs to another space."]
    assert not Membership.objects.exists() and not AuditEvent.objects.exists()


def test_a_second_open_membership_with_the_same_role_is_refused():
    existing = MembershipFactory(role=Role.MEMBER)
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            actor=make_user(), space=existing.space, person=existing.person, role=Role.MEMBER
        )
    assert "role" in error.value.message_dict
    assert Membership.objects.count() == 1


def test_the_same_person_may_hold_two_different_roles():
    existing = MembershipFactory(role=Role.MEMBER)
    services.membership_add(
        actor=make_user(), space=existing.space, person=existing.person, role=Role.RAPPORTEUR
    )
    assert existing.person.memberships.count() == 2


def test_ending_keeps_the_record_and_the_person_is_no_longer_current():
    membership = MembershipFactory(start_date=TODAY - datetime.timedelta(days=100))
    yesterday = TODAY - datetime.timedelta(days=1)
    services.membership_end(actor=make_user(), membership=membership, end_date=yesterday)
    membership.refresh_from_db()
    assert membership.end_date == yesterday
    assert not Membership.objects.current().filter(pk=membership.pk).exists()
    assert events("membership.end").get().changes == {"end_date": [None, str(yesterday)]}


def test_end_before_start_is_refused_and_changes_nothing():
    membership = MembershipFactory(start_date=TODAY)
    with pytest.raises(ValidationError) as error:
        services.membership_end(
            actor=make_user(), membership=membership, end_date=TODAY - datetime.timedelta(days=1)
        )
    assert error.value.message_dict["end_date"] == ["The end date cannot be before the start date."]
    membership.refresh_from_db()
    assert membership.end_date is None and not AuditEvent.objects.exists()


def test_an_ended_membership_cannot_be_ended_again():
    membership = MembershipFactory(end_date=TODAY)
    with pytest.raises(ValidationError):
        services.membership_end(actor=make_user(), membership=membership, end_date=TODAY)


def test_role_change_is_audited_with_old_and_new_role():
    membership = MembershipFactory(role=Role.MEMBER)
    services.membership_change_role(actor=make_user(), membership=membership, role=Role.CHAIR)
    membership.refresh_from_db()
    assert membership.role == Role.CHAIR
    assert events("membership.change_role").get().changes == {"role": ["member", "chair"]}


def test_role_change_to_a_role_already_held_is_refused():
    membership = MembershipFactory(role=Role.MEMBER)
    MembershipFactory(space=membership.space, person=membership.person, role=Role.CHAIR)
    with pytest.raises(ValidationError):
        services.membership_change_role(actor=make_user(), membership=membership, role=Role.CHAIR)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_space_create_and_update_are_audited_with_field_changes():
    actor = make_user()
    space = services.space_create(
        actor=actor, name="Espace test", slug="espace-test", kind="working_group", country=country()
    )
    services.space_update(actor=actor, space=space, name="Espace renommé")
    assert events("space.update").get().changes == {"name": ["Espace test", "Espace renommé"]}
    assert events("space.create").get().changes["slug"] == [None, "espace-test"]


def test_a_reserved_slug_is_refused():
    with pytest.raises(ValidationError) as error:
        services.space_create(
            actor=make_user(),
            name="Nouveau",
            slug="nouveau",
            kind="working_group",
            country=country(),
        )
    assert "slug" in error.value.message_dict
    assert not Space.objects.filter(slug="nouveau").exists()


def test_a_region_of_another_country_is_refused_and_nothing_is_created():
    thies = Region.objects.create(country=country("SN"), name="Thiès test")
    with pytest.raises(ValidationError) as error:
        services.space_create(
            actor=make_user(),
            name="Espace test",
            slug="espace-test",
            kind="working_group",
            country=country("CI"),
            regions=[Region.objects.create(country=country("CI"), name="Nawa test"), thies],
        )
    assert error.value.message_dict["regions"] == [
        f"Thiès test is not a region of {country('CI').name}, the space's country."
    ]
    assert not Space.objects.exists() and not AuditEvent.objects.exists()


def test_space_regions_are_set_and_their_change_is_audited():
    actor = make_user()
    nawa, cavally, san_pedro = (
        Region.objects.create(country=country("CI"), name=name)
        for name in ["Nawa test", "Cavally test", "San-Pédro test"]
    )
    space = services.space_create(
        actor=actor,
        name="Espace test",
        slug="espace-test",
        kind="concertation_space",
        country=country("CI"),
        regions=[nawa, cavally],
    )
    assert events("space.create").get().changes["regions"] == ["", "Cavally test, Nawa test"]
    services.space_update(actor=actor, space=space, regions=[nawa, san_pedro])
    assert set(space.regions.all()) == {nawa, san_pedro}
    assert events("space.update").get().changes == {
        "regions": ["Cavally test, Nawa test", "Nawa test, San-Pédro test"]
    }


def test_an_update_with_a_region_of_another_country_changes_nothing():
    nawa = Region.objects.create(country=country("CI"), name="Nawa test")
    space = SpaceFactory(name="Espace test")
    space.regions.add(nawa)
    thies = Region.objects.create(country=country("SN"), name="Thiès test")
    with pytest.raises(ValidationError) as error:
        services.space_update(
            actor=make_user(), space=space, name="Espace renommé", regions=[thies]
        )
    assert "Thiès test is not a region of" in error.value.message_dict["regions"][0]
    space = Space.objects.get(pk=space.pk)
    assert space.name == "Espace test" and list(space.regions.all()) == [nawa]
    assert not AuditEvent.objects.exists()


def test_moving_a_space_to_another_country_must_not_keep_its_old_regions():
    space = SpaceFactory()
    space.regions.add(Region.objects.create(country=country("CI"), name="Nawa test"))
    with pytest.raises(ValidationError) as error:
        services.space_update(actor=make_user(), space=space, country=country("SN"))
    assert "regions" in error.value.message_dict
    assert Space.objects.get(pk=space.pk).country == country("CI")


def test_college_names_are_unique_within_a_space():
    college = CollegeFactory()
    with pytest.raises(ValidationError):
        services.college_create(actor=make_user(), space=college.space, name=college.name)
    services.college_create(actor=make_user(), space=SpaceFactory(), name=college.name)
    assert events("college.create").count() == 1


def test_a_merged_directory_entry_cannot_become_a_member():
    kept = PersonFactory()
    duplicate = PersonFactory(first_name=kept.first_name, last_name=kept.last_name, email="")
    duplicate.merged_into = kept
    duplicate.save()
    with pytest.raises(ValidationError) as error:
        services.membership_add(actor=make_user(), space=SpaceFactory(), person=duplicate)
    assert "person" in error.value.message_dict
    assert not Membership.objects.exists()
