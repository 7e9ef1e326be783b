"""The one import pipeline: check every row, then write them all in one transaction, or none.

`import_rows` knows nothing of people: a later import (meeting attendance) brings its own row
parser and writer. `people_import` is the directory's use of it.
"""

from collections.abc import Callable, Hashable, Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record
from palabre.directory.models import ConsentRecord, OrganisationKind, Person
from palabre.directory.services import (
    consent_record_add,
    organisation_create,
    person_create,
    person_update,
)

from .columns import PEOPLE_COLUMNS
from .people import PersonRow, PersonRowParser
from .readers import TableError, read_table
from .report import ImportReport, RowInvalid
from .selectors import OrganisationIndex

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
IMPORT_CONSENT_PURPOSE = "import"


def import_rows(
    rows: Iterable[tuple[int, dict]],
    *,
    row_parser: Callable[[int, dict], object],
    row_writer: Callable[[object], str],
    row_keys: Callable[[object], Iterable[tuple[str, Hashable]]] | None = None,
    report: ImportReport | None = None,
    dry_run: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Parse every row, then write all of them or none.

    `row_parser(line, values)` returns the row's clean data or raises RowInvalid; `row_keys` gives
    (column, key) pairs that must be unique in the file, to catch a row given twice;
    `row_writer(parsed)` stores a row and returns CREATED, UPDATED or UNCHANGED. A dry run does the
    writing too, so its counts are exact, then rolls it back. `on_progress(done, total)` counts
    each row twice, once checked and once written.
    """
    report = report or ImportReport()
    report.dry_run = dry_run
    rows = list(rows)
    report.rows = total = len(rows)
    parsed_rows: list[tuple[int, object]] = []
    first_line_of: dict[Hashable, int] = {}

    def progress(done: int) -> None:
        if on_progress and (done % 50 == 0 or done in (total, 2 * total)):
            on_progress(done, 2 * total)

    for checked, (line, values) in enumerate(rows, start=1):
        progress(checked)
        try:
            parsed = row_parser(line, values)
        except RowInvalid as invalid:
            for column, message in invalid.problems:
                report.add_error(line, column, message)
            continue
        duplicate = False
        for column, key in row_keys(parsed) if row_keys else ():
            if key in first_line_of:
                duplicate = True
                report.add_error(
                    line,
                    column,
                    _("Already given on line %(line)s.") % {"line": first_line_of[key]},
                )
            first_line_of.setdefault(key, line)
        if not duplicate:
            parsed_rows.append((line, parsed))
    if not report.ok:
        progress(2 * total)  # nothing to write: the work is over
        return report

    outcomes = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    with transaction.atomic():
        for written, (line, parsed) in enumerate(parsed_rows, start=1):
            try:
                outcomes[row_writer(parsed)] += 1
            except RowInvalid as invalid:
                for column, message in invalid.problems:
                    report.add_error(line, column, message)
            # Inside the transaction: a worker's progress shows once the import is committed.
            progress(total + written)
        if dry_run or not report.ok:
            transaction.set_rollback(True)
    if report.ok:
        report.created = outcomes[CREATED]
        report.updated = outcomes[UPDATED]
        report.unchanged = outcomes[UNCHANGED]
    return report


def people_import(
    *, source, filename: str, actor, dry_run: bool = False, on_progress=None
) -> ImportReport:
    """Import the people of a CSV or XLSX file into the directory, all or nothing.

    Someone already in the directory (same e-mail, or same name without a conflicting e-mail) is
    completed, never duplicated: only their empty fields are filled.
    """
    report = ImportReport(filename=filename)
    try:
        table = read_table(source, filename)
        columns = PEOPLE_COLUMNS.resolve(table.header, table.header_line)
    except TableError as error:
        report.add_error(0, "", str(error))
        return report
    report.ignored_columns = PEOPLE_COLUMNS.ignored(table.header)
    parser = PersonRowParser(columns)
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

    writer = PersonRowWriter(actor=actor, source=filename, columns=columns)
    import_rows(
        table,
        row_parser=parser,
        row_writer=writer,
        row_keys=parser.keys,
        report=report,
        dry_run=dry_run,
        on_progress=on_progress,
    )
    if report.ok and not dry_run:
        audit_record(
            actor=actor,
            action="people.import",
            changes={
                "file": [None, filename],
                CREATED: [None, report.created],
                UPDATED: [None, report.updated],
                UNCHANGED: [None, report.unchanged],
            },
            note=_("Import of %(file)s") % {"file": filename},
        )
    return report


class PersonRowWriter:
    """Stores one checked PersonRow through the directory's services, so each person is audited.

    Returns CREATED, UPDATED or UNCHANGED; an import of attendance reuses it for the people it
    does not find in the directory.
    """

    def __init__(self, *, actor, source: str, columns: dict[str, str]):
        self.actor, self.source, self.columns = actor, source, columns
        self.organisations = OrganisationIndex()

    def __call__(self, row: PersonRow) -> str:
        # What the row can give a person; the organisation is looked up only once it is needed,
        # so that a row completing someone who has one creates none.
        fields = {
            "email": row.email,
            "phone": row.phone,
            "gender": row.gender,
            "organisation": row.organisation,
            "position": row.position,
            "country_of_residence": row.country,
            "city_of_residence": row.city,
            "region_of_attachment": row.region,
            "notes": row.notes,
        }
        try:
            if row.match is None:
                person = person_create(
                    actor=self.actor,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    sectors=row.sectors,
                    languages=row.languages,
                    **self._with_organisation({k: v for k, v in fields.items() if v}),
                )
                outcome = CREATED
            else:
                person, outcome = self._complete(row, fields)
        except ValidationError as error:
            raise RowInvalid(self._problems(error)) from error
        if row.consent and self._record_consent(person):
            outcome = CREATED if outcome == CREATED else UPDATED
        return outcome

    def _complete(self, row: PersonRow, fields: dict) -> tuple[Person, str]:
        """Fill the empty fields of someone already in the directory; never overwrite."""
        person = Person.objects.prefetch_related("sectors", "languages").get(pk=row.match)
        missing = {
            name: value
            for name, value in fields.items()
            if value and getattr(person, Person._meta.get_field(name).attname) in (None, "")
        }
        sectors = row.sectors if row.sectors and not person.sectors.all() else None
        languages = row.languages if row.languages and not person.languages.all() else None
        if not (missing or sectors or languages):
            return person, UNCHANGED
        person_update(
            actor=self.actor,
            person=person,
            sectors=sectors,
            languages=languages,
            **self._with_organisation(missing),
        )
        return person, UPDATED

    def _with_organisation(self, fields: dict) -> dict:
        """The organisation's name replaced by the organisation, created if it is new."""
        name = fields.get("organisation")
        if name:
            organisation = self.organisations.find(name)
            if organisation is None:
                organisation = organisation_create(
                    actor=self.actor, name=name, kind=OrganisationKind.OTHER
                )
                self.organisations.add(organisation)
            fields["organisation"] = organisation
        return fields

    def _record_consent(self, person: Person) -> bool:
        """Once per person: importing the same file again records nothing new."""
        already = ConsentRecord.objects.filter(
            person=person, purpose=IMPORT_CONSENT_PURPOSE, withdrawn_at__isnull=True
        ).exists()
        if not already:
            consent_record_add(
                actor=self.actor, person=person, purpose=IMPORT_CONSENT_PURPOSE, source=self.source
            )
        return not already

    def _problems(self, error: ValidationError) -> list[tuple[str, str]]:
        if not hasattr(error, "error_dict"):
            return [("", message) for message in error.messages]
        return [
            (self.columns.get(_COLUMN_OF_FIELD.get(name, name), ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]


_COLUMN_OF_FIELD = {
    "country_of_residence": "country",
    "city_of_residence": "city",
    "region_of_attachment": "region",
}
