"""Figures written out as dicts (cxdash/charts/assemble.py) are the figures built step by step."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from cxdash.charts.assemble import figure


def test_the_same_figure_as_adding_traces_and_updating_the_layout():
    months = pd.to_datetime(pd.Series(["2026-01-01", "2026-02-01"]))
    stepwise = go.Figure()
    stepwise.add_bar(x=months, y=[1, 2], name="orders", marker_color="#123456")
    stepwise.update_layout(title="Orders", xaxis_title="month", height=300)
    written = figure(
        [
            {
                "type": "bar",
                "x": months,
                "y": [1, 2],
                "name": "orders",
                "marker": {"color": "#123456"},
            }
        ],
        {"title": {"text": "Orders"}, "xaxis": {"title": {"text": "month"}}, "height": 300},
    )
    assert json.loads(written.to_json()) == json.loads(stepwise.to_json())


def test_an_invalid_property_still_raises():
    with pytest.raises(ValueError, match="colour"):
        figure([{"type": "bar", "x": [1], "y": [1], "colour": "red"}], {})
    with pytest.raises(ValueError, match="heigth"):
        figure([], {"heigth": 300})
