"""The one way to hand a table to a spreadsheet: CSV for Excel in French, or XLSX.

CSV is UTF-8 with a byte-order mark and `;` between cells, which is what Excel expects when the
decimal separator is a comma; XLSX has a bold header row and frozen panes.
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> object:
    """Numbers stay numbers; text that a spreadsheet would run as a formula is quoted.

    Phone numbers in E.164 form (+225…) are digits only, so they are left untouched.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not text[1:].isdigit():
        return "'" + text
    return text


def tabular_response(
    *, headers: Sequence[str], rows: Iterable[Sequence], filename: str, file_format: str
) -> HttpResponse:
    """`filename` without extension; `file_format` is a key of FORMATS."""
    content = _xlsx(headers, rows) if file_format == "xlsx" else _csv(headers, rows)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def _csv(headers, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(h) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx(headers, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.freeze_panes = "A2"
    header_cells = [WriteOnlyCell(sheet, value=str(title)) for title in headers]
    for cell in header_cells:
        cell.font = Font(bold=True)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
