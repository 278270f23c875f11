import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from cxdash.charts import service as figures
from cxdash.charts.palette import BAD, HIGHLIGHT, WARN, channel_color

BUCKETS = {
    "under_1h": "under 1 h",
    "1_4h": "1-4 h",
    "over_3d": "over 3 days",
    "unresolved": "not resolved",
}


@pytest.fixture
def monthly():
    months = pd.to_datetime(["2024-02-01", "2024-03-01"])
    return pd.DataFrame(
        {
            "month": list(months) * 2,
            "channel": ["phone", "phone", "chat", "chat"],
            "tickets": [1, 2, 0, 5],
        }
    )


def test_tickets_by_month_stacks_one_trace_per_channel_in_its_colour(monthly):
    fig = figures.tickets_by_month(
        monthly, title="Tickets by month", value_label="Tickets", channel_label="Channel"
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["phone", "chat"]
    assert [t.marker.color for t in fig.data] == [channel_color("phone"), channel_color("chat")]
    assert list(fig.data[1].y) == [0, 5]
    assert fig.layout.title.text == "Tickets by month"
    assert fig.layout.yaxis.title.text == "Tickets"
    assert all("Channel: " in t.hovertemplate for t in fig.data)


def test_resolution_times_groups_channel_shares_per_bucket_in_bucket_order():
    frame = pd.DataFrame(
        {
            "channel": ["email"] * 4 + ["chat"] * 4,
            "bucket": list(BUCKETS) * 2,
            "tickets": [0, 1, 3, 0, 4, 0, 0, 0],
            "share": [0.0, 25.0, 75.0, 0.0, 100.0, 0.0, 0.0, 0.0],
        }
    )
    fig = figures.resolution_times(
        frame,
        title="Resolution",
        bucket_labels=BUCKETS,
        share_label="Share",
        tickets_label="Tickets",
        channel_label="Channel",
    )
    assert fig.layout.barmode == "group"
    email = fig.data[0]
    assert email.name == "email" and email.marker.color == channel_color("email")
    assert list(email.y) == [0.0, 25.0, 75.0, 0.0]
    # Long labels wrap onto two lines so that narrow charts keep them apart.
    assert list(email.x) == ["under 1 h", "1-4 h", "over 3<br>days", "not<br>resolved"]
    assert list(fig.layout.xaxis.categoryarray) == list(email.x)
    assert [row[0] for row in email.customdata] == [0, 1, 3, 0]
    assert "Tickets" in email.hovertemplate and "Share" in email.hovertemplate


def test_resolution_rates_draws_both_measures_in_channel_colours():
    frame = pd.DataFrame(
        {
            "channel": ["phone", "email"],
            "tickets": [10, 4],
            "fcr": [60.0, 25.0],
            "same_day_resolution_rate": [70.0, 0.0],
        }
    )
    fig = figures.resolution_rates(
        frame,
        title="Rates",
        fcr_label="FCR",
        same_day_label="Same day",
        share_label="Share",
        tickets_label="Tickets",
    )
    drawn = [t for t in fig.data if t.showlegend is False]
    legend = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in drawn] == ["FCR", "Same day"]
    assert list(drawn[0].y) == [60.0, 25.0] and list(drawn[1].y) == [70.0, 0.0]
    assert list(drawn[0].marker.color) == [channel_color("phone"), channel_color("email")]
    assert drawn[1].marker.pattern.shape == "/"
    assert [t.name for t in legend] == ["FCR", "Same day"]
    assert all(t.hovertemplate and "Tickets" in t.hovertemplate for t in drawn)
    assert tuple(fig.layout.yaxis.range) == (0, 100)


def test_open_backlog_stacks_ages_youngest_first_with_warming_colours():
    months = pd.to_datetime(["2024-02-01", "2024-03-01"])
    frame = pd.DataFrame(
        {
            "month": [months[0]] * 3 + [months[1]] * 3,
            "age": ["under_7d", "7_30d", "over_30d"] * 2,
            "tickets": [1, 0, 2, 3, 1, 4],
        }
    )
    labels = {"under_7d": "< 7 days", "7_30d": "7-30 days", "over_30d": "> 30 days"}
    fig = figures.open_backlog(
        frame, title="Backlog", age_labels=labels, value_label="Tickets", total_label="All open"
    )
    assert [t.name for t in fig.data] == ["< 7 days", "7-30 days", "> 30 days"]
    assert [t.marker.color for t in fig.data] == [HIGHLIGHT, WARN, BAD]
    assert list(fig.data[2].y) == [2, 4]
    # The hover of every segment also gives the month's whole backlog.
    assert [row[0] for row in fig.data[0].customdata] == [3, 8]
    assert fig.data[0].x[0] == pd.Timestamp(dt.date(2024, 2, 1))


def test_barrier_heatmap_colours_by_severity_and_writes_counts():
    frame = pd.DataFrame(
        {
            "area": ["Policy", "Policy", "Systems"],
            "status": ["open", "in progress", "open"],
            "barriers": [1, 2, 3],
            "max_severity": [3.0, 4.0, 5.0],
        }
    )
    fig = figures.barrier_heatmap(
        frame,
        title="Barriers",
        area_label="Area",
        status_label="Status",
        count_label="Barriers",
        severity_label="Highest severity",
    )
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert list(heatmap.x) == ["open", "in progress"] and list(heatmap.y) == ["Policy", "Systems"]
    assert [list(r) for r in heatmap.text] == [["1", "2"], ["3", ""]]
    assert heatmap.z[0][1] == 4.0 and pd.isna(heatmap.z[1][1])
    assert (heatmap.zmin, heatmap.zmax) == (1, 5)
    assert heatmap.colorbar.title.text == "Highest severity"
    assert "Area" in heatmap.hovertemplate and fig.layout.title.text == "Barriers"
