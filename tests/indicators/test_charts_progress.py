"""The over-time chart and the progress bar that the dashboard, the indicator page and the
documents draw."""

import re

from palabre.documents.charts.progress import over_time, progress_bar


def test_labels_and_title_are_escaped():
    chart = over_time(
        [("<S1>", 3.0), ("S2 & co", 5.0)], target=None, title="Participants <b>", description="d&d"
    )
    assert "&lt;S1&gt;" in chart and "<S1>" not in chart
    assert "S2 &amp; co" in chart
    assert "<title>Participants &lt;b&gt;</title>" in chart
    assert "<desc>d&amp;d</desc>" in chart


def test_a_missing_value_is_a_gap_not_a_zero_column():
    chart = over_time(
        [("2025-S1", 4.0), ("2025-S2", None), ("2026-S1", 6.0)], target=None, title="t"
    )
    assert chart.count("<rect") == 2
    assert ">–</text>" in chart
    # The values are written as text above their columns.
    assert ">4</text>" in chart and ">6</text>" in chart


def test_the_target_is_a_labelled_line():
    chart = over_time([("2026-S1", 120.0)], target=500, title="t", unit_suffix=" %")
    assert 'class="chart-target"' in chart
    assert re.search(r">Target 500 %</text>", chart)
    without = over_time([("2026-S1", 120.0)], target=None, title="t")
    assert "chart-target" not in without


def test_the_progress_bar_states_the_share_in_words_and_stops_at_full():
    half = progress_bar(250, 500, title="Participants")
    assert ">50 %</text>" in half
    over = progress_bar(800, 500, title="Participants")
    assert ">160 %</text>" in over
    assert 'width="220"' in over.split("<rect", 2)[2]  # the filled part is never wider than the bar
    assert ">–</text>" in progress_bar(None, 500, title="t")
