"""Figures of KPIs against targets: bullets, monthly trend, lifecycle tiles, the scorecard table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from cxdash.charts import scorecard as charts
from cxdash.charts.palette import BAD, GOOD, MUTED, WARN, stage_color
from cxdash.evidence.scorecard import lifecycle_headlines

STATUS_LABELS = {"on_target": "ON", "at_risk": "RISK", "off_target": "OFF"}


def fmt(value, unit):
    return "n/a" if value is None else f"{value:g}{unit[0]}"


WORDS = charts.Words(
    kpi_labels={"revenue": "Rev", "nps": "NPS", "churn_rate": "Churn", "orders": "Orders"},
    stage_labels={"conversion": "Conv", "feedback": "Feed", "retention": "Ret"},
    status_labels=STATUS_LABELS,
    fmt=fmt,
)


def _card() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kpi": ["revenue", "orders", "churn_rate", "nps"],
            "stage": ["conversion", "conversion", "retention", "feedback"],
            "unit": ["currency", "count", "percent", "score"],
            "direction": ["higher", "higher", "lower", "higher"],
            "value": [80.0, 5.0, 30.0, -10.0],
            "previous": [100.0, 4.0, 25.0, np.nan],
            "target": [100.0, np.nan, 25.0, 10.0],
            "status": ["off_target", None, "off_target", "off_target"],
            "delta_pct": [-20.0, 25.0, 20.0, np.nan],
            "missing": ["", "", "", "surveys"],
        }
    )


def _bullets(card=None, **more):
    return charts.bullets(
        _card() if card is None else card,
        title="KPIs vs targets",
        group_labels=WORDS.stage_labels,
        row_labels=WORDS.kpi_labels,
        status_labels=STATUS_LABELS,
        value_label="Value",
        target_label="Target",
        status_label="Status",
        no_status="none",
        fmt=fmt,
        **more,
    )


def test_bullets_draw_each_kpi_with_a_target_on_its_own_scale():
    fig = _bullets()
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text == "KPIs vs targets"
    track, bars, marks, texts = fig.data[:4]
    # Orders has no target: left out. Stages in lifecycle order: conversion, retention, feedback.
    assert list(bars.y[0]) == ["Conv", "Ret", "Feed"]
    assert list(bars.y[1]) == ["Rev", "Churn", "NPS"]
    assert list(bars.marker.color) == [BAD, BAD, BAD]
    # Revenue: scale 0..112 (100 + 12%); value 80, target 100.
    assert bars.base[0] == 0.0
    assert bars.x[0] == pytest.approx(80 / 112)
    assert marks.x[0] == pytest.approx(100 / 112)
    # NPS -10 against 10: the scale runs below zero and the bar points left from 0.
    assert bars.x[2] < 0 < bars.base[2]
    assert "80c" in texts.text[0] and "target 100c" in texts.text[0] and "-20.0%" in texts.text[0]
    assert "pt" in texts.text[1]  # percentages: a gap in points
    assert all("Target" in t.hovertemplate for t in (bars, marks))
    assert [t.name for t in fig.data[4:]] == ["ON", "RISK", "OFF"]


def test_bullets_group_by_any_column_in_frame_order():
    goals = _card().iloc[[3, 0]].assign(milestone=["NPS 10", "A very long milestone " * 3])
    fig = _bullets(goals, group_column="kpi", row_column="milestone")
    bars = fig.data[1]
    assert list(bars.y[0]) == ["nps", "revenue"]
    assert bars.y[1][0] == "NPS 10"
    assert bars.y[1][1].endswith("…") and len(bars.y[1][1]) <= 40


def _months() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kpi": "nps",
            "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
            "days": [31, 29, 31],
            "value": [12.0, np.nan, 30.0],
            "target": [10.0, 20.0, np.nan],
            "status": ["on_target", None, None],
        }
    )


def test_kpi_trend_draws_actual_and_target_lines():
    fig = charts.kpi_trend(
        _months(),
        unit="score",
        words=WORDS,
        title="NPS by month",
        actual_label="Actual",
        target_label="Target",
        status_label="Status",
        no_status="none",
    )
    target, actual = fig.data[:2]
    assert fig.layout.title.text == "NPS by month"
    assert (target.name, actual.name) == ("Target", "Actual")
    assert list(target.y) == [10.0, 20.0, None]
    assert list(actual.y) == [12.0, None, 30.0]
    assert target.line.shape == "hv" and target.line.dash == "dash"
    assert list(actual.marker.color) == [GOOD, MUTED, MUTED]
    assert actual.customdata[0][2] == "ON" and actual.customdata[1][0] == "n/a"
    assert "Status" in actual.hovertemplate


def test_lifecycle_tiles_colour_each_stage_by_its_headline_status():
    card = pd.DataFrame(
        {
            "kpi": ["new_customers", "revenue", "nps"],
            "stage": ["acquisition", "conversion", "feedback"],
            "unit": ["count", "currency", "score"],
            "direction": ["higher"] * 3,
            "value": [10.0, 50.0, np.nan],
            "previous": [np.nan] * 3,
            "target": [9.0, 52.0, 30.0],
            "status": ["on_target", "at_risk", None],
            "delta_pct": [np.nan] * 3,
            "missing": ["", "", "surveys"],
        }
    )
    headlines = lifecycle_headlines(card)
    fig = charts.lifecycle_tiles(
        headlines,
        words=charts.Words(
            kpi_labels={"new_customers": "New", "revenue": "Rev", "nps": "NPS"},
            stage_labels={"acquisition": "Acq", "conversion": "Conv", "feedback": "Feed"},
            status_labels=STATUS_LABELS,
            fmt=fmt,
        ),
        title="At a glance",
        target_label="Target",
        no_target="no target",
        stage_count="{on} of {total}",
    )
    tiles, strip = fig.data
    assert fig.layout.title.text == "At a glance"
    assert list(tiles.marker.color) == [GOOD, WARN, MUTED]
    assert "Acq" in tiles.text[0] and "New" in tiles.text[0] and "10c" in tiles.text[0]
    assert "ON" in tiles.text[0] and "no target" in tiles.text[2]
    assert tiles.customdata[0][4] == "1 of 1"
    assert list(strip.marker.color) == [stage_color(s) for s in headlines["stage"]]


def test_scorecard_table_formats_numbers_and_tints_the_status():
    styled = charts.scorecard_table(
        _card(),
        WORDS,
        headers={"kpi": "KPI", "status": "State", "needs": "Needs"},
        no_status="none",
    )
    table = styled.data
    assert list(table.columns) == ["stage", "KPI", "value", "change", "target", "State", "Needs"]
    assert list(table["KPI"]) == ["Rev", "Orders", "Churn", "NPS"]
    assert list(table["State"]) == ["OFF", "none", "OFF", "OFF"]
    assert table["value"].iloc[0] == "80c" and table["change"].iloc[0] == "-20.0%"
    assert table["target"].iloc[1] == ""
    html = styled.to_html()
    assert "rgba(214, 39, 40" in html
    no_gaps = charts.scorecard_table(
        _card().assign(missing=""), WORDS, headers={}, no_status="none"
    )
    assert "needs" not in no_gaps.data.columns


def test_words_come_from_the_translation_lookup():
    words = charts.words(lambda key, **_: f"<{key}>", "UZS")
    assert words.kpi_labels["nps"] == "<kpi.nps.label>"
    assert words.stage_labels["service"] == "<lifecycle.service>"
    assert words.status_labels["at_risk"] == "<status.at_risk>"
    assert words.fmt(None, "currency") == "<common.no_data>"
    assert words.fmt(2_500_000.0, "currency") == "2.5M UZS"
