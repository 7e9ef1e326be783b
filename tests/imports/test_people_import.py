import pytest
from django.core.management import CommandError, call_command

from palabre.audit.models import AuditEvent
from palabre.directory.models import ConsentRecord, Organisation, Person
from palabre.imports.services import people_import
from palabre.territories.models import Country, Region, Sector

from .factories import BAD_ROWS, GOOD_ROWS, PersonFactory, csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def run_import(name: str, content: bytes, **options):
    return people_import(source=upload(name, content), filename=name, actor=None, **options)


def stored(first_name: str) -> Person:
    return Person.objects.get(first_name=first_name)


def test_good_csv_with_bom_imports_everyone_with_genders_phones_and_consent():
    report = run_import("liste.csv", csv_bytes(GOOD_ROWS, bom=True))

    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert Person.objects.count() == 4
    aya = stored("Aya")
    assert (aya.gender, aya.email, aya.phone) == ("F", "aya.konan@example.org", "+2250707010203")
    assert aya.country_of_residence.iso2 == "CI"
    assert stored("Yao").gender == "M"
    assert stored("Mariam").gender == "F"
    assert stored("Mariam").country_of_residence.iso2 == "IT"  # "Italie", in French
    assert stored("Koffi").phone == "+2250505050505"
    consents = ConsentRecord.objects.order_by("person__first_name")
    assert [(c.person.first_name, c.purpose, c.source) for c in consents] == [
        ("Aya", "import", "liste.csv"),
        ("Koffi", "import", "liste.csv"),
    ]
    event = AuditEvent.objects.get(action="people.import")
    assert event.changes["created"] == [None, 4]
    assert event.changes["file"] == [None, "liste.csv"]


def test_bad_rows_are_each_reported_by_line_and_nothing_is_stored():
    before = (Person.objects.count(), AuditEvent.objects.count())

    report = run_import("liste.csv", csv_bytes(BAD_ROWS))

    assert [(e.line, e.column) for e in report.errors] == [
        (3, "Sexe"),
        (4, "E-mail"),
        (5, "Nom"),
        (6, "Téléphone"),
    ]
    assert "Peut-être" in report.errors[0].message
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_the_command_lists_bad_rows_and_exits_non_zero_storing_nothing(tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(BAD_ROWS))

    with pytest.raises(CommandError, match="4 error"):
        call_command("import_people", str(path))

    errors = capsys.readouterr().err
    for line in (3, 4, 5, 6):
        assert f"line {line} " in errors
    assert not Person.objects.exists()


def test_the_command_imports_a_good_file(tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))

    call_command("import_people", str(path))

    assert "4 new" in capsys.readouterr().out
    assert Person.objects.count() == 4


def test_dry_run_counts_but_stores_nothing(tmp_path, capsys):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))

    call_command("import_people", str(path), "--dry-run")

    assert "4 new" in capsys.readouterr().out
    assert not Person.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_semicolon_windows_1252_file_with_french_headers_keeps_accents():
    region = Region.objects.create(country=Country.objects.get(iso2="CI"), name="San-Pédro")
    rows = [
        ["Nom et prénom(s)", "Genre", "Structure", "Fonction", "Pays", "Région d'origine",
         "Secteurs"],
        ["KONÉ Éloïse", "Féminin", "Mutuelle des Ressortissants", "Présidente", "France",
         "san pedro", "Agriculture et cultures vivrières; cacao et café"],
        ["Gbêhi Jérôme", "masculin", "", "", "Côte d’Ivoire", "", ""],
        ["Yacouba Ouédraogo-Essai", "H", "", "", "Burkina", "", ""],
    ]  # fmt: skip
    report = run_import("liste.csv", csv_bytes(rows, delimiter=";", encoding="cp1252"))

    assert report.ok, report.errors
    eloise = Person.objects.get(first_name="Éloïse")
    assert eloise.last_name == "KONÉ"
    assert (eloise.gender, eloise.position) == ("F", "Présidente")
    assert eloise.region_of_attachment == region
    assert eloise.organisation.name == "Mutuelle des Ressortissants"
    assert sorted(s.code for s in eloise.sectors.all()) == ["agriculture", "cocoa-coffee"]
    jerome = Person.objects.get(first_name="Jérôme")  # surname first: "Gbêhi" is the family name
    assert (jerome.last_name, jerome.country_of_residence.iso2) == ("Gbêhi", "CI")
    assert Person.objects.get(first_name="Ouédraogo-Essai").country_of_residence.iso2 == "BF"


def test_xlsx_file_imports():
    report = run_import("liste.xlsx", xlsx_bytes(GOOD_ROWS))

    assert report.ok, report.errors
    assert Person.objects.count() == 4
    assert stored("Aya").phone == "+2250707010203"


@pytest.mark.parametrize("name", ["liste.csv", "liste.xlsx"])
def test_importing_the_same_file_twice_creates_no_duplicate(name):
    content = csv_bytes(GOOD_ROWS) if name.endswith(".csv") else xlsx_bytes(GOOD_ROWS)
    run_import(name, content)
    counts = (Person.objects.count(), ConsentRecord.objects.count(), Organisation.objects.count())

    report = run_import(name, content)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert (
        Person.objects.count(),
        ConsentRecord.objects.count(),
        Organisation.objects.count(),
    ) == counts


def test_someone_already_in_the_directory_is_completed_not_overwritten():
    existing = PersonFactory(
        first_name="Aya", last_name="Konan-Essai", email="", position="Trésorière"
    )
    rows = [
        ["Nom", "Prénom", "Courriel", "Fonction", "Sexe"],
        ["konan-essai", "AYA", "Aya.Konan@example.org", "Présidente", "F"],
    ]

    report = run_import("liste.csv", csv_bytes(rows))

    assert (report.created, report.updated) == (0, 1)
    existing.refresh_from_db()
    assert existing.email == "aya.konan@example.org"  # was empty: filled
    assert existing.gender == "F"
    assert existing.position == "Trésorière"  # was set: kept
    assert Person.objects.count() == 1


def test_a_known_email_finds_the_person_even_under_another_spelling_of_the_name():
    PersonFactory(first_name="Marie-Aya", last_name="Konan", email="aya.konan@example.org")

    report = run_import("liste.csv", csv_bytes(GOOD_ROWS[:2]))

    assert (report.created, report.updated) == (0, 1)  # only the consent was new
    assert Person.objects.count() == 1


def test_a_namesake_with_another_email_is_another_person():
    PersonFactory(first_name="Aya", last_name="Konan-Essai", email="autre.aya@example.org")

    report = run_import("liste.csv", csv_bytes(GOOD_ROWS[:2]))

    assert report.created == 1
    assert Person.objects.filter(normalised_name="aya essai konan").count() == 2


def test_several_namesakes_without_email_are_not_guessed():
    PersonFactory(first_name="Yao", last_name="Brou", email="")
    PersonFactory(first_name="Yao", last_name="Brou", email="")
    rows = [["Prénom", "Nom"], ["Yao", "Brou"]]

    report = run_import("liste.csv", csv_bytes(rows))

    assert [(e.line, e.column) for e in report.errors] == [(2, "Nom")]
    assert Person.objects.count() == 2


def test_the_same_person_twice_in_a_file_is_reported():
    rows = [
        ["Prénom", "Nom", "E-mail"],
        ["Aya", "Konan", "aya@example.org"],
        ["Awa", "Konan", "AYA@example.org"],
        ["Yao", "Brou", ""],
        ["yao", "BROU", ""],
    ]

    report = run_import("liste.csv", csv_bytes(rows))

    assert [(e.line, e.column) for e in report.errors] == [(3, "E-mail"), (5, "Nom")]
    assert "line 2" in report.errors[0].message
    assert not Person.objects.exists()


def test_an_organisation_is_created_once_and_found_again_by_name_or_acronym():
    Organisation.objects.create(name="Assemblée des Régions", acronym="ARDCI", kind="partner")
    rows = [
        ["Prénom", "Nom", "Organisation"],
        ["Aya", "Konan", "Diaspora Unie de Nawa"],
        ["Yao", "Brou", "diaspora unie de nawa"],
        ["Awa", "Sanogo", "ardci"],
    ]

    report = run_import("liste.csv", csv_bytes(rows))

    assert report.ok, report.errors
    new = Organisation.objects.get(name="Diaspora Unie de Nawa")
    assert new.kind == "other"
    assert Organisation.objects.count() == 2
    assert stored("Yao").organisation == new
    assert stored("Awa").organisation.acronym == "ARDCI"


def test_unknown_references_are_errors_of_their_column():
    rows = [
        ["Prénom", "Nom", "Pays", "Région", "Secteurs", "Langues"],
        [
            "Aya",
            "Konan",
            "Atlantide",
            "Nulle-Part",
            "Agriculture; Pêche au gros",
            "Français, Klingon",
        ],
    ]

    report = run_import("liste.csv", csv_bytes(rows))

    assert [e.column for e in report.errors] == ["Pays", "Région", "Secteurs", "Langues"]
    assert "Klingon" in report.errors[-1].message
    assert not Sector.objects.filter(name_fr="Pêche au gros").exists()


def test_a_file_without_name_columns_is_refused_as_a_whole():
    report = run_import("liste.csv", csv_bytes([["Courriel"], ["aya@example.org"]]))

    assert [(e.line, e.column) for e in report.errors] == [(1, "")]
    assert "Prénom" in report.errors[0].message


def test_unknown_columns_are_ignored_and_reported():
    rows = [["Prénom", "Nom", "Date de naissance"], ["Aya", "Konan", "1990-01-01"]]

    report = run_import("liste.csv", csv_bytes(rows))

    assert report.ok
    assert report.ignored_columns == ["Date de naissance"]


def test_progress_is_reported_up_to_the_end():
    calls = []

    run_import("liste.csv", csv_bytes(GOOD_ROWS), on_progress=lambda *args: calls.append(args))

    assert calls[-1] == (8, 8)  # four rows checked, then four written
    assert calls == sorted(calls)


def test_progress_ends_complete_when_the_file_is_refused():
    calls = []

    run_import("liste.csv", csv_bytes(BAD_ROWS), on_progress=lambda *args: calls.append(args))

    assert calls[-1] == (10, 10)


def test_completing_someone_who_has_an_organisation_creates_no_other():
    ardci = Organisation.objects.create(name="Assemblée des Régions", kind="partner")
    PersonFactory(first_name="Aya", last_name="Konan", email="aya@example.org", organisation=ardci)
    rows = [
        ["Prénom", "Nom", "E-mail", "Organisation"],
        ["Aya", "Konan", "aya@example.org", "ONG Nouvelle"],
    ]

    report = run_import("liste.csv", csv_bytes(rows))

    assert report.unchanged == 1
    assert list(Organisation.objects.all()) == [ardci]
