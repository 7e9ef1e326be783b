"""A scatter chart of points in groups: the opinion map of a consultation, for instance.

Each group (series) has its colour and its own marker shape, so that groups stay apart for
colour-blind readers and in black and white print; a group's centre may be marked with its short
label. Both axes share one scale, because distances on such a map mean something; the axes
themselves carry no unit, hence no ticks.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import mark_safe

from . import GRID, INK, MUTED, colour, element, svg, text

MARGIN = 16
LEGEND_LINE = 22
SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down"]


@dataclass(frozen=True)
class Series:
    label: str  # the legend's words, e.g. "Group A: 120 participants"
    short: str = ""  # written on the centre's marker, e.g. "A"
    centre: tuple[float, float] | None = None


def marker(shape: str, x: float, y: float, size: float, **attrs) -> str:
    """A marker of `size` (its width) centred on (x, y)."""
    half = size / 2
    if shape == "square":
        half *= 0.9
        return element("rect", x=x - half, y=y - half, width=2 * half, height=2 * half, **attrs)
    if shape in ("triangle", "triangle-down"):
        tip, base = (-half, half * 0.8) if shape == "triangle" else (half, -half * 0.8)
        return _polygon([(x, y + tip), (x + half, y + base), (x - half, y + base)], **attrs)
    if shape == "diamond":
        return _polygon([(x, y - half), (x + half, y), (x, y + half), (x - half, y)], **attrs)
    return element("circle", cx=x, cy=y, r=half, **attrs)


def _polygon(corners, **attrs) -> str:
    d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in corners) + "Z"
    return element("path", d=d, **attrs)


def shape_of(index: int) -> str:
    return SHAPES[index % len(SHAPES)]


def scatter(
    points: Sequence[tuple[float, float, int]],
    *,
    series: Sequence[Series],
    title: str,
    description: str = "",
    width: int = 640,
    height: int = 420,
    point_size: float = 7,
    empty_text: str = "",
    legend: bool = True,
):
    """`points` are (x, y, series index); the legend goes under the plot, one line per series
    (a page may leave it out and write it as text beside, see `swatch`)."""
    legend_height = LEGEND_LINE * len(series) + 8 if series and legend else 0
    total_height = height + legend_height
    plot = element(
        "rect",
        x=0.5,
        y=0.5,
        width=width - 1,
        height=height - 1,
        fill="#ffffff",
        stroke=GRID,
    )
    children = [plot]
    centres = [s.centre for s in series if s.centre is not None]
    xs = [p[0] for p in points] + [c[0] for c in centres]
    ys = [p[1] for p in points] + [c[1] for c in centres]
    if not xs:
        children.append(
            text(width / 2, height / 2, empty_text, text_anchor="middle", fill=MUTED, font_size=14)
        )
    else:
        project = _projection(xs, ys, width, height)
        children.extend(_crosshair(project, xs, ys, width, height))
        children.extend(_points(points, project, len(series), point_size))
        children.extend(_centres(series, project))
    if legend:
        children.extend(_legend(series, height, point_size))
    return svg(width, total_height, children, title=title, description=description)


def swatch(index: int, size: int = 14):
    """The marker of series `index` alone, to put before its name in a legend written in HTML."""
    shape = marker(shape_of(index), size / 2, size / 2, size - 2, fill=colour(index))
    return mark_safe(  # noqa: S308 - numbers and a colour of our palette only
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" aria-hidden="true" focusable="false">{shape}</svg>'
    )


def _projection(xs, ys, width, height):
    """Same scale on both axes, the cloud centred in the plot, a margin all round."""
    low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = max(high_x - low_x, 1e-9), max(high_y - low_y, 1e-9)
    scale = min((width - 2 * MARGIN) / span_x, (height - 2 * MARGIN) / span_y)
    if high_x - low_x < 1e-9 and high_y - low_y < 1e-9:
        scale = 1.0
    middle_x, middle_y = (low_x + high_x) / 2, (low_y + high_y) / 2

    def project(x: float, y: float) -> tuple[float, float]:
        return width / 2 + (x - middle_x) * scale, height / 2 - (y - middle_y) * scale

    return project


def _crosshair(project, xs, ys, width, height) -> list[str]:
    """Light lines through the origin (the average participant), when it is on the plot."""
    lines = []
    origin_x, origin_y = project(0, 0)
    dash = {"stroke": GRID, "stroke_width": 1, "stroke_dasharray": "4 4"}
    if 0 < origin_x < width:
        lines.append(element("line", x1=origin_x, y1=1, x2=origin_x, y2=height - 1, **dash))
    if 0 < origin_y < height:
        lines.append(element("line", x1=1, y1=origin_y, x2=width - 1, y2=origin_y, **dash))
    return lines


def _points(points, project, series_count: int, size: float) -> list[str]:
    by_series: dict[int, list[str]] = {}
    for x, y, index in points:
        px, py = project(x, y)
        by_series.setdefault(int(index), []).append(marker(shape_of(index), px, py, size))
    return [
        element(
            "g",
            markers,
            fill=colour(index),
            fill_opacity=0.55,
            stroke=colour(index),
            stroke_opacity=0.9,
            stroke_width=0.6,
        )
        for index, markers in sorted(by_series.items())
    ]


def _centres(series, project) -> list[str]:
    drawn = []
    for index, item in enumerate(series):
        if item.centre is None:
            continue
        x, y = project(*item.centre)
        drawn.append(
            element(
                "g",
                [
                    element(
                        "circle",
                        cx=x,
                        cy=y,
                        r=12,
                        fill="#ffffff",
                        stroke=colour(index),
                        stroke_width=3,
                    ),
                    text(
                        x,
                        y + 4.5,
                        item.short,
                        text_anchor="middle",
                        font_size=13,
                        font_weight="bold",
                        fill=INK,
                    ),
                ],
            )
        )
    return drawn


def _legend(series, top: float, size: float) -> list[str]:
    items = []
    for index, item in enumerate(series):
        y = top + 8 + LEGEND_LINE * index + LEGEND_LINE / 2
        items.append(
            marker(
                shape_of(index),
                MARGIN + size,
                y,
                size * 1.6,
                fill=colour(index),
                stroke=colour(index),
            )
        )
        items.append(text(MARGIN + 2.5 * size + 6, y + 4.5, item.label, font_size=13))
    return items
