"""The HTML of a document template written as an editable Word file.

The same HTML as the PDF, so that both say the same thing: headings become Word headings, lists
Word lists, tables Word tables. The element of class `doc-header` becomes the page header, the
one of class `doc-footer` the page footer (with "Page X of Y" fields); `data-orientation` on any
element asks for landscape pages; `<meta name="theme-color">` colours the headings."""

import base64
import binascii
import io
import re
from copy import deepcopy
from dataclasses import dataclass, replace

import cairosvg
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.exceptions import UnrecognizedImageError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree
from lxml import html as lxml_html

from .rendering import local_file

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
PARAGRAPHS = {"p", "dt", "dd", "figcaption", "address", "pre", "blockquote", "caption", "legend"}
LISTS = {"ul", "ol"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "dl",
    "form",
    "fieldset",
    "body",
    "li",
}
BLOCKS = set(HEADING_LEVELS) | PARAGRAPHS | LISTS | CONTAINERS | {"table", "hr"}
SKIPPED = {"head", "style", "script", "template", "title", "meta", "link", "noscript"}
SKIPPED_CLASSES = {"doc-watermark"}  # the PDF's repeated watermark; the banner says it in Word

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(18)
PX = 0.75  # points per CSS pixel
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    superscript: bool = False
    subscript: bool = False
    preformatted: bool = False


INLINE_FORMATS = {
    "strong": {"bold": True},
    "b": {"bold": True},
    "th": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
    "cite": {"italic": True},
    "u": {"underline": True},
    "ins": {"underline": True},
    "s": {"strike": True},
    "del": {"strike": True},
    "sup": {"superscript": True},
    "sub": {"subscript": True},
    "pre": {"preformatted": True},
}


@dataclass
class Text:
    text: str
    format: Format


@dataclass
class Picture:
    source: object  # a path or a stream
    width_pt: float | None
    height_pt: float | None
    alt: str


BREAK = object()


def html_to_docx(html: str) -> bytes:
    root = lxml_html.document_fromstring(html)
    document = Document()
    _set_up(document, root)
    writer = _Writer(document)
    for header in _with_class(root, "doc-header"):
        writer.write_children(header, document.sections[0].header)
    footer = document.sections[0].footer
    for element in _with_class(root, "doc-footer"):
        writer.write_children(element, footer)
    _add_page_numbers(footer)
    for container in (document.sections[0].header, footer):
        _drop_leading_empty_paragraph(container)
    body = root.find("body")
    writer.write_children(body if body is not None else root, document)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _with_class(root, name: str) -> list:
    return root.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _set_up(document, root) -> None:
    """Page size and orientation, heading colours and the file's properties, from the HTML."""
    section = document.sections[0]
    landscape = any(
        (value or "").strip() == "landscape" for value in root.xpath("//@data-orientation")
    )
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (PAGE_HEIGHT, PAGE_WIDTH) if landscape else (PAGE_WIDTH, PAGE_HEIGHT)
    )
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)

    colour = _meta(root, "theme-color")
    if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
            document.styles[name].font.color.rgb = RGBColor.from_string(colour[1:].upper())

    properties = document.core_properties
    title = root.find(".//title")
    properties.title = (title.text_content().strip() if title is not None else "")[:255]
    properties.subject = _meta(root, "description")[:255]
    properties.author = properties.last_modified_by = _meta(root, "generator")[:255]
    properties.comments = ""
    # The template's own dates are from 2013; a document is created when it is issued.
    properties.created = properties.modified = timezone.now()
    properties.revision = 1


def _meta(root, name: str) -> str:
    found = root.xpath("//meta[@name=$name]/@content", name=name)
    return found[0].strip() if found else ""


def _add_page_numbers(footer) -> None:
    paragraph = footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    # Translators: Word fills in {page} and {pages}, page numbers in the document's footer.
    label = _("Page {page} of {pages}")
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece == "{page}":
            _add_field(paragraph, "PAGE")
        elif piece == "{pages}":
            _add_field(paragraph, "NUMPAGES")
        elif piece:
            paragraph.add_run(piece)
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _add_field(paragraph, instruction: str) -> None:
    """A Word field (computed when the document is shown), with "1" until Word updates it."""

    def char(kind):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def _drop_leading_empty_paragraph(container) -> None:
    """Headers, footers and table cells start with an empty paragraph that Word would show."""
    blocks = container._element.xpath("./w:p | ./w:tbl")
    if (
        len(blocks) > 1
        and blocks[0].tag == qn("w:p")
        and _is_empty(Paragraph(blocks[0], container))
    ):
        container._element.remove(blocks[0])


def _is_empty(paragraph) -> bool:
    return not paragraph.text.strip() and not paragraph._p.xpath(".//w:drawing")


class _Writer:
    def __init__(self, document):
        self.document = document

    # Blocks

    def write_children(self, element, container, list_level: int = 0) -> None:
        """Text and inline children become paragraphs between the block children."""
        pending: list = []
        self._text(element.text, Format(), pending)
        for child in element:
            if self._skipped(child):
                pass
            elif child.tag in BLOCKS:
                self._paragraph(container, pending)
                pending = []
                self.write_block(child, container, list_level)
            else:
                self._inline(child, Format(), pending)
            self._text(child.tail, Format(), pending)
        self._paragraph(container, pending)

    def write_block(self, element, container, list_level: int = 0) -> None:
        tag = element.tag
        if tag in HEADING_LEVELS:
            self._paragraph(
                container, self._inline_content(element), f"Heading {HEADING_LEVELS[tag]}"
            )
        elif tag in PARAGRAPHS:
            style = "Quote" if tag == "blockquote" else "Caption" if tag == "caption" else None
            self._paragraph(container, self._inline_content(element), style)
        elif tag in LISTS:
            self._list(element, container, list_level + 1)
        elif tag == "table":
            self._table(element, container)
        elif tag == "hr":
            pass
        else:
            self.write_children(element, container, list_level)

    def _list(self, element, container, level: int) -> None:
        ordered = element.tag == "ol"
        suffix = f" {min(level, 3)}" if level > 1 else ""
        style = f"{'List Number' if ordered else 'List Bullet'}{suffix}"
        number_id = self._new_numbering(style) if ordered else None
        for item in element:
            if self._skipped(item) or item.tag != "li":
                continue
            nested = [child for child in item if child.tag in LISTS]
            paragraph = self._paragraph(
                container, self._inline_content(item, exclude=nested), style, keep_empty=True
            )
            if number_id is not None:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = number_id
            for sublist in nested:
                self._list(sublist, container, level + 1)

    def _new_numbering(self, style: str) -> int | None:
        """Each ordered list counts from 1, instead of going on from the previous one."""
        style_pr = self.document.styles[style].element.pPr
        if style_pr is None or style_pr.numPr is None or style_pr.numPr.numId is None:
            return None
        numbering = self.document.part.numbering_part.element
        abstract_id = numbering.num_having_numId(style_pr.numPr.numId.val).abstractNumId.val
        number = numbering.add_num(abstract_id)
        number.add_lvlOverride(ilvl=0).add_startOverride(1)
        return number.numId

    def _table(self, element, container) -> None:
        rows, caption = [], None
        for child in element:
            if child.tag == "caption":
                caption = child
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows += [(row, child.tag == "thead") for row in child if row.tag == "tr"]
            elif child.tag == "tr":
                rows.append((child, False))
        if caption is not None:
            self._paragraph(container, self._inline_content(caption), "Caption")
        if not rows:
            return
        placements, occupied, columns = [], set(), 1
        for r, (row, _header) in enumerate(rows):
            c = 0
            for cell in row:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in occupied:
                    c += 1
                colspan = _span(cell, "colspan")
                rowspan = min(_span(cell, "rowspan"), len(rows) - r)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, c + dc))
                placements.append((r, c, rowspan, colspan, cell))
                c += colspan
                columns = max(columns, c)
        table = self._add_table(container, len(rows), columns)
        table.style = self.document.styles["Table Grid"]
        header_rows = _header_row_count(rows)
        for r in range(header_rows):
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
        for r, c, rowspan, colspan, cell in placements:
            target = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            self._cell(cell, target, header=r < header_rows or cell.tag == "th")

    def _add_table(self, container, rows: int, columns: int):
        try:
            return container.add_table(rows, columns)
        except TypeError:  # headers and footers also want the width: the page's text width
            section = self.document.sections[0]
            width = section.page_width - section.left_margin - section.right_margin
            return container.add_table(rows, columns, width)

    def _cell(self, element, cell, header: bool) -> None:
        self.write_children(element, cell)
        _drop_leading_empty_paragraph(cell)
        if header:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), "E7E6E6")
            cell._tc.get_or_add_tcPr().append(shading)

    # Inline content

    def _skipped(self, element) -> bool:
        return (
            not isinstance(element.tag, str)
            or element.tag in SKIPPED
            or bool(_classes(element) & (SKIPPED_CLASSES | {"doc-header", "doc-footer"}))
        )

    def _inline_content(self, element, exclude=()) -> list:
        items: list = []
        self._text(element.text, _format_of(element, Format()), items)
        for child in element:
            if child in exclude:
                pass
            elif not self._skipped(child):
                self._inline(child, _format_of(element, Format()), items)
            self._text(child.tail, _format_of(element, Format()), items)
        return items

    def _inline(self, element, outer: Format, items: list) -> None:
        if self._skipped(element):
            return
        tag = element.tag
        if tag == "br":
            items.append(BREAK)
            return
        if tag in ("img", "svg"):
            picture = _svg_picture(element) if tag == "svg" else _picture(element)
            if picture is not None:
                items.append(picture)
            elif _alternative_text(element):
                items.append(Text(_alternative_text(element), outer))
            return
        # A block inside a paragraph or a list item starts a new line of it.
        if tag in BLOCKS and items and items[-1] is not BREAK:
            items.append(BREAK)
        current = _format_of(element, outer)
        self._text(element.text, current, items)
        for child in element:
            self._inline(child, current, items)
            self._text(child.tail, current, items)
        if tag in BLOCKS and items and items[-1] is not BREAK:
            items.append(BREAK)

    @staticmethod
    def _text(text: str | None, current: Format, items: list) -> None:
        if text:
            items.append(Text(text, current))

    def _paragraph(self, container, items: list, style: str | None = None, keep_empty=False):
        items = _normalise(items)
        if not items and not keep_empty:
            return None
        paragraph = container.add_paragraph(style=style)
        for item in items:
            if item is BREAK:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif isinstance(item, Picture):
                self._picture(paragraph, item)
            else:
                run = paragraph.add_run(item.text)
                fmt = item.format
                run.bold = fmt.bold or None
                run.italic = fmt.italic or None
                run.underline = fmt.underline or None
                run.font.strike = fmt.strike or None
                run.font.superscript = fmt.superscript or None
                run.font.subscript = fmt.subscript or None
                if fmt.preformatted:
                    run.font.name = "Courier New"
        return paragraph

    def _picture(self, paragraph, picture: Picture) -> None:
        section = self.document.sections[0]
        available = section.page_width - section.left_margin - section.right_margin
        try:
            shape = paragraph.add_run().add_picture(
                picture.source,
                width=Pt(picture.width_pt) if picture.width_pt else None,
                height=Pt(picture.height_pt) if picture.height_pt else None,
            )
        except (UnrecognizedImageError, OSError, ValueError):
            if picture.alt:
                paragraph.add_run(picture.alt)
            return
        if shape.width > available:
            shape.height = int(shape.height * available / shape.width)
            shape.width = available


def _format_of(element, outer: Format) -> Format:
    changes = INLINE_FORMATS.get(element.tag)
    return replace(outer, **changes) if changes else outer


def _normalise(items: list) -> list:
    """HTML whitespace rules: runs of spaces count as one, none at the start or end of a line."""
    result: list = []
    at_line_start = True
    for item in items:
        if isinstance(item, Text):
            text = item.text if item.format.preformatted else WHITESPACE.sub(" ", item.text)
            previous = result[-1] if result else None
            ends_with_space = isinstance(previous, Text) and previous.text.endswith(" ")
            if (at_line_start or ends_with_space) and not item.format.preformatted:
                text = text.lstrip(" ")
            if text:
                result.append(Text(text, item.format))
                at_line_start = False
        else:
            result.append(item)
            at_line_start = item is BREAK
    # Trailing spaces, and breaks that would only add an empty line at the end.
    while result and result[-1] is BREAK:
        result.pop()
    for index, item in enumerate(result):
        following = result[index + 1] if index + 1 < len(result) else BREAK
        if isinstance(item, Text) and following is BREAK and not item.format.preformatted:
            item.text = item.text.rstrip(" ")
    return [item for item in result if not (isinstance(item, Text) and not item.text)]


def _alternative_text(element) -> str:
    if element.tag == "svg":
        title = element.find("title")
        return title.text_content().strip() if title is not None else ""
    return element.get("alt") or ""


# lxml's HTML parser lowercases every name; SVG's are case-sensitive.
SVG_NAMES = {
    name.lower(): name
    for name in (
        "viewBox",
        "preserveAspectRatio",
        "textLength",
        "lengthAdjust",
        "gradientUnits",
        "gradientTransform",
        "patternUnits",
        "markerWidth",
        "markerHeight",
        "markerUnits",
        "refX",
        "refY",
        "clipPath",
        "clipPathUnits",
        "linearGradient",
        "radialGradient",
        "textPath",
    )
}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
PX_TO_PT = 0.75


def _svg_picture(element) -> Picture | None:
    """A chart drawn as inline SVG becomes a PNG picture (Word's own SVG support is uneven),
    rendered at twice its size so that it stays sharp when printed."""
    copy = deepcopy(element)
    for node in copy.iter():
        if not isinstance(node.tag, str):
            continue
        node.tag = SVG_NAMES.get(node.tag, node.tag)
        for key in [key for key in node.attrib if key in SVG_NAMES]:
            node.attrib[SVG_NAMES[key]] = node.attrib.pop(key)
    copy.attrib.pop("xmlns", None)
    markup = etree.tostring(copy, encoding="unicode", with_tail=False)
    markup = f'<svg xmlns="{SVG_NAMESPACE}"' + markup[len("<svg") :]
    try:
        png = cairosvg.svg2png(bytestring=markup.encode(), scale=2)
    except (ValueError, etree.XMLSyntaxError):
        return None
    return Picture(
        source=io.BytesIO(png),
        width_pt=_svg_length(element.get("width")),
        height_pt=_svg_length(element.get("height")),
        alt=_alternative_text(element),
    )


def _svg_length(value: str | None) -> float | None:
    try:
        return float((value or "").removesuffix("px")) * PX_TO_PT
    except ValueError:
        return None


def _picture(element) -> Picture | None:
    source = element.get("src") or ""
    stream = None
    if source.startswith("data:"):
        header, _comma, data = source.partition(",")
        if ";base64" in header:
            try:
                stream = io.BytesIO(base64.b64decode(data))
            except (binascii.Error, ValueError):
                return None
    else:
        path = local_file(source)
        stream = str(path) if path is not None else None
    if stream is None:
        return None
    return Picture(
        source=stream,
        width_pt=_pixels(element.get("width")),
        height_pt=_pixels(element.get("height")),
        alt=element.get("alt") or "",
    )


def _pixels(value: str | None) -> float | None:
    try:
        return float(value) * PX if value else None
    except ValueError:
        return None


def _span(cell, attribute: str) -> int:
    try:
        return max(1, min(int(cell.get(attribute, 1)), 50))
    except ValueError:
        return 1


def _header_row_count(rows: list) -> int:
    """Rows of <thead>, or else the first rows made only of <th>."""
    count = 0
    for row, in_head in rows:
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        if in_head or (cells and all(cell.tag == "th" for cell in cells)):
            count += 1
        else:
            break
    return count
