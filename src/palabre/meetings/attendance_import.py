"""Typing back a paper sign-in sheet: the people import's pipeline, rules and formats, plus an
optional "mode" column, and an attendance line for each row.

A row is matched to someone in the directory as the people import does it: the e-mail first,
then the normalised name (never against someone with another e-mail). When the e-mail points
to one person and the name to another, the e-mail wins. Someone not found is added to the
directory from the row. All rows or none; someone already on the list is left unchanged.
"""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from palabre.audit.services import audit_record
from palabre.directory.models import Person
from palabre.directory.names import normalise_name
from palabre.directory.phones import phone_to_e164
from palabre.imports.columns import PEOPLE_COLUMNS, Column, ColumnSet, normalise_text
from palabre.imports.people import PersonRow, PersonRowParser
from palabre.imports.readers import TableError, read_table
from palabre.imports.report import ImportReport, RowInvalid
from palabre.imports.services import CREATED, UNCHANGED, UPDATED, PersonRowWriter, import_rows
from palabre.jobs.registry import register_job
from palabre.jobs.services import job_progress

from .models import Attendance, AttendanceSource, Meeting, ParticipationMode
from .services.attendance import attendance_add, ensure_attendance_open

# A sign-in sheet rarely says more than who someone is and how to reach them: the template
# offers these columns; the others of the people import are still understood.
_TEMPLATE_FIELDS = {
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "organisation",
    "position",
    "country",
    "city",
}

MODES = {
    ParticipationMode.IN_PERSON: {
        "presentiel",
        "en presentiel",
        "sur place",
        "in person",
        "in situ",
        "salle",
        "p",
    },
    ParticipationMode.ONLINE: {
        "en ligne",
        "ligne",
        "online",
        "distanciel",
        "a distance",
        "visio",
        "visioconference",
        "remote",
        "l",
    },
}
_MODE_OF = {spelling: mode for mode, spellings in MODES.items() for spelling in spellings}

# The printed sign-in sheet's own headings, so that a sheet typed with them is understood.
_SHEET_ALIASES = {
    "organisation": ("Organisation / institution", "Structure / institution"),
    "gender": ("Sexe (F/H)", "Sexe (F/M)", "Gender (F/M)"),
}

ATTENDANCE_COLUMNS = ColumnSet(
    [
        dataclasses.replace(
            column,
            in_template=column.field in _TEMPLATE_FIELDS,
            aliases=column.aliases + _SHEET_ALIASES.get(column.field, ()),
        )
        for column in PEOPLE_COLUMNS.columns.values()
    ]
    + [
        Column(
            "mode",
            gettext_lazy("taking part"),
            ("Mode", "Participation", "Mode de participation", "Modalité", "Présence"),
            help=gettext_lazy(
                "Présentiel or En ligne; when empty, in person (online for a meeting held only "
                "online)."
            ),
        )
    ]
)


@dataclass
class AttendanceRow:
    person: PersonRow
    mode: str


class AttendanceRowParser:
    """The people import's row parser, plus the mode; every problem of the row is reported."""

    def __init__(self, columns: dict[str, str], meeting: Meeting):
        self.columns = columns
        self.people = PersonRowParser({k: v for k, v in columns.items() if k != "mode"})
        self.default_mode = (
            ParticipationMode.IN_PERSON if meeting.offers_in_person else ParticipationMode.ONLINE
        )
        self.country_iso2 = meeting.space.country.iso2

    @property
    def has_names(self) -> bool:
        return self.people.has_names

    def __call__(self, line: int, values: dict[str, str]) -> AttendanceRow:
        problems: list[tuple[str, str]] = []
        person = None
        try:
            person = self.people(line, self._with_local_phone(values))
        except RowInvalid as invalid:
            problems.extend(invalid.problems)
        mode = self.default_mode
        text = values.get(self.columns.get("mode", ""), "").strip()
        if text:
            mode = _MODE_OF.get(normalise_text(text))
            if mode is None:
                problems.append(
                    (
                        self.columns["mode"],
                        _("“%(value)s” is not a way of taking part: write Présentiel or En ligne.")
                        % {"value": text},
                    )
                )
        if problems:
            raise RowInvalid(problems)
        return AttendanceRow(person=person, mode=mode)

    def _with_local_phone(self, values: dict[str, str]) -> dict[str, str]:
        """People sign in where the meeting is held: a number written without its international
        prefix, on a row that gives no country, is read in the plan of the space's country."""
        phone, country = self.columns.get("phone"), self.columns.get("country")
        text = values.get(phone, "").strip() if phone else ""
        if not text or (country and values.get(country, "").strip()):
            return values
        try:
            return {**values, phone: phone_to_e164(text, country_iso2=self.country_iso2)}
        except ValidationError:
            return values  # the people parser says what is wrong with it

    def keys(self, row: AttendanceRow):
        return self.people.keys(row.person)


class AttendanceRowWriter:
    """Finds or adds the person through the people import's writer, then the attendance line.

    Returns CREATED for a new line and UNCHANGED for someone already present; the people added
    or completed in the directory are counted apart.
    """

    def __init__(self, *, meeting: Meeting, actor, filename: str, columns: dict[str, str]):
        self.meeting, self.actor = meeting, actor
        self.people = PersonRowWriter(actor=actor, source=filename, columns=columns)
        self.present = set(
            Attendance.objects.present().filter(meeting=meeting).values_list("person_id", flat=True)
        )
        self.people_created = self.people_completed = 0

    def __call__(self, row: AttendanceRow) -> str:
        outcome = self.people(row.person)
        if row.person.match is None:
            self.people_created += 1
        elif outcome == UPDATED:
            self.people_completed += 1
        person_id = row.person.match or self._created_person_id(row.person)
        if person_id in self.present:
            return UNCHANGED
        try:
            attendance_add(
                meeting=self.meeting,
                person=Person.objects.get(pk=person_id),
                mode=row.mode,
                actor=self.actor,
                source=AttendanceSource.SIGN_IN_SHEET,
            )
        except ValidationError as error:
            raise RowInvalid([("", message) for message in error.messages]) from error
        self.present.add(person_id)
        return CREATED

    @staticmethod
    def _created_person_id(row: PersonRow) -> int:
        """The person the people writer has just added for this row. Unambiguous: with an
        e-mail, it is unique in the directory; without one, the row matched nobody of that name,
        and the file holds that name without e-mail only once (the import's keys)."""
        return (
            Person.objects.active()
            .filter(normalised_name=normalise_name(row.first_name, row.last_name), email=row.email)
            .latest("pk")
            .pk
        )


@dataclass
class AttendanceImportReport(ImportReport):
    """The import's report (`created` / `unchanged` count attendance lines), with the people
    it added to the directory or completed there."""

    people_created: int = 0
    people_completed: int = 0


def attendance_import(
    *, meeting: Meeting, source, filename: str, actor, dry_run: bool = False, on_progress=None
) -> AttendanceImportReport:
    """Imports a typed-back sign-in sheet (CSV or XLSX) into the meeting's attendance list."""
    report = AttendanceImportReport(filename=filename)
    try:
        ensure_attendance_open(meeting)
    except ValidationError as error:
        for message in error.messages:
            report.add_error(0, "", message)
        return report
    try:
        table = read_table(source, filename)
        columns = ATTENDANCE_COLUMNS.resolve(table.header, table.header_line)
    except TableError as error:
        report.add_error(0, "", str(error))
        return report
    report.ignored_columns = ATTENDANCE_COLUMNS.ignored(table.header)
    parser = AttendanceRowParser(columns, meeting)
    if not parser.has_names:
        report.add_error(
            table.header_line,
            "",
            _(
                "No column for the names: the file needs “Prénom” and “Nom” columns, or one "
                "“Nom et prénoms” column."
            ),
        )
        return report
    if not table:
        report.add_error(table.header_line, "", _("The file has no rows under its header."))
        return report

    writer = AttendanceRowWriter(meeting=meeting, actor=actor, filename=filename, columns=columns)
    with transaction.atomic():
        import_rows(
            table,
            row_parser=parser,
            row_writer=writer,
            row_keys=parser.keys,
            report=report,
            dry_run=dry_run,
            on_progress=on_progress,
        )
        if report.ok:
            report.people_created = writer.people_created
            report.people_completed = writer.people_completed
        if report.ok and not dry_run:
            audit_record(
                actor=actor,
                action="attendance.import",
                target=meeting,
                changes={
                    "file": [None, filename],
                    CREATED: [None, report.created],
                    UNCHANGED: [None, report.unchanged],
                    "people_created": [None, report.people_created],
                    "people_completed": [None, report.people_completed],
                },
                note=_("Import of %(file)s") % {"file": filename},
            )
    return report


def attendance_summary(result: dict) -> str:
    """One sentence for a successful import, from its report as a job keeps it (as_dict)."""
    rows = result.get("rows", 0)
    if result.get("dry_run"):
        text = ngettext(
            "%(rows)s row checked, nothing stored (trial run):",
            "%(rows)s rows checked, nothing stored (trial run):",
            rows,
        )
    else:
        text = ngettext("%(rows)s row imported:", "%(rows)s rows imported:", rows)
    counts = _(
        "%(created)s added to the attendance list, %(unchanged)s already on it; "
        "%(people_created)s new in the directory, %(people_completed)s completed there."
    )
    return f"{text % {'rows': rows}} {counts % result}"


@register_job("meetings.import_attendance")
def import_attendance_job(job, *, meeting_id: int, filename: str, dry_run: bool = False) -> dict:
    """Imports the job's input file; bad rows are a normal outcome shown on the job page, not a
    failure of the job, so they come back in the result."""
    meeting = Meeting.objects.with_relations().get(pk=meeting_id)
    with job.input_file.open("rb") as source:
        report = attendance_import(
            meeting=meeting,
            source=source,
            filename=filename,
            actor=job.created_by,
            dry_run=dry_run,
            on_progress=lambda done, total: job_progress(job, done, total),
        )
    return report.as_dict() | {
        "attendance_url": reverse("meetings:attendance", args=[meeting.space.slug, meeting.pk]),
        "import_url": reverse("meetings:attendance_import", args=[meeting.space.slug, meeting.pk]),
    }
