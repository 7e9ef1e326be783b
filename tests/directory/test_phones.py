import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from palabre.directory.demo import people_specs
from palabre.directory.models import Organisation, Person
from palabre.directory.phones import phone_to_e164
from tests.spaces.factories import country

from .factories import OrganisationFactory


@pytest.mark.parametrize(
    ("text", "iso2", "number"),
    [
        ("07 01 02 03 04", "CI", "+2250701020304"),  # the 10-digit plan keeps its leading 0
        ("0701020304", "CI", "+2250701020304"),
        ("06 12 34 56 78", "FR", "+33612345678"),  # the French trunk 0 is dropped
        ("06.12.34.56.78", "FR", "+33612345678"),
        ("06-12-34-56-78", "FR", "+33612345678"),
        ("+225 07 01 02 03 04", None, "+2250701020304"),
        ("00225 07 01 02 03 04", None, "+2250701020304"),
        ("0033 6 12 34 56 78", "CI", "+33612345678"),  # a prefix wins over the country
        ("+33 (0)6 12 34 56 78", None, "+33612345678"),
        ("+1 212 555 0142", None, "+12125550142"),  # a range reserved for fiction passes
        ("  ", "CI", ""),
    ],
)
def test_numbers_become_e164(text, iso2, number):
    assert phone_to_e164(text, country_iso2=iso2) == number


def refusal(text: str, iso2: str | None = None) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        phone_to_e164(text, country_iso2=iso2)
    return caught.value


def test_a_number_too_short_is_refused_with_the_reason():
    error = refusal("07 01 02 03", "CI")
    with translation.override("en"):
        assert error.messages == [
            "“07 01 02 03” is too short for a phone number with the country code +225."
        ]


def test_a_national_number_without_a_country_is_refused_with_an_example():
    error = refusal("07 01 02 03 04")
    assert error.code == "no_country"
    with translation.override("en"):
        assert "no international prefix" in error.messages[0]
        assert "+2250701020304" in error.messages[0]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("07 01 02 03 04 ext", "not_a_number"),  # letters are not read as keypad digits
        ("+0", "not_a_number"),
        ("+999 1234567", "unknown_calling_code"),
        ("+33 6 12 34 56 78 90", "too_long"),
        ("06 12 34 56 78 poste 12", "not_a_number"),
        ("06 12 34 56 78 x12", "extension"),
    ],
)
def test_what_is_not_a_storable_number_is_refused(text, code):
    assert refusal(text, "FR").code == code


def test_every_demo_phone_number_is_accepted_as_it_is():
    phones = [spec.phone for spec in people_specs() if spec.phone]
    assert phones
    assert [phone_to_e164(phone) for phone in phones] == phones


@pytest.mark.django_db
def test_a_national_number_is_read_in_the_country_of_residence(secretariat_client):
    response = secretariat_client.post(
        reverse("directory:person_create"),
        {
            "first_name": "Awa",
            "last_name": "Testyao",
            "phone": "06 12 34 56 78",
            "country_of_residence": country("FR").pk,
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(last_name="Testyao").phone == "+33612345678"


@pytest.mark.django_db
def test_without_a_residence_the_organisation_country_is_used(secretariat_client):
    organisation = OrganisationFactory(country=country("CI"))
    response = secretariat_client.post(
        reverse("directory:person_create"),
        {
            "first_name": "Awa",
            "last_name": "Testyao",
            "phone": "07 01 02 03 04",
            "organisation": organisation.pk,
        },
    )
    assert response.status_code == 302
    assert Person.objects.get(last_name="Testyao").phone == "+2250701020304"


@pytest.mark.django_db
def test_a_wrong_number_leaves_the_organisation_unrecorded(secretariat_client):
    response = secretariat_client.post(
        reverse("directory:organisation_create"),
        {
            "name": "Chambre de commerce test",
            "kind": "state_service",
            "country": country("CI").pk,
            "phone": "07 01 02",
        },
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["phone"]] == ["too_short"]
    assert not Organisation.objects.filter(name="Chambre de commerce test").exists()
