"""Figures for step 3 (processes): tickets, resolution, backlog and the barrier register."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.palette import BAD, HIGHLIGHT, MUTED, WARN, channel_color
from cxdash.charts.text import plain

_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
_HEIGHT = 360
# Fresh, ageing, stale: the older a ticket still open, the warmer its colour.
_AGE_COLORS = (HIGHLIGHT, WARN, BAD)


def _layout(fig: go.Figure, title: str, **more) -> go.Figure:
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=_HEIGHT,
        # At the foot of the figure, below the tick labels however many lines they take.
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "traceorder": "normal",
        },
        **more,
    )
    return fig


def _wrap(label: str, width: int = 9) -> str:
    """Break a tick label at spaces into lines of about ``width`` characters (narrow charts)."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def tickets_by_month(
    frame: pd.DataFrame, *, title: str, value_label: str, channel_label: str
) -> go.Figure:
    """Stacked monthly bars of ``tickets``, one trace (colour) per ``channel``.

    ``frame``: ``month``, ``channel``, ``tickets`` (see
    :func:`cxdash.evidence.service.tickets_by_month`); traces follow its channel order.
    """
    fig = go.Figure()
    for channel in dict.fromkeys(frame["channel"]):
        rows = frame[frame["channel"] == channel]
        fig.add_bar(
            x=pd.to_datetime(rows["month"]),
            y=rows["tickets"],
            name=plain(channel),
            marker_color=channel_color(channel),
            hovertemplate=(
                f"%{{x|%b %Y}}<br>{channel_label}: %{{fullData.name}}"
                f"<br>{value_label}: %{{y:,.0f}}<extra></extra>"
            ),
        )
    _layout(fig, title, barmode="stack", yaxis_title=value_label, xaxis_title=None)
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return fig


def resolution_times(
    frame: pd.DataFrame,
    *,
    title: str,
    bucket_labels: Mapping[str, str],
    share_label: str,
    tickets_label: str,
    channel_label: str,
) -> go.Figure:
    """Grouped bars: per resolution-time bucket, each channel's share of its tickets.

    ``frame``: ``channel``, ``bucket``, ``tickets``, ``share`` (see
    :func:`cxdash.evidence.service.resolution_times`); ``bucket_labels`` names
    each bucket key on the x axis, in the order given.
    """
    labels = {key: _wrap(text) for key, text in bucket_labels.items()}
    fig = go.Figure()
    for channel in dict.fromkeys(frame["channel"]):
        rows = frame[frame["channel"] == channel]
        fig.add_bar(
            x=[labels.get(b, b) for b in rows["bucket"]],
            y=rows["share"],
            customdata=rows[["tickets"]].to_numpy(),
            name=plain(channel),
            marker_color=channel_color(channel),
            hovertemplate=(
                f"%{{x}}<br>{channel_label}: %{{fullData.name}}<br>{share_label}: %{{y:.1f}}%"
                f"<br>{tickets_label}: %{{customdata[0]:,}}<extra></extra>"
            ),
        )
    _layout(fig, title, barmode="group", yaxis_title=share_label, xaxis_title=None)
    fig.update_xaxes(categoryorder="array", categoryarray=list(labels.values()), tickangle=0)
    fig.update_yaxes(ticksuffix="%", rangemode="tozero")
    return fig


def resolution_rates(
    frame: pd.DataFrame,
    *,
    title: str,
    fcr_label: str,
    same_day_label: str,
    share_label: str,
    tickets_label: str,
) -> go.Figure:
    """Per channel, first-contact resolution (solid) beside same-day resolution (hatched).

    Bars take their channel's colour; the legend shows the two measures in a
    neutral colour. ``frame``: ``channel``, ``tickets``, ``fcr``,
    ``same_day_resolution_rate`` (see :func:`cxdash.evidence.service.resolution_rates`).
    """
    colors = [channel_color(c) for c in frame["channel"]]
    fig = go.Figure()
    measures = (("fcr", fcr_label, ""), ("same_day_resolution_rate", same_day_label, "/"))
    for column, label, pattern in measures:
        fig.add_bar(
            x=[plain(c) for c in frame["channel"]],
            y=frame[column],
            customdata=frame[["tickets"]].to_numpy(),
            name=label,
            showlegend=False,
            marker={"color": colors, "pattern": {"shape": pattern, "solidity": 0.45}},
            hovertemplate=(
                f"%{{x}}<br>{label}: %{{y:.1f}}%<br>{tickets_label}: %{{customdata[0]:,}}"
                "<extra></extra>"
            ),
        )
        # A legend entry in a neutral colour: the bars' own colours mean channels.
        fig.add_bar(
            x=[None],
            y=[None],
            name=label,
            marker={"color": MUTED, "pattern": {"shape": pattern, "solidity": 0.45}},
            hoverinfo="skip",
        )
    _layout(fig, title, barmode="group", yaxis_title=share_label, xaxis_title=None)
    fig.update_yaxes(ticksuffix="%", range=[0, 100])
    return fig


def open_backlog(
    frame: pd.DataFrame,
    *,
    title: str,
    age_labels: Mapping[str, str],
    value_label: str,
    total_label: str,
) -> go.Figure:
    """Stacked monthly bars of tickets open at each month end, one trace per age bucket.

    ``frame``: ``month``, ``age``, ``tickets`` (see
    :func:`cxdash.evidence.service.open_backlog`); ``age_labels`` names each age
    key, youngest first, and sets the stacking order (youngest at the bottom).
    """
    totals = frame.groupby("month")["tickets"].sum()
    fig = go.Figure()
    for age, color in zip(age_labels, _AGE_COLORS, strict=False):
        rows = frame[frame["age"] == age]
        months = pd.to_datetime(rows["month"])
        fig.add_bar(
            x=months,
            y=rows["tickets"],
            customdata=totals.reindex(rows["month"]).to_numpy().reshape(-1, 1),
            name=age_labels[age],
            marker_color=color,
            hovertemplate=(
                f"%{{x|%b %Y}}<br>{age_labels[age]}: %{{y:,.0f}}"
                f"<br>{total_label}: %{{customdata[0]:,.0f}}<extra></extra>"
            ),
        )
    _layout(fig, title, barmode="stack", yaxis_title=value_label, xaxis_title=None)
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    return fig


def barrier_heatmap(
    frame: pd.DataFrame,
    *,
    title: str,
    area_label: str,
    status_label: str,
    count_label: str,
    severity_label: str,
) -> go.Figure:
    """Areas x statuses of the barrier register: colour is the highest severity, text the count.

    ``frame``: ``area``, ``status``, ``barriers``, ``max_severity`` (see
    :func:`cxdash.evidence.service.barrier_matrix`), rows and columns in its order.
    """
    areas = list(dict.fromkeys(frame["area"]))
    statuses = list(dict.fromkeys(frame["status"]))
    indexed = frame.set_index(["area", "status"])
    full = pd.MultiIndex.from_product([areas, statuses])
    counts = indexed["barriers"].reindex(full).to_numpy().reshape(len(areas), len(statuses))
    severity = indexed["max_severity"].reindex(full).to_numpy().reshape(len(areas), len(statuses))
    text = [["" if pd.isna(c) else f"{int(c)}" for c in row] for row in counts]
    fig = go.Figure(
        go.Heatmap(
            x=[plain(s) for s in statuses],
            y=[plain(a) for a in areas],
            z=severity,
            zmin=1,
            zmax=5,
            colorscale="YlOrRd",
            text=text,
            texttemplate="%{text}",
            textfont={"size": 16},
            customdata=counts,
            xgap=3,
            ygap=3,
            colorbar={"title": {"text": severity_label}, "tickvals": [1, 2, 3, 4, 5]},
            hovertemplate=(
                f"{area_label}: %{{y}}<br>{status_label}: %{{x}}"
                f"<br>{count_label}: %{{customdata:,.0f}}<br>{severity_label}: %{{z:.0f}}"
                "<extra></extra>"
            ),
        )
    )
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(260, 90 + 48 * len(areas)),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(side="top")
    return fig
