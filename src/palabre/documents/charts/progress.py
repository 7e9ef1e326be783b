"""Progress towards a target: a value per period as columns, and a single progress bar.

Every value is written above its column and the target is a labelled dashed line, so the chart
reads without colours and in black and white print. A period without a value (None) leaves a gap
marked "–", never a zero column that would be read as a measured zero.
"""

from django.utils.translation import pgettext

from . import GRID, INK, MUTED, SafeString, colour, element, nice_ticks, number, svg, text

WIDTH = 640
HEIGHT = 240
PADDING = 8
AXIS_WIDTH = 48  # room left of the plot for the scale
LABEL_HEIGHT = 22  # room under the plot for the period codes
VALUE_SIZE = 12
# Short, so that a card on a phone shrinks it little and its label stays readable.
BAR_WIDTH = 220
BAR_HEIGHT = 18


def _decimals(values: list[float]) -> int:
    return 0 if all(float(value).is_integer() for value in values) else 1


def over_time(
    points: list[tuple[str, float | None]],
    *,
    target: float | None,
    title: str,
    description: str = "",
    unit_suffix: str = "",
) -> SafeString:
    """One column per (period label, value); the target, when given, as a labelled line."""
    known = [value for _, value in points if value is not None]
    decimals = _decimals(known + ([target] if target is not None else []))
    top = max(known + [target or 0, 0])
    low = min(known + [0])
    ticks = nice_ticks(low, top or 1, 4)
    scale_low, scale_high = ticks[0], ticks[-1]
    plot_left = PADDING + AXIS_WIDTH
    plot_right = WIDTH - PADDING
    plot_top = PADDING + VALUE_SIZE + 6
    plot_bottom = HEIGHT - PADDING - LABEL_HEIGHT
    slot = (plot_right - plot_left) / max(len(points), 1)
    column = min(slot * 0.6, 64)

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * (value - scale_low) / (
            scale_high - scale_low
        )

    children = []
    for tick in ticks:
        y = y_of(tick)
        children.append(
            element(
                "line", x1=plot_left, y1=y, x2=plot_right, y2=y, stroke=INK if tick == 0 else GRID
            )
        )
        children.append(
            text(
                plot_left - 6,
                y + 4,
                number(tick, decimals),
                font_size=11,
                fill=MUTED,
                text_anchor="end",
            )
        )
    zero = y_of(max(scale_low, 0))
    for index, (label, value) in enumerate(points):
        centre = plot_left + slot * index + slot / 2
        children.append(
            text(
                centre, HEIGHT - PADDING - 6, label, font_size=11, fill=MUTED, text_anchor="middle"
            )
        )
        if value is None:
            children.append(
                text(centre, zero - 6, "–", font_size=VALUE_SIZE, fill=MUTED, text_anchor="middle")
            )
            continue
        y = y_of(value)
        children.append(
            element(
                "rect",
                x=centre - column / 2,
                y=min(y, zero),
                width=column,
                height=max(abs(zero - y), 1 if value else 0),
                fill=colour(0),
            )
        )
        children.append(
            text(
                centre,
                min(y, zero) - 5,
                number(value, decimals) + unit_suffix,
                font_size=VALUE_SIZE,
                text_anchor="middle",
            )
        )
    if target is not None:
        y = y_of(target)
        children.append(
            element(
                "line",
                x1=plot_left,
                y1=y,
                x2=plot_right,
                y2=y,
                stroke=colour(4),
                stroke_width=2,
                stroke_dasharray="6 4",
                class_="chart-target",
            )
        )
        children.append(
            text(
                plot_right,
                y - 4,
                f"{pgettext('chart line', 'Target')} {number(target, decimals)}{unit_suffix}",
                font_size=11,
                fill=INK,
                text_anchor="end",
            )
        )
    return svg(WIDTH, HEIGHT, children, title=title, description=description)


def progress_bar(value: float | None, target: float | None, *, title: str) -> SafeString:
    """How far `value` has come towards `target`, written as a percentage beside the bar."""
    width = BAR_WIDTH + 64
    height = BAR_HEIGHT + 2 * PADDING
    measured = value is not None and bool(target)
    share = max(min(value / target, 1.0), 0.0) if measured else 0.0
    children = [
        element(
            "rect", x=1, y=PADDING, width=BAR_WIDTH, height=BAR_HEIGHT, fill="#ffffff", stroke=INK
        ),
        element("rect", x=1, y=PADDING, width=BAR_WIDTH * share, height=BAR_HEIGHT, fill=colour(2)),
    ]
    label = f"{number(100 * value / target)} %" if measured else "–"
    children.append(text(BAR_WIDTH + 8, PADDING + BAR_HEIGHT - 4, label, font_size=VALUE_SIZE))
    return svg(width, height, children, title=title)
