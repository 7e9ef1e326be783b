"""The shared SVG primitives, and charts that reach Word documents as pictures."""

import io

import docx
import pytest
from django.utils import translation

from palabre.documents.charts import element, nice_ticks, number, svg, text
from palabre.documents.rendering import html_to_pdf
from palabre.documents.services import html_to_docx

from .utils import pdf_text


def bar_chart() -> str:
    bars = [
        element("rect", x=10, y=10 + 30 * i, width=40 * (i + 1), height=20, fill="#0072B2")
        for i in range(3)
    ]
    labels = [text(200, 25 + 30 * i, f"Thème n° {i + 1} <priorité>") for i in range(3)]
    return svg(320, 110, [*bars, *labels], title="Résultats du tour", description="Trois thèmes")


def test_texts_are_escaped_and_the_chart_has_an_accessible_name():
    chart = bar_chart()
    assert "&lt;priorité&gt;" in chart and "<priorité>" not in chart
    assert 'role="img"' in chart and "<title>Résultats du tour</title>" in chart
    assert 'viewBox="0 0 320 110"' in chart
    assert element("line", stroke_width=2, class_="axis") == (
        '<line stroke-width="2" class="axis"/>'
    )


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (0, 7, [0, 2, 4, 6, 8]),
        (3, 3, [3, 3.2, 3.4, 3.6, 3.8, 4]),
    ],
)
def test_axis_ticks_are_round_numbers_covering_the_range(low, high, expected):
    assert nice_ticks(low, high) == pytest.approx(expected)


def test_numbers_are_written_in_the_readers_language():
    with translation.override("fr"):
        assert number(1234567) == "1\xa0234\xa0567"
    with translation.override("en"):
        assert number(1234567.891, 1) == "1,234,567.9"


def page(chart: str) -> str:
    return f"<html><body><h1>Tour de priorisation</h1><p>Avant</p>{chart}<p>Après</p></body></html>"


def test_a_chart_in_a_word_document_becomes_a_picture_at_its_size():
    document = docx.Document(io.BytesIO(html_to_docx(page(bar_chart()))))
    (shape,) = document.inline_shapes
    assert round(shape.width.pt) == 240  # 320 px
    texts = [p.text for p in document.paragraphs]
    assert "Avant" in texts and "Après" in texts
    assert not any("priorité" in t for t in texts), "the chart's labels are in the picture"


def test_the_pdf_draws_the_chart_with_its_labels():
    assert "Thème n° 2 <priorité>" in pdf_text(html_to_pdf(page(bar_chart())))
