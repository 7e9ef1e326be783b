"""Organisations, people and consent records for tests; other apps import them from here."""

import factory
from django.utils import timezone

from palabre.directory.models import ConsentRecord, Organisation, OrganisationKind, Person
from tests.spaces.factories import country


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association des ressortissants test {n}")
    kind = OrganisationKind.DIASPORA_ASSOCIATION
    country = factory.LazyFunction(country)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Adjoua{n}")
    last_name = factory.Sequence(lambda n: f"Testkouassi{n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    gender = "F"
    country_of_residence = factory.LazyFunction(country)


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    person = factory.SubFactory(PersonFactory)
    purpose = "Recevoir les invitations aux réunions"
    given_at = factory.LazyFunction(timezone.now)
    source = "Fiche d'inscription signée"
