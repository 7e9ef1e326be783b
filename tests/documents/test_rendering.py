"""One HTML template gives a PDF and an editable Word file that say the same thing."""

import io

import docx
import pypdf
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import RGBColor

from palabre.documents.models import DocumentFormat
from palabre.documents.rendering import local_file
from palabre.documents.services import html_to_docx, render_document

from .factories import DISCLAIMER, SAMPLE_ROWS
from .utils import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def sample(fmt: str, rows=SAMPLE_ROWS, **context) -> bytes:
    return render_document(
        template_name="documents/sample.html",
        context={"rows": rows, **context},
        fmt=fmt,
        title="Framing note of the 3rd meeting",
        version=2,
        # As issue_document names an archived document; only such a one says where to check it.
        reference="meetings.framingnote:1:framing_note::v2",
    )


def word(data: bytes):
    return docx.Document(io.BytesIO(data))


def test_the_pdf_shows_title_table_disclaimer_page_numbers_and_where_to_verify(identity):
    text = pdf_text(sample(DocumentFormat.PDF))
    assert "Framing note of the 3rd meeting" in text
    assert "Palabre Cavally" in text
    assert "Version 2 — issued on" in text
    assert "Awa Testkoné" in text and "Coopérative test" in text
    assert DISCLAIMER in text
    assert "Page 1 / 1" in text
    assert "http://127.0.0.1:8000/documents/verifier/" in text


def test_a_long_pdf_numbers_every_page_and_repeats_the_table_header(identity):
    rows = [(f"Participant {n}", "Organisation test") for n in range(150)]
    reader = pypdf.PdfReader(io.BytesIO(sample(DocumentFormat.PDF, rows=rows)))
    pages = len(reader.pages)
    assert pages > 2
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} / {pages}" in last
    assert "Name" in last and "Organisation" in last  # the header row, again
    assert DISCLAIMER in last


def test_the_pdf_carries_the_logo_from_the_media_files(identity):
    reader = pypdf.PdfReader(io.BytesIO(sample(DocumentFormat.PDF)))
    assert len(reader.pages[0].images) == 1


def test_pages_are_a4_portrait_unless_the_template_asks_for_landscape(identity):
    portrait = pypdf.PdfReader(io.BytesIO(sample(DocumentFormat.PDF))).pages[0].mediabox
    landscape = (
        pypdf.PdfReader(io.BytesIO(sample(DocumentFormat.PDF, landscape=True))).pages[0].mediabox
    )
    assert (round(portrait.width), round(portrait.height)) == (595, 842)
    assert (round(landscape.width), round(landscape.height)) == (842, 595)

    section = word(sample(DocumentFormat.DOCX)).sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert round(section.page_width.mm) == 210
    section = word(sample(DocumentFormat.DOCX, landscape=True)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297


def test_the_word_file_has_real_headings_lists_and_formatting(identity):
    document = word(sample(DocumentFormat.DOCX))
    styled = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert ("Heading 1", "Framing note of the 3rd meeting") in styled
    assert ("Heading 2", "Purpose") in styled
    assert ("List Bullet", "First point") in styled
    bold = [run.text for paragraph in document.paragraphs for run in paragraph.runs if run.bold]
    assert "bold" in bold
    assert document.styles["Heading 1"].font.color.rgb == RGBColor.from_string("12345A")
    assert document.core_properties.title == "Framing note of the 3rd meeting"


def test_the_word_file_has_a_real_table_with_its_header_row(identity):
    table = word(sample(DocumentFormat.DOCX)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Name", "Organisation"]
    assert [cell.text for cell in table.rows[1].cells] == list(SAMPLE_ROWS[0])
    assert table.style.name == "Table Grid"  # borders
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_the_word_header_and_footer_carry_identity_disclaimer_and_page_fields(identity):
    document = word(sample(DocumentFormat.DOCX))
    section = document.sections[0]
    assert section.header._element.xpath(".//w:drawing")  # the logo
    assert "Palabre Cavally" in "\n".join(p.text for p in section.header.paragraphs)
    footer = section.footer
    assert DISCLAIMER in "\n".join(p.text for p in footer.paragraphs)
    fields = [code.text.strip() for code in footer._element.xpath(".//w:instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in docx_text(sample(DocumentFormat.DOCX))
    # The header and footer are not repeated in the body.
    assert DISCLAIMER not in "\n".join(p.text for p in document.paragraphs)


def test_html_to_docx_keeps_structure_and_the_text_of_unknown_tags():
    document = word(
        html_to_docx(
            """<html><body>
            <h3>Agenda</h3>
            <ol><li>Opening</li><li>Budget <em>review</em><ul><li>Sub point</li></ul></li></ol>
            <ol><li>Restart</li></ol>
            <p>Line one<br>line   two <custom-tag>kept text</custom-tag></p>
            <table><tr><th colspan="2">Joined header</th></tr><tr><td>A</td><td>B</td></tr></table>
            </body></html>"""
        )
    )
    styled = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert styled[:5] == [
        ("Heading 3", "Agenda"),
        ("List Number", "Opening"),
        ("List Number", "Budget review"),
        ("List Bullet 2", "Sub point"),
        ("List Number", "Restart"),
    ]
    assert ("Normal", "Line one\nline two kept text") in styled
    # Each ordered list counts from 1: the second list has its own numbering.
    first, second = (document.paragraphs[i]._p.pPr.numPr.numId.val for i in (1, 4))
    assert first != second
    table = document.tables[0]
    assert table.rows[0].cells[0]._tc is table.rows[0].cells[1]._tc  # merged
    assert [cell.text for cell in table.rows[1].cells] == ["A", "B"]


def test_documents_use_only_this_sites_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.png").write_bytes(b"x")
    assert local_file("/media/logo.png") == tmp_path / "logo.png"
    assert local_file("http://127.0.0.1:8000/media/logo.png") == tmp_path / "logo.png"
    assert local_file("/media/../../etc/passwd") is None
    assert local_file("https://tracker.example.org/pixel.png") is None
    assert local_file("file:///etc/passwd") is None
