"""Reading generated documents in tests: the text a person would see, from PDF or DOCX bytes."""

import io

import docx
import pypdf


def pdf_text(data: bytes) -> str:
    """The text of every page, in order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(data: bytes) -> str:
    """Body paragraphs, table cells (row by row), then every section's header and footer."""
    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += _table_lines(table)
    for section in document.sections:
        for part in (section.header, section.footer):
            lines += [paragraph.text for paragraph in part.paragraphs]
            for table in part.tables:
                lines += _table_lines(table)
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        # A merged cell appears once per column it spans; its text counts once.
        cells = list({id(cell._tc): cell for cell in row.cells}.values())
        lines.append(" | ".join(cell.text for cell in cells))
        for cell in cells:
            for inner in cell.tables:
                lines += _table_lines(inner)
    return lines
