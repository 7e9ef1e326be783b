"""The bar chart of a round's results: server-side SVG, readable without colours (values written),
accessible (title and description), escaped, the same markup on the page and in documents."""

import re

import cairosvg

from palabre.documents.charts.bars import Bar, horizontal_bars


def bars_of(svg: str) -> list[float]:
    return [float(width) for width in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]


def test_bars_are_proportional_and_their_values_written():
    svg = horizontal_bars(
        [Bar("1. Cacao", 100, "12 voters"), Bar("2. Pêche", 50, "8 voters"), Bar("3. Port", 0)],
        title="All voters: points given per theme",
        description="20 ballots",
    )

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<title>All voters: points given per theme</title><desc>20 ballots</desc>" in svg
    assert 'role="img"' in svg
    cocoa, fish, port = bars_of(svg)
    assert cocoa == 2 * fish and port == 0
    assert (
        ">100 · 12 voters</text>" in svg and ">50 · 8 voters</text>" in svg and ">0</text>" in svg
    )
    # One row per bar, whatever the number of bars.
    assert re.search(r'height="(\d+)"', svg).group(1) == str(8 + 3 * 40 + 22 + 8)


def test_labels_are_escaped_and_long_ones_cut():
    svg = horizontal_bars(
        [Bar("<script>alert(1)</script> & co", 3), Bar("x" * 300, 2)], title="Titre <b>", width=400
    )

    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; co" in svg
    assert "<title>Titre &lt;b&gt;</title>" in svg
    assert "x" * 300 not in svg and "…" in svg


def test_the_first_themes_stand_out_when_asked():
    svg = horizontal_bars(
        [Bar("A", 9, highlighted=True), Bar("B", 5), Bar("C", 1)], title="Résultats"
    )

    fills = re.findall(r'<rect [^>]*fill="(#[0-9A-Fa-f]{6})"', svg)
    assert fills[0] != fills[1] == fills[2]
    assert svg.count('font-weight="bold"') == 1


def test_the_chart_draws_as_a_picture_for_the_docx_writer():
    svg = horizontal_bars([Bar("Cacao", 7), Bar("Pêche", 3)], title="Résultats")

    png = cairosvg.svg2png(bytestring=str(svg).encode())

    assert png.startswith(b"\x89PNG")
