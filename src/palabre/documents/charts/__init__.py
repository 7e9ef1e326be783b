"""Server-side SVG charts: the same chart on a page, in a PDF (WeasyPrint draws inline SVG) and in
a DOCX (the Word writer turns inline SVG into a picture).

Each kind of chart has its module here (timeline, bars, scatter…) built on these primitives, which
escape every text, give the chart an accessible name and use colours that stay distinct for
colour-blind readers and in black and white print.
"""

import math
from collections.abc import Iterable

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000"]
INK = "#1d1d1b"
MUTED = "#6b6b6b"
GRID = "#d9d4cc"
LATE = "#b3261e"
FONT = "DejaVu Sans, Verdana, sans-serif"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _attributes(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = f"{value:.2f}".rstrip("0").rstrip(".")
        parts.append(f'{name}="{escape(str(value))}"')
    return " ".join(parts)


def element(tag: str, content: str | Iterable[str] = "", /, **attrs) -> str:
    """An SVG element; `content` is markup from other calls (text is escaped by `text`).
    Attribute names use `_` for `-` (`stroke_width`) and a trailing `_` for keywords (`class_`)."""
    inner = content if isinstance(content, str) else "".join(content)
    opening = f"<{tag} {_attributes(attrs)}".rstrip()
    return f"{opening}>{inner}</{tag}>" if inner else f"{opening}/>"


def text(x: float, y: float, content: str, /, **attrs) -> str:
    attrs.setdefault("fill", INK)
    attrs.setdefault("font_size", 12)
    return element("text", escape(content), x=float(x), y=float(y), **attrs)


def svg(width: int, height: int, children: Iterable[str], *, title: str, description: str = ""):
    """The whole chart, with a title (and description) that screen readers announce."""
    heading = element("title", escape(title))
    if description:
        heading += element("desc", escape(description))
    body = "".join(children)
    return mark_safe(  # noqa: S308 - every text and attribute above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="{FONT}" '
        f'class="chart">{heading}{body}</svg>'
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values covering [low, high] for an axis (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def number(value: float, decimals: int = 0) -> str:
    """A number as the reader's language writes it (spaces or commas between thousands)."""
    return number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)


__all__ = [
    "FONT",
    "GRID",
    "INK",
    "LATE",
    "MUTED",
    "PALETTE",
    "SafeString",
    "colour",
    "element",
    "nice_ticks",
    "number",
    "svg",
    "text",
]
