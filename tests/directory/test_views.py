import csv
import io

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from palabre.audit.models import AuditEvent
from palabre.directory.models import ConsentRecord, Person
from palabre.spaces.models import Membership
from palabre.territories.models import Sector
from tests.spaces.factories import MembershipFactory, SpaceFactory, country

from .factories import ConsentRecordFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("directory:person_list")
EXPORT = reverse("directory:person_export")


def listed(response) -> list[str]:
    return [person.full_name for person in response.context["people"]]


def test_the_list_searches_names_without_accents(member_client):
    PersonFactory(first_name="Hélène", last_name="Testkoné")
    PersonFactory(first_name="Paul", last_name="Testbamba")
    response = member_client.get(LIST, {"q": "helene testkone"})
    assert listed(response) == ["Hélène Testkoné"]
    assert "Hélène" in response.content.decode()


def test_the_list_searches_by_organisation(member_client):
    organisation = OrganisationFactory(name="Coopérative des planteurs de Soubré")
    PersonFactory(first_name="Awa", last_name="Testyao", organisation=organisation)
    PersonFactory(first_name="Paul", last_name="Testbamba")
    assert listed(member_client.get(LIST, {"q": "planteurs"})) == ["Awa Testyao"]


def test_the_list_filters_by_country_sector_gender_and_kind(member_client):
    sector = Sector.objects.first()
    company = OrganisationFactory(kind="company")
    wanted = PersonFactory(
        first_name="Awa",
        last_name="Testyao",
        gender="F",
        country_of_residence=country("FR"),
        organisation=company,
    )
    wanted.sectors.add(sector)
    PersonFactory(first_name="Paul", last_name="Testbamba", gender="M")
    PersonFactory(first_name="Marie", last_name="Testkone", country_of_residence=country("CI"))
    for params in (
        {"country": country("FR").pk},
        {"sector": sector.pk},
        {"kind": "company"},
        {"gender": "F", "country": country("FR").pk},
    ):
        assert listed(member_client.get(LIST, params)) == ["Awa Testyao"], params


def test_the_list_is_paginated_and_counts_everyone(member_client):
    Person.objects.bulk_create(
        Person(first_name=f"Prénom{i}", last_name=f"Testnom{i:03}", normalised_name=f"x{i}")
        for i in range(settings.PAGE_SIZE + 5)
    )
    first = member_client.get(LIST, {"q": "", "page": 1})
    second = member_client.get(LIST, {"page": 2})
    everyone = Person.objects.active().count()
    assert len(first.context["people"]) == settings.PAGE_SIZE
    assert len(second.context["people"]) == everyone - settings.PAGE_SIZE
    assert f"{everyone} " in first.content.decode()


def test_members_see_no_contact_details_nor_export(member_client):
    person = PersonFactory(phone="+2250701020304")
    page = member_client.get(person.get_absolute_url()).content.decode()
    assert "+2250701020304" not in page
    assert EXPORT not in member_client.get(LIST).content.decode()


def test_the_secretariat_sees_contact_details(secretariat_client):
    person = PersonFactory(phone="+2250701020304")
    assert "+2250701020304" in secretariat_client.get(person.get_absolute_url()).content.decode()


def test_a_member_may_not_export(member_client):
    PersonFactory()
    assert member_client.get(EXPORT, {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_the_csv_export_contains_the_filtered_rows_for_excel(secretariat_client):
    PersonFactory(first_name="Hélène", last_name="Testkoné", country_of_residence=country("FR"))
    PersonFactory(first_name="Paul", last_name="Testbamba", country_of_residence=country("CI"))
    response = secretariat_client.get(EXPORT, {"format": "csv", "country": country("FR").pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf"), "a byte-order mark for Excel"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][1:3] == ["Testkoné", "Hélène"]
    event = AuditEvent.objects.get(action="person.export")
    assert "country=" in event.note


def test_the_xlsx_export_has_a_header_row_and_the_rows(secretariat_client):
    PersonFactory(first_name="Hélène", last_name="Testkoné", phone="+2250701020304")
    response = secretariat_client.get(EXPORT, {"format": "xlsx", "q": "helene"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == 2
    assert rows[1][1:3] == ("Testkoné", "Hélène")
    assert "+2250701020304" in rows[1]


def test_the_export_neutralises_spreadsheet_formulas(secretariat_client):
    PersonFactory(first_name="Awa", last_name="Testyao", position="=HYPERLINK(1)")
    response = secretariat_client.get(EXPORT, {"format": "xlsx", "q": "testyao"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert "'=HYPERLINK(1)" in rows[1]


def person_payload(**fields) -> dict:
    return {"first_name": "Awa", "last_name": "Testyao", "gender": "F", **fields}


def test_creating_a_person_keeps_the_phone_in_international_form(secretariat_client):
    response = secretariat_client.post(
        reverse("directory:person_create"), person_payload(phone="00225 07 01 02 03 04")
    )
    person = Person.objects.get(last_name="Testyao")
    assert response.status_code == 302
    assert person.phone == "+2250701020304"


def test_a_phone_not_in_international_form_is_refused_with_help(secretariat_client):
    response = secretariat_client.post(
        reverse("directory:person_create"), person_payload(phone="07 01 02 03 04")
    )
    assert response.status_code == 200
    assert "+2250701020304" in str(response.context["form"].errors["phone"])
    assert not Person.objects.filter(last_name="Testyao").exists()


def test_an_e_mail_already_in_the_directory_is_refused_with_a_link(secretariat_client):
    owner = PersonFactory(first_name="Aya", last_name="Testkone", email="aya@example.org")
    response = secretariat_client.post(
        reverse("directory:person_create"), person_payload(email="AYA@example.org")
    )
    assert response.status_code == 200
    assert "Aya Testkone" in str(response.context["form"].errors["email"])
    assert owner.get_absolute_url() in response.content.decode()
    assert Person.objects.filter(email="aya@example.org").count() == 1


def test_a_possible_duplicate_name_is_shown_and_must_be_confirmed(secretariat_client):
    existing = PersonFactory(first_name="Aya", last_name="N'Guessan")
    url = reverse("directory:person_create")
    warned = secretariat_client.post(url, person_payload(first_name="n'guessan", last_name="AYA"))
    assert warned.status_code == 200
    assert existing.get_absolute_url() in warned.content.decode()
    assert Person.objects.filter(normalised_name="aya nguessan").count() == 1

    confirmed = secretariat_client.post(
        url, person_payload(first_name="n'guessan", last_name="AYA", not_a_duplicate="on")
    )
    assert confirmed.status_code == 302
    assert Person.objects.filter(normalised_name="aya nguessan").count() == 2


def test_editing_a_person_saves_and_audits(secretariat_client):
    person = PersonFactory(first_name="Awa", last_name="Testyao", position="")
    response = secretariat_client.post(
        reverse("directory:person_update", args=[person.pk]),
        person_payload(
            position="Secrétaire générale",
            email=person.email,
            country_of_residence=person.country_of_residence_id,
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Secrétaire générale"
    event = AuditEvent.objects.get(action="person.update")
    assert event.changes == {"position": ["", "Secrétaire générale"]}


def test_a_member_may_not_edit_and_nothing_changes(member_client):
    person = PersonFactory(first_name="Awa", last_name="Testyao")
    response = member_client.post(
        reverse("directory:person_update", args=[person.pk]), person_payload(last_name="Changed")
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.last_name == "Testyao"


def test_recording_a_consent_shows_it_on_the_person(secretariat_client):
    person = PersonFactory()
    response = secretariat_client.post(
        reverse("directory:consent_add", args=[person.pk]),
        {"purpose": "Recevoir les comptes rendus", "given_at": "2026-03-12T10:30", "source": ""},
    )
    assert response.status_code == 302
    assert ConsentRecord.objects.get(person=person).purpose == "Recevoir les comptes rendus"
    assert "Recevoir les comptes rendus" in secretariat_client.get(response.url).content.decode()


def test_the_merge_screen_shows_both_entries_side_by_side(secretariat_client):
    keep = PersonFactory(first_name="Aya", last_name="N'Guessan", position="Présidente")
    duplicate = PersonFactory(first_name="AYA", last_name="n'guessan", position="Trésorière")
    page = secretariat_client.get(
        reverse("directory:person_merge", args=[keep.pk]), {"duplicate": duplicate.pk}
    ).content.decode()
    assert "Présidente" in page and "Trésorière" in page
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None, "showing the comparison merges nothing"


def test_merging_keeps_linked_records_and_removes_the_duplicate_from_the_list(
    secretariat_client,
):
    keep = PersonFactory(first_name="Aya", last_name="N'Guessan")
    duplicate = PersonFactory(first_name="AYA", last_name="n'guessan")
    membership = MembershipFactory(space=SpaceFactory(), person=duplicate)
    consent = ConsentRecordFactory(person=duplicate)

    response = secretariat_client.post(
        reverse("directory:person_merge", args=[keep.pk]), {"duplicate": duplicate.pk}
    )

    assert response.status_code == 302
    assert Membership.objects.get(pk=membership.pk).person == keep
    assert ConsentRecord.objects.get(pk=consent.pk).person == keep
    assert listed(secretariat_client.get(LIST, {"q": "aya nguessan"})) == ["Aya N'Guessan"]
    assert secretariat_client.get(duplicate.get_absolute_url()).url == keep.get_absolute_url()


def test_a_member_may_not_merge_and_nothing_changes(member_client):
    keep, duplicate = PersonFactory(), PersonFactory()
    response = member_client.post(
        reverse("directory:person_merge", args=[keep.pk]), {"duplicate": duplicate.pk}
    )
    assert response.status_code == 403
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_the_duplicates_page_offers_to_merge(secretariat_client):
    first = PersonFactory(first_name="Aya", last_name="N'Guessan")
    second = PersonFactory(first_name="n'guessan", last_name="AYA")
    page = secretariat_client.get(reverse("directory:duplicates")).content.decode()
    merge_url = reverse("directory:person_merge", args=[first.pk])
    assert f"{merge_url}?duplicate={second.pk}" in page


def test_organisations_are_listed_searched_and_created(secretariat_client):
    OrganisationFactory(name="Conseil régional du Cavally", kind="regional_council")
    OrganisationFactory(name="Association test de Lyon")
    response = secretariat_client.get(
        reverse("directory:organisation_list"), {"q": "cavally", "kind": "regional_council"}
    )
    assert [o.name for o in response.context["organisations"]] == ["Conseil régional du Cavally"]

    created = secretariat_client.post(
        reverse("directory:organisation_create"),
        {"name": "Chambre de commerce test", "kind": "state_service", "phone": "+33 1 23 45 67 89"},
    )
    assert created.status_code == 302
    page = secretariat_client.get(created.url).content.decode()
    assert "Chambre de commerce test" in page and "+33123456789" in page


def test_an_organisation_page_lists_its_people(member_client):
    organisation = OrganisationFactory()
    PersonFactory(first_name="Awa", last_name="Testyao", organisation=organisation)
    page = member_client.get(organisation.get_absolute_url()).content.decode()
    assert "Awa Testyao" in page
