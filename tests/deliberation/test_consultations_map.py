"""The opinion map as SVG: accessible, escaped, one shape and colour per group, legend, scaled to
fit; and it survives the trip to Word as a picture."""

import re

from palabre.documents.charts import PALETTE
from palabre.documents.charts.scatter import Series, scatter
from palabre.documents.word import html_to_docx

SERIES = [
    Series("Group A: 3 participants", "A", (-1.0, 0.0)),
    Series("Group B: 2 participants", "B", (2.0, 1.0)),
]
POINTS = [(-1.2, 0.1, 0), (-0.9, -0.2, 0), (-1.0, 0.2, 0), (2.1, 1.1, 1), (1.9, 0.8, 1)]


def test_the_map_is_an_accessible_picture_with_a_legend():
    chart = scatter(
        POINTS, series=SERIES, title="Opinion map", description="Each dot is a participant."
    )
    assert chart.startswith("<svg") and 'role="img"' in chart
    assert "<title>Opinion map</title><desc>Each dot is a participant.</desc>" in chart
    assert "Group A: 3 participants" in chart and "Group B: 2 participants" in chart
    # Group A is drawn as circles, group B as squares, each in its own colour.
    assert f'fill="{PALETTE[0]}"' in chart and f'fill="{PALETTE[1]}"' in chart
    assert chart.count("<circle") >= 3 + 2  # three dots of A, and the two centres
    assert chart.count("<rect") >= 1 + 2  # the frame, and the two dots of B
    assert ">A</text>" in chart and ">B</text>" in chart


def test_every_point_and_centre_lies_inside_the_plot():
    chart = scatter(POINTS, series=SERIES, title="t", width=300, height=200)
    circles = re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"', chart)
    dots_and_centres = [(x, y) for x, y, r in circles if r in ("3.5", "12")]
    assert len(dots_and_centres) == 3 + 2
    for x, y in dots_and_centres:
        assert 0 <= float(x) <= 300 and 0 <= float(y) <= 200
    assert 'viewBox="0 0 300 ' in chart


def test_text_is_escaped():
    chart = scatter(
        [(0, 0, 0)], series=[Series("<script>alert(1)</script>", "&")], title="a < b & c"
    )
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert "<title>a &lt; b &amp; c</title>" in chart


def test_an_empty_map_says_so():
    chart = scatter([], series=[], title="Opinion map", empty_text="No participant yet")
    assert "No participant yet" in chart


def test_the_map_becomes_a_picture_in_word():
    chart = scatter(POINTS, series=SERIES, title="Opinion map")
    data = html_to_docx(f"<html><body><h1>Carte</h1>{chart}</body></html>")
    assert b"word/media/" in data
