"""The timeline chart on its own: bars where the dates say, filled by progress, late rows in red
with a word, a line for today, month ticks, escaped and truncated labels."""

import datetime as dt
import re

from palabre.documents.charts import LATE
from palabre.documents.charts.timeline import TimelineRow, timeline

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def bars(svg: str) -> list[dict]:
    """The rectangles drawn with a stroke (the bars' tracks), as dicts of their attributes."""
    found = []
    for match in re.finditer(r"<rect ([^>]*stroke=[^>]*)/>", svg):
        found.append(dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1))))
    return found


def test_a_bar_runs_from_start_to_end_and_is_filled_by_progress():
    chart = timeline(
        [
            TimelineRow("1. Premier semestre", dt.date(2026, 1, 1), dt.date(2026, 7, 1), 50),
            TimelineRow("2. Second semestre", dt.date(2026, 7, 1), dt.date(2026, 12, 31), 0),
        ],
        start=START,
        end=END,
        title="Plan 2026",
    )
    first, second = bars(chart)
    assert float(first["x"]) < float(second["x"])
    assert abs(float(first["x"]) + float(first["width"]) - float(second["x"])) < 0.01
    # Half of the first bar is filled.
    filled = re.search(
        r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="12" fill="#0072B2"', chart
    )
    assert abs(float(filled.group(2)) - float(first["width"]) / 2) < 0.02
    assert "<title>Plan 2026</title>" in chart


def test_late_rows_are_red_and_say_so_and_today_is_drawn():
    chart = timeline(
        [TimelineRow("3. En retard", dt.date(2026, 2, 1), dt.date(2026, 4, 1), 30, True, "Late")],
        start=START,
        end=END,
        today=dt.date(2026, 5, 2),
        title="Plan",
    )
    assert LATE in chart and ">Late</text>" in chart
    assert ">Today</text>" in chart and 'stroke-dasharray="4 3"' in chart


def test_today_outside_the_window_draws_no_line():
    chart = timeline([], start=START, end=END, today=dt.date(2027, 3, 1), title="Plan")
    assert ">Today</text>" not in chart


def test_month_ticks_and_years():
    chart = timeline([], start=dt.date(2025, 11, 15), end=dt.date(2026, 3, 31), title="Plan")
    assert (
        ">Nov.</text>" not in chart and ">Dec.</text>" in chart
    )  # the window starts after the 1st of November
    assert ">2025</text>" in chart and ">2026</text>" in chart  # at December, at January
    assert chart.count("<line") >= 4  # December, January, February, March (+ the base line)
    long = timeline([], start=dt.date(2024, 1, 1), end=dt.date(2027, 12, 31), title="Plan")
    month_labels = re.findall(r'font-size="10" fill="#6b6b6b">([^<]+)</text>', long)
    assert 0 < len(month_labels) <= 16


def test_labels_are_escaped_and_truncated_and_undated_rows_say_so():
    chart = timeline(
        [
            TimelineRow("<script>alert(1)</script>", None, None),
            TimelineRow(
                "Un intitulé d'action beaucoup trop long pour tenir dans la colonne", START, END
            ),
        ],
        start=START,
        end=END,
        title="Plan",
    )
    assert "<script>" not in chart and "&lt;script&gt;" in chart
    assert ">No dates</text>" in chart
    assert "…</text>" in chart
    # The whole label stays available to screen readers and on hover.
    assert "beaucoup trop long pour tenir dans la colonne" in chart
