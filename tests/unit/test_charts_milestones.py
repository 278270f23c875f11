"""Figures of the milestones: the timeline by horizon and progress against time."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from cxdash.charts import milestones as charts
from cxdash.charts.palette import BAD, GOOD, MUTED, WARN
from cxdash.evidence import milestones

COLUMNS = {
    c: c.upper()
    for c in ("objective", "owner", "start_date", "due_date", "status", "progress", "kpi")
}


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "objective": ["Grow", "Grow", "Serve"],
            "milestone": ["Launch the app", "NPS of 40", "Chat " + "x" * 60],
            "kpi": [None, "nps", "fcr"],
            "target": [None, 40.0, 65.0],
            "horizon": ["1y", "3y", "1y"],
            "owner": ["CMO", "CX", "Service"],
            "start_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2025-03-01"]),
            "due_date": pd.to_datetime(["2025-06-30", "2027-12-31", "2025-12-31"]),
            "status": ["done", "at risk", "Off track"],
            "progress": [100.0, 30.0, None],
        }
    )


def test_timeline_draws_one_bar_per_milestone_coloured_by_horizon():
    dated = milestones.timeline(_frame())
    fig = charts.timeline(
        dated,
        title="By horizon",
        horizon_labels={"1y": "One year", "3y": "Three years"},
        column_labels=COLUMNS,
        as_of=dt.date(2025, 9, 30),
        as_of_label="today",
    )
    assert fig.layout.title.text == "By horizon"
    assert [t.name for t in fig.data] == ["One year", "Three years"]
    one_year = fig.data[0]
    assert one_year.marker.color == charts.HORIZON_COLORS["1y"]
    assert fig.data[1].marker.color == charts.HORIZON_COLORS["3y"]
    assert list(one_year.base) == ["2025-01-01", "2025-03-01"]
    # Launch: Jan 1 to Jun 30, both days included, in milliseconds.
    assert one_year.x[0] == 181 * 86_400_000
    assert list(one_year.text) == ["100%", ""]
    assert one_year.y[1].endswith("…")
    assert one_year.customdata[0][0] == "Launch the app"
    assert "OBJECTIVE" in one_year.hovertemplate
    assert fig.layout.shapes[0].x0 == "2025-09-30"
    assert fig.layout.annotations[0].text == "today"


def test_progress_bars_take_the_status_colour_and_mark_the_time_elapsed():
    bars = milestones.progress(_frame(), dt.date(2025, 9, 30))
    fig = charts.progress_bars(
        bars,
        title="Progress",
        progress_label="Progress",
        expected_label="Elapsed",
        column_labels=COLUMNS,
        no_status="no status",
    )
    by_name = {t.name: t for t in fig.data}
    assert by_name["done"].marker.color == GOOD
    assert by_name["at risk"].marker.color == WARN
    assert by_name["Off track"].marker.color == BAD
    assert list(by_name["Off track"].x) == [0.0]
    elapsed = by_name["Elapsed"]
    assert elapsed.mode == "markers" and elapsed.marker.symbol == "line-ns"
    assert elapsed.x[0] == 100.0  # the launch was due in June
    assert fig.layout.title.text == "Progress"
    assert "Elapsed" in by_name["done"].hovertemplate


def test_unknown_statuses_are_grey_and_named_as_written():
    frame = _frame().assign(status=["paused", None, "paused"])
    fig = charts.progress_bars(
        milestones.progress(frame, dt.date(2025, 9, 30)),
        title="P",
        progress_label="P",
        expected_label="E",
        column_labels=COLUMNS,
        no_status="no status",
    )
    names = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    assert names == {"paused": MUTED, "no status": MUTED}


def test_short_cuts_long_labels_only():
    assert charts.short("short") == "short"
    assert len(charts.short("y" * 100)) == 42
