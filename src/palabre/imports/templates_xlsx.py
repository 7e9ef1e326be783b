"""The spreadsheet users fill in: the expected headers, and a sheet explaining each column."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .columns import ColumnSet


def template_workbook(columns: ColumnSet) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("People")
    sheet.append(columns.template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    sheet.freeze_panes = "A2"

    # The import reads only the first sheet: the help can stay in the file.
    help_sheet = workbook.create_sheet(_("Help"))
    help_sheet.append([_("Column"), _("What to write"), _("Other accepted names")])
    for column in columns.columns.values():
        help_sheet.append(
            [column.header, str(column.help or column.label), ", ".join(column.aliases[1:])]
        )
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 60
    help_sheet.column_dimensions["C"].width = 60

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
