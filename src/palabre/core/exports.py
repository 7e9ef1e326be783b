"""The one way to hand a table to a spreadsheet: CSV for Excel in French, or XLSX.

CSV is UTF-8 with a byte-order mark and `;` between cells, which is what Excel expects when the
decimal separator is a comma, and is streamed so that memory does not grow with the rows; XLSX
has a bold header row and frozen panes (openpyxl's write-only mode keeps rows out of memory).
"""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse
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
) -> HttpResponse | StreamingHttpResponse:
    """`filename` without extension; `file_format` is a key of FORMATS; `rows` may be lazy."""
    if file_format == "xlsx":
        response = HttpResponse(_xlsx(headers, rows), content_type=FORMATS[file_format])
    else:
        response = StreamingHttpResponse(_csv_lines(headers, rows), content_type=FORMATS["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


class _Line:
    """What csv.writer writes to: hands back each line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(headers, rows):
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield writer.writerow([str(h) for h in headers]).encode("utf-8-sig")
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row]).encode("utf-8")


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
