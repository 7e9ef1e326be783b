"""A timeline (Gantt-like) chart: one row per item, a bar from its start to its end filled in
proportion to its progress, late items in red with a word that says so, month ticks and a line
for today. Labels sit on the left; the chart scales with the page (a scroll container keeps it
readable on a phone).

    timeline(
        [TimelineRow("1. Ouvrir le guichet", date(2026, 1, 15), date(2026, 6, 30), 40)],
        start=date(2026, 1, 1), end=date(2026, 12, 31), today=date(2026, 5, 2),
        title="Plan 2026",
    )
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import GRID, INK, LATE, MUTED, SafeString, colour, element, svg, text

ROW_HEIGHT = 26
BAR_HEIGHT = 12
TOP = 40  # month labels, year labels and the "today" label
BOTTOM = 10
FONT_SIZE = 11
CHAR_WIDTH = 0.6 * FONT_SIZE  # a generous average, so that truncated labels never overlap
TRACK = "#ece8e1"
LATE_TRACK = "#f6d6d3"
CANCELLED = "#9a948c"


@dataclass
class TimelineRow:
    label: str
    start: dt.date | None
    end: dt.date | None
    progress: int | None = None  # 0–100; None draws the bar without a fill
    late: bool = False
    note: str = ""  # a word after the bar, e.g. "Late"
    muted: bool = False  # drawn in grey, e.g. a cancelled item
    done: bool = False  # drawn in green


def _truncate(label: str, width: float) -> str:
    room = max(int(width / CHAR_WIDTH), 4)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    first = dt.date(start.year, start.month, 1)
    if first < start:
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    months = []
    while first <= end:
        months.append(first)
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return months


def timeline(
    rows: Sequence[TimelineRow],
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    title: str,
    description: str = "",
    width: int = 780,
    label_width: int = 240,
) -> SafeString:
    """The chart as inline SVG markup. The window runs from `start` to `end`; bars outside it are
    cut at its edges. Rows without dates say so instead of drawing a bar."""
    if end <= start:
        end = start + dt.timedelta(days=1)
    left, right = label_width + 8, width - 12
    span_days = (end - start).days

    def x_of(day: dt.date) -> float:
        day = min(max(day, start), end)
        return left + (right - left) * (day - start).days / span_days

    height = TOP + ROW_HEIGHT * max(len(rows), 1) + BOTTOM
    bottom = height - BOTTOM
    children = [element("rect", x=0, y=0, width=width, height=height, fill="#ffffff")]

    # Month ticks: every month when there is room, otherwise every second, third or sixth.
    months = _months(start, end)
    step = next(n for n in (1, 2, 3, 6, 12) if len(months) / n <= 14)
    for index, month in enumerate(months):
        x = x_of(month)
        children.append(element("line", x1=x, y1=TOP - 14, x2=x, y2=bottom, stroke=GRID))
        if index % step == 0:
            children.append(text(x + 3, TOP - 4, date_format(month, "N"), font_size=10, fill=MUTED))
        if month.month == 1 or index == 0:
            children.append(
                text(x + 3, 12, str(month.year), font_size=10, fill=INK, font_weight="bold")
            )
    children.append(element("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=GRID))

    for index, row in enumerate(rows):
        children.append(_row(row, index, x_of, left, right, label_width))

    if today is not None and start <= today <= end:
        x = x_of(today)
        children.append(
            element(
                "line",
                x1=x,
                y1=TOP - 16,
                x2=x,
                y2=bottom,
                stroke=INK,
                stroke_width=1.5,
                stroke_dasharray="4 3",
            )
        )
        label = _("Today")
        anchor = "end" if x + len(label) * CHAR_WIDTH > width else "start"
        children.append(
            text(
                x + (-3 if anchor == "end" else 3),
                TOP - 18,
                label,
                font_size=10,
                font_weight="bold",
                text_anchor=anchor,
            )
        )
    return svg(width, height, children, title=title, description=description)


def _row(row: TimelineRow, index: int, x_of, left: float, right: float, label_width) -> str:
    top = TOP + index * ROW_HEIGHT
    middle = top + ROW_HEIGHT / 2
    parts = []
    if index % 2:
        parts.append(
            element("rect", x=0, y=top, width=right + 12, height=ROW_HEIGHT, fill="#faf8f4")
        )
    label_colour = LATE if row.late else (MUTED if row.muted else INK)
    parts.append(
        text(
            4,
            middle + 4,
            _truncate(row.label, label_width - 8),
            font_size=FONT_SIZE,
            fill=label_colour,
            font_weight="bold" if row.late else None,
        )
    )
    if row.start is None and row.end is None:
        parts.append(text(left + 2, middle + 4, _("No dates"), font_size=10, fill=MUTED))
        return element("g", parts)
    begin = row.start or row.end
    finish = row.end or row.start
    x1, x2 = x_of(begin), x_of(finish)
    if x2 - x1 < 3:
        x2 = x1 + 3
    bar_top = middle - BAR_HEIGHT / 2
    fill = LATE if row.late else CANCELLED if row.muted else colour(2) if row.done else colour(0)
    parts.append(
        element(
            "rect",
            x=x1,
            y=bar_top,
            width=x2 - x1,
            height=BAR_HEIGHT,
            fill=LATE_TRACK if row.late else TRACK,
            stroke=fill,
            stroke_width=1,
            rx=2,
        )
    )
    if row.progress:
        done = (x2 - x1) * min(max(row.progress, 0), 100) / 100
        parts.append(
            element("rect", x=x1, y=bar_top, width=done, height=BAR_HEIGHT, fill=fill, rx=2)
        )
    if row.note:
        note_width = len(row.note) * CHAR_WIDTH
        if x2 + 4 + note_width <= right + 12:
            x, anchor = x2 + 4, "start"
        elif x1 - 4 - note_width >= left:
            x, anchor = x1 - 4, "end"
        else:
            x, anchor = right, "end"
        parts.append(
            text(
                x,
                middle + 4,
                row.note,
                font_size=10,
                fill=LATE if row.late else MUTED,
                font_weight="bold" if row.late else None,
                text_anchor=anchor,
            )
        )
    described = row.label
    if row.progress is not None:
        described += f" — {row.progress} %"
    if row.note:
        described += f" — {row.note}"
    return element("g", [element("title", escape(described)), *parts])
