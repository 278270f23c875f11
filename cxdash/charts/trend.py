"""Trend figures over calendar months."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.palette import HIGHLIGHT, MUTED


def monthly_bars(
    frame: pd.DataFrame,
    *,
    value: str,
    title: str,
    value_label: str,
    highlight_from: dt.date | None = None,
    hover_format: str = ",.0f",
) -> go.Figure:
    """Bars of ``frame[value]`` per ``frame["month"]``; months from ``highlight_from`` on stand out.

    ``frame`` has one row per month (column ``month``, first day of the month).
    """
    months = pd.to_datetime(frame["month"])
    if highlight_from is None:
        colors = [HIGHLIGHT] * len(frame)
    else:
        start = pd.Timestamp(highlight_from.replace(day=1))
        colors = [HIGHLIGHT if m >= start else MUTED for m in months]
    fig = go.Figure(
        go.Bar(
            x=months,
            y=frame[value],
            marker_color=colors,
            name=value_label,
            hovertemplate=f"%{{x|%b %Y}}<br>{value_label}: %{{y:{hover_format}}}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title=None,
        yaxis_title=value_label,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=340,
        showlegend=False,
    )
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return fig
