"""One row of a people file, checked: the part of the people import that only reads."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from palabre.directory.models import Organisation, Person
from palabre.directory.names import normalise_name
from palabre.territories.models import Country, Language, Region, Sector

from .report import RowInvalid
from .selectors import PeopleIndex, References
from .values import (
    CellError,
    parse_email,
    parse_gender,
    parse_phone,
    parse_yes_no,
    split_full_name,
    split_list,
)


@dataclass
class PersonRow:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    gender: str = ""
    organisation: str = ""
    position: str = ""
    country: Country | None = None
    city: str = ""
    region: Region | None = None
    sectors: list[Sector] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    consent: bool | None = None
    notes: str = ""
    match: int | None = None  # id of the person already in the directory


def _limit(model, name: str) -> int | None:
    return model._meta.get_field(name).max_length


# Columns copied as text, with the longest text the directory can hold for each.
_TEXT_LIMITS = {
    "position": _limit(Person, "position"),
    "city": _limit(Person, "city_of_residence"),
    "organisation": _limit(Organisation, "name"),
    "notes": None,
}
_NAME_COLUMNS = ("last_name", "surname_first", "full_name", "first_name")


class PersonRowParser:
    """Called with (line, {header: text}); returns a PersonRow or raises RowInvalid listing every
    problem of the row, each with the column (as the file names it) where it lies."""

    def __init__(self, columns: dict[str, str]):
        self.columns = columns
        self.references = References()
        self.people = PeopleIndex()

    @property
    def has_names(self) -> bool:
        fields = self.columns.keys()
        return {"first_name", "last_name"} <= fields or bool(
            {"full_name", "surname_first"} & fields
        )

    @property
    def name_column(self) -> str:
        return next(self.columns[name] for name in _NAME_COLUMNS if name in self.columns)

    def __call__(self, line: int, values: dict[str, str]) -> PersonRow:
        problems: list[tuple[str, str]] = []
        cells = {name: values.get(header, "").strip() for name, header in self.columns.items()}

        def parsed(name: str, parse, *args):
            try:
                return parse(cells.get(name, ""), *args)
            except CellError as error:
                problems.append((self.columns[name], str(error)))
                return None

        first_name, last_name = self._names(cells, problems)
        row = PersonRow(first_name=first_name, last_name=last_name)
        row.country = parsed("country", self.references.country)
        if row.country or not cells.get("country"):
            # With an unknown country the phone's prefix cannot be deduced: one error suffices.
            row.phone = parsed("phone", parse_phone, row.country) or ""
        row.email = parsed("email", parse_email) or ""
        row.gender = parsed("gender", parse_gender) or ""
        row.region = parsed("region", self.references.region)
        row.sectors = parsed("sectors", _listed(self.references.sectors_of)) or []
        row.languages = parsed("languages", _listed(self.references.languages_of)) or []
        row.consent = parsed("consent", parse_yes_no)
        for name, limit in _TEXT_LIMITS.items():
            setattr(row, name, cells.get(name, ""))
            if limit and len(getattr(row, name)) > limit:
                problems.append((self.columns[name], _too_long(limit)))
        if first_name and last_name:
            try:
                row.match = self.people.match(
                    first_name=first_name, last_name=last_name, email=row.email
                )
            except CellError as error:
                problems.append((self.name_column, str(error)))
        if problems:
            raise RowInvalid(problems)
        return row

    def keys(self, row: PersonRow):
        """What may appear only once in a file: an e-mail, a name without e-mail, a person."""
        if row.email:
            yield self.columns["email"], ("email", row.email)
        else:
            yield self.name_column, ("name", normalise_name(row.first_name, row.last_name))
        if row.match:
            yield self.name_column, ("person", row.match)

    def _names(self, cells: dict[str, str], problems: list) -> tuple[str, str]:
        first_name, last_name = cells.get("first_name", ""), cells.get("last_name", "")
        combined = "surname_first" if cells.get("surname_first") else "full_name"
        if not (first_name or last_name) and cells.get(combined):
            try:
                first_name, last_name = split_full_name(
                    cells[combined], surname_first=combined == "surname_first"
                )
            except CellError as error:
                problems.append((self.columns[combined], str(error)))
                return "", ""
        missing = {
            "first_name": _("The first name is missing."),
            "last_name": _("The last name is missing."),
        }
        for name, value in (("first_name", first_name), ("last_name", last_name)):
            column = self.columns.get(name, self.name_column)
            if not value:
                problems.append((column, missing[name]))
            elif len(value) > _limit(Person, name):
                problems.append((column, _too_long(_limit(Person, name))))
        return first_name, last_name


def _listed(lookup):
    return lambda text: lookup(split_list(text))


def _too_long(limit: int) -> str:
    return _("This text is too long: at most %(limit)s characters.") % {"limit": limit}
