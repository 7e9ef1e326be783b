import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from palabre.audit.models import AuditEvent
from palabre.directory import services
from palabre.directory.models import ConsentRecord, Person
from palabre.directory.selectors import people_list, person_links
from palabre.spaces.models import Membership, Role
from palabre.territories.models import Language, Sector
from tests.spaces.factories import MembershipFactory, SpaceFactory, country, make_user

from .factories import ConsentRecordFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_person_create_records_who_created_it(secretariat):
    sector = Sector.objects.first()
    person = services.person_create(
        actor=secretariat, first_name="Aya", last_name="N'Guessan", sectors=[sector]
    )
    assert list(person.sectors.all()) == [sector]
    event = AuditEvent.objects.get(action="person.create", object_id=str(person.pk))
    assert event.actor == secretariat
    assert event.changes["last_name"] == [None, "N'Guessan"]


def test_person_update_audits_only_what_changed(secretariat):
    person = PersonFactory(first_name="Aya", last_name="Testkone", position="")
    services.person_update(actor=secretariat, person=person, position="Trésorière")
    event = AuditEvent.objects.get(action="person.update")
    assert event.changes == {"position": ["", "Trésorière"]}


def test_person_update_refuses_an_e_mail_already_taken_and_changes_nothing(secretariat):
    PersonFactory(email="aya@example.org")
    other = PersonFactory(email="other@example.org")
    with pytest.raises(ValidationError):
        services.person_update(actor=secretariat, person=other, email="AYA@example.org")
    other.refresh_from_db()
    assert other.email == "other@example.org"
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_merge_moves_every_linked_record_and_hides_the_duplicate(secretariat):
    space = SpaceFactory()
    keep = PersonFactory(first_name="Aya", last_name="N'Guessan", email="aya@example.org")
    duplicate = PersonFactory(first_name="AYA", last_name="n'guessan", email="", phone="")
    membership = MembershipFactory(space=space, person=duplicate)
    consent = ConsentRecordFactory(person=duplicate)

    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)

    membership.refresh_from_db()
    consent.refresh_from_db()
    duplicate.refresh_from_db()
    assert membership.person == keep
    assert consent.person == keep
    assert duplicate.merged_into == keep
    assert Person.objects.filter(pk=duplicate.pk).exists(), "never deleted"
    assert list(people_list().filter(last_name__iexact="n'guessan")) == [keep]
    assert AuditEvent.objects.filter(action="person.merge", object_id=str(keep.pk)).exists()


def test_merge_reaches_every_table_that_points_to_a_person_in_any_app():
    """So that a foreign key added by a later app (attendance, votes...) follows a merge too."""
    pointing = {
        (model, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Person
    }
    assert {(rel.related_model, rel.field.name) for rel in person_links()} == pointing
    assert (Membership, "person") in pointing and (ConsentRecord, "person") in pointing


def test_merge_fills_empty_fields_and_joins_sectors_and_languages(secretariat):
    organisation = OrganisationFactory()
    sector, other_sector = Sector.objects.all()[:2]
    language = Language.objects.first()
    keep = PersonFactory(email="", phone="", organisation=None)
    keep.sectors.add(sector)
    duplicate = PersonFactory(
        email="dup@example.org", phone="+2250701020304", organisation=organisation
    )
    duplicate.sectors.add(sector, other_sector)
    duplicate.languages.add(language)

    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)

    keep.refresh_from_db()
    assert keep.email == "dup@example.org"
    assert keep.phone == "+2250701020304"
    assert keep.organisation == organisation
    assert set(keep.sectors.all()) == {sector, other_sector}
    assert list(keep.languages.all()) == [language]


def test_merge_keeps_the_kept_values_when_both_are_filled(secretariat):
    keep = PersonFactory(position="Présidente")
    duplicate = PersonFactory(position="Membre")
    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    assert keep.position == "Présidente"


def test_merge_leaves_a_membership_the_kept_person_already_has_on_the_duplicate(secretariat):
    space = SpaceFactory()
    keep, duplicate = PersonFactory(), PersonFactory()
    kept_membership = MembershipFactory(space=space, person=keep, role=Role.MEMBER)
    twin = MembershipFactory(space=space, person=duplicate, role=Role.MEMBER)
    other_role = MembershipFactory(space=space, person=duplicate, role=Role.RAPPORTEUR)

    result = services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)

    assert set(Membership.objects.filter(person=keep)) == {kept_membership, other_role}
    twin.refresh_from_db()
    assert twin.person == duplicate, "kept, not deleted: nothing is lost"
    assert sum(result["left"].values()) == 1


def test_merge_gives_the_account_to_the_kept_person_when_it_has_none(secretariat):
    user = make_user()
    keep = PersonFactory(email="")
    duplicate = PersonFactory(user=user, email=user.email)
    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.user == user
    assert duplicate.user is None


def test_merge_brings_along_entries_merged_earlier_into_the_duplicate(secretariat):
    keep, duplicate, older = PersonFactory(), PersonFactory(), PersonFactory()
    services.person_merge(actor=secretariat, keep=duplicate, duplicate=older)
    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)
    older.refresh_from_db()
    assert older.merged_into == keep


def test_merge_refuses_a_person_with_themselves_or_an_already_merged_entry(secretariat):
    keep, duplicate = PersonFactory(), PersonFactory()
    with pytest.raises(ValidationError):
        services.person_merge(actor=secretariat, keep=keep, duplicate=keep)
    services.person_merge(actor=secretariat, keep=keep, duplicate=duplicate)
    with pytest.raises(ValidationError):
        services.person_merge(actor=secretariat, keep=PersonFactory(), duplicate=duplicate)


def test_consent_record_add_records_who_recorded_it(secretariat):
    person = PersonFactory()
    consent = services.consent_record_add(
        actor=secretariat, person=person, purpose="Photos", source="Fiche"
    )
    assert consent.recorded_by == secretariat
    assert list(ConsentRecord.objects.filter(person=person)) == [consent]
    assert AuditEvent.objects.filter(action="person.consent_add").exists()


def test_organisation_update_audits_the_change(secretariat):
    organisation = OrganisationFactory(city="")
    services.organisation_update(actor=secretariat, organisation=organisation, city="Soubré")
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.changes == {"city": ["", "Soubré"]}


def test_organisation_names_are_unique_per_country_whatever_the_case(secretariat):
    OrganisationFactory(name="Conseil regional test", country=country())
    with pytest.raises(ValidationError):
        services.organisation_create(
            actor=secretariat, name="CONSEIL REGIONAL TEST", kind="other", country=country()
        )
