"""A page costs the same number of SQL queries with 10 people in the directory or with 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palabre.directory.models import Person
from palabre.directory.names import normalise_name
from palabre.territories.models import Region, Sector
from tests.spaces.factories import country

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def add_people(count: int, start: int) -> None:
    """Varied people, so that every related object a page shows has to be fetched."""
    organisations = [OrganisationFactory() for _ in range(3)]
    region = Region.objects.create(country=country("CI"), name=f"Région test {start}")
    countries = [country("CI"), country("FR"), country("CA")]
    people = []
    for i in range(start, start + count):
        first, last = f"Prénom{i}", f"Testnom{i:04}"
        people.append(
            Person(
                first_name=first,
                last_name=last,
                normalised_name=normalise_name(first, last),
                email=f"personne{i}@example.org",
                organisation=organisations[i % 3],
                country_of_residence=countries[i % 3],
                region_of_attachment=region,
            )
        )
    created = Person.objects.bulk_create(people)
    sector = Sector.objects.first()
    Person.sectors.through.objects.bulk_create(
        Person.sectors.through(person_id=person.pk, sector_id=sector.pk) for person in created
    )


def queries_for(client, url: str) -> int:
    client.get(url)  # warms the caches a normal visit finds warm (identity, sessions)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:  # a streamed file reads the database while it is sent
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("directory:person_list"),
        reverse("directory:person_list") + "?q=testnom&sector={sector}&diaspora=yes",
        reverse("directory:organisation_list"),
        reverse("core:home"),
    ],
)
def test_pages_cost_the_same_with_10_or_1000_people(secretariat_client, url):
    url = url.format(sector=Sector.objects.first().pk)
    add_people(10, start=0)
    with_ten = queries_for(secretariat_client, url)
    add_people(990, start=10)
    assert queries_for(secretariat_client, url) == with_ten


def test_the_export_costs_the_same_with_10_or_1000_people(secretariat_client):
    """Up to a chunk of EXPORT_CHUNK people; each further chunk costs the same few queries."""
    url = reverse("directory:person_export") + "?format=csv"
    add_people(10, start=0)
    with_ten = queries_for(secretariat_client, url)
    add_people(990, start=10)
    assert queries_for(secretariat_client, url) == with_ten
