import pytest

from palabre.directory.models import Person
from palabre.directory.selectors import (
    duplicate_candidates,
    duplicate_groups,
    people_diaspora,
    people_list,
    people_search,
)
from palabre.territories.models import Region
from tests.spaces.factories import country

from .factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def names(people) -> set[str]:
    return {person.full_name for person in people}


def test_search_finds_a_name_typed_without_accents_in_any_order():
    PersonFactory(first_name="Hélène", last_name="Koné-Ouattara")
    PersonFactory(first_name="Paul", last_name="Testbamba")
    assert names(people_search(query="ouattara helene")) == {"Hélène Koné-Ouattara"}
    assert names(people_search(query="KONE")) == {"Hélène Koné-Ouattara"}


def test_search_finds_people_by_organisation_name_or_acronym():
    organisation = OrganisationFactory(name="Union des Cavallois de France", acronym="UCF")
    PersonFactory(first_name="Awa", last_name="Testyao", organisation=organisation)
    PersonFactory(first_name="Paul", last_name="Testbamba")
    assert names(people_search(query="cavallois")) == {"Awa Testyao"}
    assert names(people_search(query="ucf")) == {"Awa Testyao"}


def test_duplicates_are_detected_on_a_normalised_name():
    aya = PersonFactory(first_name="Aya", last_name="N'Guessan", email="")
    probe = Person(first_name="n'guessan", last_name="AYA")
    assert list(duplicate_candidates(probe)) == [aya]


def test_duplicates_are_detected_on_the_e_mail_whatever_its_case():
    aya = PersonFactory(first_name="Aya", last_name="Testkone", email="aya@example.org")
    probe = Person(first_name="Someone", last_name="Else", email="AYA@Example.org")
    assert list(duplicate_candidates(probe)) == [aya]


def test_a_person_is_not_their_own_duplicate_nor_is_a_merged_entry():
    aya = PersonFactory(first_name="Aya", last_name="Testkone")
    merged = PersonFactory(first_name="Aya", last_name="Testkone")
    Person.objects.filter(pk=merged.pk).update(merged_into=aya)
    assert list(duplicate_candidates(aya)) == []


def test_duplicate_groups_gather_people_with_the_same_normalised_name():
    first = PersonFactory(first_name="Aya", last_name="N'Guessan")
    second = PersonFactory(first_name="n'guessan", last_name="AYA")
    PersonFactory(first_name="Paul", last_name="Testbamba")
    [group] = duplicate_groups()
    assert group.people == [first, second]
    assert group.reasons == {"name"}


def test_diaspora_is_living_outside_the_country_of_the_region_of_attachment():
    cavally = Region.objects.create(country=country("CI"), name="Cavally test")
    abroad = PersonFactory(country_of_residence=country("FR"), region_of_attachment=cavally)
    home = PersonFactory(country_of_residence=country("CI"), region_of_attachment=cavally)
    PersonFactory(region_of_attachment=None)
    assert list(people_diaspora(people_list(), diaspora=True)) == [abroad]
    assert list(people_diaspora(people_list(), diaspora=False)) == [home]
