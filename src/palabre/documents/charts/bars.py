"""Horizontal bars: one labelled bar per row, longest first as given, values written beside.

The label sits above its bar, over the whole width, so that long titles stay readable when the
chart shrinks to a phone's width; the value is written at the end of the bar, so the chart reads
without colours and in black and white print. Used for the results of a prioritisation round.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from . import GRID, INK, MUTED, SafeString, colour, element, nice_ticks, number, svg, text

LABEL_SIZE = 13
VALUE_SIZE = 12
ROW_HEIGHT = 40
BAR_HEIGHT = 14
PADDING = 8
VALUE_SPACE = 120  # room right of the longest bar for its value
AXIS_HEIGHT = 22
# An average character of the label font at LABEL_SIZE, to cut labels that would overflow.
CHARACTER_WIDTH = 7.2


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # written after the value, e.g. "12 voters"
    highlighted: bool = False


def _fit(label: str, width: float) -> str:
    most = max(int(width / CHARACTER_WIDTH), 4)
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    width: int = 640,
    max_value: float | None = None,
    decimals: int = 0,
) -> SafeString:
    """The chart as inline SVG; `max_value` fixes the scale (to compare several charts)."""
    top = max([bar.value for bar in bars] + [max_value or 0, 0])
    ticks = nice_ticks(0, top or 1, 4)
    scale_max = ticks[-1]
    plot_left, plot_width = PADDING, width - 2 * PADDING - VALUE_SPACE
    height = PADDING + ROW_HEIGHT * len(bars) + AXIS_HEIGHT + PADDING

    def x_of(value: float) -> float:
        return plot_left + plot_width * value / scale_max

    emphasis = any(bar.highlighted for bar in bars)
    children = []
    axis_y = PADDING + ROW_HEIGHT * len(bars)
    # Grid lines run through the bands of the bars only, never through the labels above them.
    for tick in ticks:
        x = x_of(tick)
        for index in range(len(bars)):
            band = PADDING + ROW_HEIGHT * index + LABEL_SIZE + 4
            children.append(
                element(
                    "line",
                    x1=x,
                    y1=band,
                    x2=x,
                    y2=band + BAR_HEIGHT + 4,
                    stroke=INK if tick == 0 else GRID,
                )
            )
        children.append(
            text(
                x,
                axis_y + 15,
                number(tick, decimals),
                font_size=11,
                fill=MUTED,
                text_anchor="middle",
            )
        )
    for index, bar in enumerate(bars):
        y = PADDING + ROW_HEIGHT * index
        children.append(
            text(
                plot_left,
                y + LABEL_SIZE,
                _fit(bar.label, width - 2 * PADDING),
                font_size=LABEL_SIZE,
                font_weight="bold" if bar.highlighted else None,
            )
        )
        bar_y = y + LABEL_SIZE + 6
        bar_width = max(x_of(bar.value) - plot_left, 0)
        children.append(
            element(
                "rect",
                x=plot_left,
                y=bar_y,
                width=max(bar_width, 1 if bar.value else 0),
                height=BAR_HEIGHT,
                fill=colour(0) if bar.highlighted or not emphasis else colour(5),
            )
        )
        value = number(bar.value, decimals) + (f" · {bar.note}" if bar.note else "")
        children.append(
            text(
                plot_left + bar_width + 6,
                bar_y + BAR_HEIGHT - 2,
                value,
                font_size=VALUE_SIZE,
                fill=INK,
            )
        )
    return svg(width, height, children, title=title, description=description)
