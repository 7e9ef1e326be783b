"""Typing back a paper sign-in sheet: the service, and the `palabre import-attendance` command."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.directory.models import Person
from palabre.meetings.attendance_import import attendance_import
from palabre.meetings.models import Attendance, AttendanceSource, MeetingStatus
from tests.directory.factories import PersonFactory
from tests.imports.factories import csv_bytes, upload, xlsx_bytes
from tests.meetings.factories import AttendanceFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db

SHEET = [
    ["N°", "Nom", "Prénom", "Structure", "Sexe", "Téléphone", "E-mail", "Mode", "Signature"],
    ["1", "Konan", "Aya", "ARDCI", "F", "07 07 01 02 03", "aya.konan@example.org", "", "AK"],
    ["2", "Brou", "Yao", "", "H", "", "yao.brou@example.org", "en ligne", ""],
    ["3", "N'Guessan", "Affoué", "Mairie de Soubré", "Femme", "", "", "Présentiel", "x"],
]

# Line numbers as Excel shows them: the header is line 1.
BAD_SHEET = [
    ["Nom", "Prénom", "Sexe", "E-mail"],
    ["Konan", "Aya", "F", "aya.konan@example.org"],  # line 2: good
    ["Sanogo", "Awa", "F", "awa@@example"],  # line 3: bad e-mail
    ["", "Ali", "M", "ali@example.org"],  # line 4: no last name
    ["Zadi", "Eric", "Peut-être", ""],  # line 5: unknown gender
    ["Traoré", "Mariam", "F", "", "Visio"],  # still good: the extra cell has no column
]


@pytest.fixture
def meeting():
    return MeetingFactory(starts_at=in_days(-1))


def run(meeting, name, content, **options):
    return attendance_import(
        meeting=meeting, source=upload(name, content), filename=name, actor=None, **options
    )


def test_a_semicolon_csv_from_excel_is_imported(meeting):
    """Excel's "CSV" in French: semicolons, Windows-1252."""
    known = PersonFactory(first_name="Affoué", last_name="Nguessan", email="")

    report = run(meeting, "feuille.csv", csv_bytes(SHEET, delimiter=";", encoding="cp1252"))

    assert report.ok, report.errors
    assert (report.created, report.unchanged) == (3, 0)
    assert (report.people_created, report.people_completed) == (2, 1)
    assert set(report.ignored_columns) == {"N°", "Signature"}
    lines = {a.person.email or a.person.full_name: a for a in Attendance.objects.all()}
    assert lines["Affoué Nguessan"].person == known  # found by the normalised name
    known.refresh_from_db()
    assert known.organisation.name == "Mairie de Soubré"  # completed, as the people import does
    aya = lines["aya.konan@example.org"]
    # The phone, written without its prefix, is read in the plan of the space's country.
    assert (aya.person.full_name, aya.person.phone, aya.person.organisation.name) == (
        "Aya Konan",
        "+2250707010203",
        "ARDCI",
    )
    assert {a.source for a in lines.values()} == {AttendanceSource.SIGN_IN_SHEET}
    assert [(key, a.mode) for key, a in sorted(lines.items())] == [
        ("Affoué Nguessan", "in_person"),
        ("aya.konan@example.org", "in_person"),
        ("yao.brou@example.org", "online"),
    ]
    event = AuditEvent.objects.get(action="attendance.import")
    assert event.changes["created"] == [None, 3]


def test_a_sheet_typed_with_the_printed_headings_is_understood(meeting):
    rows = [
        ["No.", "Name", "Organisation / institution", "Gender (F/M)", "Phone", "E-mail"],
        ["1", "KONAN Aya Marie", "ARDCI", "F", "07 07 01 02 03", ""],
    ]

    report = run(meeting, "feuille.csv", csv_bytes(rows))

    assert report.ok, report.errors
    person = Attendance.objects.get().person
    assert (person.first_name, person.last_name, person.gender) == ("Aya Marie", "KONAN", "F")
    assert person.organisation.name == "ARDCI"
    assert report.ignored_columns == ["No."]


def test_an_xlsx_is_imported(meeting):
    report = run(meeting, "feuille.xlsx", xlsx_bytes(SHEET))

    assert report.ok, report.errors
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_a_sheet_with_bad_rows_stores_nothing_and_names_every_bad_line(meeting):
    people_before = Person.objects.count()

    report = run(meeting, "feuille.csv", csv_bytes(BAD_SHEET))

    assert [(e.line, e.column) for e in report.errors] == [(3, "E-mail"), (4, "Nom"), (5, "Sexe")]
    assert "awa@@example" in report.errors[0].message
    assert "Peut-être" in report.errors[2].message
    assert Person.objects.count() == people_before
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_bad_mode_is_reported_with_the_other_problems_of_its_row(meeting):
    rows = [["Nom", "Prénom", "Sexe", "Mode"], ["Konan", "Aya", "Peut-être", "par pigeon"]]

    report = run(meeting, "feuille.csv", csv_bytes(rows))

    assert [(e.line, e.column) for e in report.errors] == [(2, "Sexe"), (2, "Mode")]
    assert not Attendance.objects.exists()


def test_importing_the_same_sheet_again_creates_nothing(meeting):
    content = csv_bytes(SHEET)
    run(meeting, "feuille.csv", content)
    counts = (Person.objects.count(), Attendance.objects.count())

    report = run(meeting, "feuille.csv", content)

    assert report.ok, report.errors
    assert (report.created, report.unchanged, report.people_created) == (0, 3, 0)
    assert (Person.objects.count(), Attendance.objects.count()) == counts


def test_someone_already_checked_in_is_left_unchanged(meeting):
    present = AttendanceFactory(meeting=meeting, person__email="aya.konan@example.org")

    report = run(meeting, "feuille.csv", csv_bytes(SHEET))

    assert (report.created, report.unchanged) == (2, 1)
    present.refresh_from_db()
    assert present.source == AttendanceSource.CHECK_IN
    assert Attendance.objects.filter(person=present.person).count() == 1


def test_the_e_mail_wins_over_the_name(meeting):
    by_email = PersonFactory(first_name="Yao", last_name="Kouadio", email="aya.konan@example.org")
    PersonFactory(first_name="Aya", last_name="Konan", email="")
    rows = [["Prénom", "Nom", "E-mail"], ["Aya", "Konan", "aya.konan@example.org"]]

    run(meeting, "feuille.csv", csv_bytes(rows))

    assert Attendance.objects.get().person == by_email


def test_a_trial_run_counts_and_stores_nothing(meeting):
    report = run(meeting, "feuille.csv", csv_bytes(SHEET), dry_run=True)

    assert report.ok and report.dry_run
    assert (report.created, report.people_created) == (3, 3)
    assert not Attendance.objects.exists()
    assert not Person.objects.filter(email="yao.brou@example.org").exists()


def test_a_cancelled_meeting_takes_no_sheet():
    meeting = MeetingFactory(starts_at=in_days(-1), status=MeetingStatus.CANCELLED)

    report = run(meeting, "feuille.csv", csv_bytes(SHEET))

    assert [(e.line, "cancelled" in e.message) for e in report.errors] == [(0, True)]
    assert not Attendance.objects.exists()


def test_the_command_exits_non_zero_and_prints_every_bad_line(meeting, tmp_path, capsys):
    path = tmp_path / "feuille.csv"
    path.write_bytes(csv_bytes(BAD_SHEET))

    with pytest.raises(CommandError, match="3 error"):
        call_command("import_attendance", str(meeting.pk), str(path))

    errors = capsys.readouterr().err
    for line in (3, 4, 5):
        assert f"line {line} " in errors
    assert "line 2 " not in errors
    assert not Attendance.objects.exists()


def test_the_command_imports_a_good_sheet(meeting, tmp_path, capsys):
    path = tmp_path / "feuille.xlsx"
    path.write_bytes(xlsx_bytes(SHEET))

    call_command("import_attendance", str(meeting.pk), str(path))

    assert "3 added to the attendance list" in capsys.readouterr().out
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_the_command_dry_run_and_unknown_meeting(meeting, tmp_path, capsys):
    path = tmp_path / "feuille.csv"
    path.write_bytes(csv_bytes(SHEET))

    call_command("import_attendance", str(meeting.pk), str(path), "--dry-run")
    assert "nothing stored" in capsys.readouterr().out
    assert not Attendance.objects.exists()

    with pytest.raises(CommandError, match="No meeting"):
        call_command("import_attendance", str(meeting.pk + 1000), str(path))


def test_a_sheet_for_a_meeting_far_ahead_is_refused(tmp_path):
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=5))

    report = run(meeting, "feuille.csv", csv_bytes(SHEET))

    assert not report.ok
    assert not Attendance.objects.exists()
