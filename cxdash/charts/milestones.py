"""Figures of the objectives and milestones: a timeline by horizon and progress bars."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from cxdash.charts.palette import BAD, GOOD, HIGHLIGHT, MUTED, WARN
from cxdash.charts.text import plain
from cxdash.schema import HORIZONS

# Horizons from near to far in one ordered palette, the same on every chart.
HORIZON_COLORS: dict[str, str] = dict(
    zip(
        HORIZONS,
        px.colors.sample_colorscale("Viridis", [0.08, 0.3, 0.52, 0.72, 0.88]),
        strict=True,
    )
)
# The statuses a team usually writes (compared as cxdash.evidence.milestones.status_key).
STATUS_COLORS = {
    "done": GOOD,
    "completed": GOOD,
    "complete": GOOD,
    "on track": HIGHLIGHT,
    "at risk": WARN,
    "off track": BAD,
}
_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}
_LABEL_CHARS = 42
_DAY_MS = 86_400_000


def short(text: object, limit: int = _LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for an axis label."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_label(text: object, limit: int = _LABEL_CHARS) -> str:
    """Data text cut like :func:`short`, then escaped for the figure (see :func:`plain`)."""
    return plain(short(text, limit))


def _text(value: object, missing: str = "") -> str:
    return missing if value is None or pd.isna(value) else str(value)


def _plain(value: object) -> str:
    """A cell of the team's text for the hover: as typed, escaped; "" when empty."""
    return plain(_text(value))


def _day(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _as_of_line(fig: go.Figure, as_of: dt.date | None, label: str) -> None:
    if as_of is None:
        return
    day = pd.Timestamp(as_of).strftime("%Y-%m-%d")
    fig.add_shape(
        type="line",
        x0=day,
        x1=day,
        y0=0,
        y1=1,
        xref="x",
        yref="paper",
        line={"color": MUTED, "dash": "dot", "width": 2},
    )
    fig.add_annotation(
        x=day, y=1, xref="x", yref="paper", text=label, showarrow=False, yanchor="bottom"
    )


def timeline(
    frame: pd.DataFrame,
    *,
    title: str,
    horizon_labels: Mapping[str, str],
    column_labels: Mapping[str, str],
    as_of: dt.date | None = None,
    as_of_label: str = "",
) -> go.Figure:
    """Milestones as bars from start to due date, one colour per horizon (6m to 5y).

    ``frame``: :func:`cxdash.evidence.milestones.timeline` (dated milestones in
    horizon order). Each bar shows the progress in percent; the hover names the
    objective, owner, dates, status, progress and KPI target (``column_labels``
    maps those column names to their words). A dotted line marks ``as_of``.
    """
    names = [short_label(m) for m in frame["milestone"]]
    fig = go.Figure()
    c = column_labels
    hover = (
        "<b>%{customdata[0]}</b><br>"
        f"{c['objective']}: %{{customdata[1]}}<br>{c['owner']}: %{{customdata[2]}}<br>"
        f"{c['start_date']}: %{{customdata[3]}} → {c['due_date']}: %{{customdata[4]}}<br>"
        f"{c['status']}: %{{customdata[5]}}<br>{c['progress']}: %{{customdata[6]}}<br>"
        f"{c['kpi']}: %{{customdata[7]}}<extra>%{{fullData.name}}</extra>"
    )
    for horizon in [*HORIZONS, None]:
        known = frame["horizon"].isin(HORIZONS)
        rows = frame[frame["horizon"] == horizon] if horizon else frame[~known]
        if rows.empty:
            continue
        start = pd.to_datetime(rows["start_date"])
        due = pd.to_datetime(rows["due_date"])
        progress = pd.to_numeric(rows["progress"], errors="coerce")
        custom = [
            [
                _plain(r.milestone),
                _plain(r.objective),
                _plain(r.owner),
                _day(r.start_date),
                _day(r.due_date),
                _plain(r.status),
                "" if pd.isna(p) else f"{p:.0f}%",
                plain(" ".join(x for x in (_text(r.kpi), _text(r.target)) if x)),
            ]
            for r, p in zip(rows.itertuples(), progress, strict=True)
        ]
        fig.add_bar(
            y=[short_label(m) for m in rows["milestone"]],
            x=((due - start).dt.days + 1) * _DAY_MS,
            base=start.dt.strftime("%Y-%m-%d"),
            orientation="h",
            name=horizon_labels.get(horizon, horizon) if horizon else horizon_labels.get("", "?"),
            marker_color=HORIZON_COLORS.get(horizon, MUTED),
            text=["" if pd.isna(p) else f"{p:.0f}%" for p in progress],
            textposition="inside",
            insidetextanchor="start",
            customdata=custom,
            hovertemplate=hover,
        )
    _as_of_line(fig, as_of, as_of_label)
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(300, 150 + 30 * len(frame)),
        barmode="overlay",
        # Under the plot: above it, the legend would collide with the as-of label.
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0, "title": None},
    )
    fig.update_xaxes(type="date")
    fig.update_yaxes(categoryorder="array", categoryarray=names, autorange="reversed")
    return fig


def progress_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    progress_label: str,
    expected_label: str,
    column_labels: Mapping[str, str],
    no_status: str,
) -> go.Figure:
    """Progress of each milestone (0-100 %) in its status colour, with the time elapsed marked.

    ``frame``: :func:`cxdash.evidence.milestones.progress`. One trace per
    status as the team wrote it (legend), coloured by :data:`STATUS_COLORS`
    (grey for any other status); a mark shows the share of time elapsed
    between start and due date (``expected``).
    """
    names = [short_label(m) for m in frame["milestone"]]
    c = column_labels
    fig = go.Figure()
    for key in dict.fromkeys(frame["status_key"]):
        rows = frame[frame["status_key"] == key]
        label = _plain(rows["status"].iloc[0]) or no_status
        custom = [
            [_plain(r.milestone), _plain(r.owner), _day(r.due_date), label, _pct(r.expected)]
            for r in rows.itertuples()
        ]
        fig.add_bar(
            y=[short_label(m) for m in rows["milestone"]],
            x=rows["progress"],
            orientation="h",
            name=label,
            marker_color=STATUS_COLORS.get(key, MUTED),
            text=[f"{p:.0f}%" for p in rows["progress"]],
            textposition="outside",
            cliponaxis=False,
            width=0.6,
            customdata=custom,
            hovertemplate=(
                f"<b>%{{customdata[0]}}</b><br>{c['owner']}: %{{customdata[1]}}<br>"
                f"{c['due_date']}: %{{customdata[2]}}<br>{c['status']}: %{{customdata[3]}}<br>"
                f"{progress_label}: %{{x:.0f}}%<br>{expected_label}: %{{customdata[4]}}"
                "<extra></extra>"
            ),
        )
    fig.add_scatter(
        y=names,
        x=frame["expected"],
        mode="markers",
        marker={
            "symbol": "line-ns",
            "size": 14,
            "line": {"width": 3, "color": "rgb(110, 110, 110)"},
        },
        name=expected_label,
        hovertemplate=f"%{{y}}<br>{expected_label}: %{{x:.0f}}%<extra></extra>",
    )
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(320, 170 + 30 * len(frame)),
        barmode="overlay",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "title": None},
    )
    fig.update_xaxes(range=[0, 115], title=None, ticksuffix="%", tickvals=[0, 25, 50, 75, 100])
    fig.update_yaxes(categoryorder="array", categoryarray=names, autorange="reversed")
    return fig


def _pct(value: object) -> str:
    return "" if value is None or pd.isna(value) else f"{float(value):.0f}%"
