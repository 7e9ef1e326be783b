import pytest
from django.utils import translation

from palabre.imports.columns import PEOPLE_COLUMNS
from palabre.imports.values import (
    CellError,
    parse_gender,
    parse_phone,
    parse_yes_no,
    split_full_name,
)
from palabre.territories.models import Country


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("PRÉNOM ", "first_name"),
        ("nom de famille", "last_name"),
        ("Nom et prénom(s)", "surname_first"),
        ("Courriel", "email"),
        ("Adresse électronique", "email"),
        ("Date de naissance", None),
        ("whatsapp", "phone"),
        ("Région d’origine", "region"),
        ("pays de residence", "country"),
    ],
)
def test_usual_french_headers_are_recognised(header, field):
    assert PEOPLE_COLUMNS.field_of(header) == field


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("F", "F"), ("Femme", "F"), ("féminin", "F"), ("FEMININ", "F"), ("female", "F"), ("w", "F"),
        ("H", "M"), ("M", "M"), ("Homme", "M"), ("masculin", "M"), ("male", "M"), ("man", "M"),
        ("Autre", "X"), ("other", "X"), ("", ""),
    ],
)  # fmt: skip
def test_gender_spellings(text, code):
    assert parse_gender(text) == code


def test_unknown_gender_is_an_error():
    with pytest.raises(CellError, match="Fille"):
        parse_gender("Fille")


@pytest.mark.parametrize(
    ("text", "value"), [("oui", True), ("X", True), ("1", True), ("Non", False), ("", None)]
)
def test_consent_spellings(text, value):
    assert parse_yes_no(text) is value


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "iso2", "number"),
    [
        ("07 07 01 02 03", "CI", "+2250707010203"),
        ("07.07.01.02.03", "CI", "+2250707010203"),
        ("2250707010203", "CI", "+2250707010203"),
        ("00225 07-07-01-02-03", None, "+2250707010203"),
        ("+33 6 12 34 56 78", None, "+33612345678"),
        ("06 12 34 56 78", "FR", "+33612345678"),
    ],
)
def test_phone_numbers_become_e164(text, iso2, number):
    country = Country.objects.get(iso2=iso2) if iso2 else None
    assert parse_phone(text, country) == number


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "iso2"),
    [("07 07 01 02", "CI"), ("0707010203", None), ("07 07 01 02 03 ext", "CI"), ("+0", None)],
)
def test_wrong_phone_numbers_are_errors(text, iso2):
    country = Country.objects.get(iso2=iso2) if iso2 else None
    with pytest.raises(CellError):
        parse_phone(text, country)


@pytest.mark.parametrize(
    ("text", "surname_first", "names"),
    [
        ("KOUASSI Aya Marie", False, ("Aya Marie", "KOUASSI")),
        ("Aya KOUASSI", True, ("Aya", "KOUASSI")),
        ("Kouassi Aya Marie", True, ("Aya Marie", "Kouassi")),
        ("Aya Marie Kouassi", False, ("Aya Marie", "Kouassi")),
    ],
)
def test_full_names_are_split(text, surname_first, names):
    assert split_full_name(text, surname_first=surname_first) == names


@pytest.mark.django_db
def test_a_wrong_phone_number_says_why():
    with translation.override("en"), pytest.raises(CellError) as caught:
        parse_phone("12 34", Country.objects.get(iso2="CI"))
    assert (
        str(caught.value) == "“12 34” is too short for a phone number with the country code +225."
    )
