"""Turn an uploaded spreadsheet (CSV or XLSX) into rows of text, numbered as the user sees them.

Every import (people, later meeting attendance) starts here, so that encodings, separators and
Excel's habits are dealt with once.
"""

import csv
import datetime
import io
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

Row = tuple[int, dict[str, str]]
EXTENSIONS = (".csv", ".xlsx")


class Table(list[Row]):
    """The data rows, plus the column names as written in the file (known even with no rows)."""

    def __init__(self, rows: list[Row], header: list[str], header_line: int):
        super().__init__(rows)
        self.header = header
        self.header_line = header_line


class TableError(ValueError):
    """The file as a whole cannot be read; the message is shown to the user as is."""


def read_table(source, filename: str) -> Table:
    """The data rows as (line number, {header: text}); header = the first non-empty row.

    `source` is a path or a binary file object. Line numbers are those of the spreadsheet, header
    included, so "line 7" in a report is row 7 in Excel. Fully empty rows and unnamed columns are
    left out; every value is stripped text ("" when empty).
    """
    extension = Path(filename).suffix.lower()
    if extension not in EXTENSIONS:
        raise TableError(
            _("Unsupported file type “%(name)s”: send a .csv or .xlsx file.") % {"name": filename}
        )
    data = _read_bytes(source)
    if not data.strip():
        raise TableError(_("The file is empty."))
    records = _xlsx_records(data) if extension == ".xlsx" else _csv_records(data)
    return _rows_under_header(records)


def _read_bytes(source) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel adds), else Windows-1252 as Excel saves "CSV"."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError(
            _("The file's characters cannot be read: save it as “CSV UTF-8” and try again.")
        ) from error


def _csv_records(data: bytes):
    text = decode_text(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Counting on the header is more reliable than csv.Sniffer, which is misled by commas inside
    # French values ("Soubré, Nawa") or by a file of a single column.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # A quoted value may span several physical lines; Excel still shows it as one row.
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        raise TableError(
            _("The CSV file is malformed near line %(line)s.") % {"line": reader.line_num}
        ) from error


def _xlsx_records(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(
            _("This is not a readable .xlsx file: open it in your spreadsheet and save it again.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores every number as a float: a phone number must not come back as "7070.0".
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def _rows_under_header(records) -> Table:
    header: list[str] | None = None
    header_line = 0
    rows: list[Row] = []
    for number, values in records:
        values = [value.strip() for value in values]
        if not any(values):
            continue
        if header is None:
            header, header_line = _check_header(values, number), number
            continue
        row = {name: value for name, value in zip(header, values, strict=False) if name}
        rows.append((number, {name: row.get(name, "") for name in header if name}))
    if header is None:
        raise TableError(_("The file is empty."))
    return Table(rows, [name for name in header if name], header_line)


def _check_header(names: list[str], line: int) -> list[str]:
    seen = set()
    for name in filter(None, names):
        if name in seen:
            raise TableError(
                _("Line %(line)s: two columns are named “%(name)s”.") % {"line": line, "name": name}
            )
        seen.add(name)
    return names
