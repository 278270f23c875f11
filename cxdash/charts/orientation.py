"""Figures of step 1, Orientation: KPI trend lines, channel-mix shift, trend radar."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cxdash.charts.palette import BAD, GOOD, HIGHLIGHT, MUTED, channel_color, stage_color
from cxdash.charts.text import plain
from cxdash.kpis import kpi

_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
_SHADE = "rgba(128, 128, 128, 0.12)"
# Hover formats by KPI unit: money without cents (amounts are in so'm), shares with one decimal.
_UNIT_FORMAT = {"currency": ",.0f", "count": ",.0f", "percent": ".1f", "score": ".1f"}
_STATUS_COLOR = {"covered": GOOD, "planned": HIGHLIGHT, "gap": BAD}
_STATUS_ORDER = ("gap", "planned", "covered", "")


def _no_data(fig: go.Figure, text: str) -> go.Figure:
    """Say there is nothing to draw instead of showing bare axes."""
    fig.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 14}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _shade_period(fig: go.Figure, months: pd.Series, highlight_from: dt.date | None) -> None:
    """Shade the months from ``highlight_from``'s month to the last month drawn."""
    if highlight_from is None or months.empty:
        return
    start = pd.Timestamp(highlight_from.replace(day=1))
    last = pd.to_datetime(months).max()
    if start > last:
        return
    # One rectangle per panel, half a month either side so it covers whole
    # markers. Made as plain shapes in one go: add_vrect(row="all") looks every
    # subplot up again per shape, which costs more than the rest of the chart.
    panels = sorted({(t.xaxis or "x", t.yaxis or "y") for t in fig.data}, key=_axis_order)
    x0, x1 = start - pd.Timedelta(days=15), last + pd.Timedelta(days=15)
    shade = {"type": "rect", "x0": x0, "x1": x1, "y0": 0, "y1": 1, "fillcolor": _SHADE}
    shade |= {"line": {"width": 0}, "layer": "below"}
    fig.update_layout(
        shapes=[
            *fig.layout.shapes,
            *({**shade, "xref": x, "yref": f"{y} domain"} for x, y in panels),
        ]
    )


def _axis_order(axes: tuple[str, str]) -> int:
    """'x' is panel 1, 'x2' panel 2, ...: the order the panels are drawn in."""
    return int(axes[0][1:] or 1)


def kpi_trend_lines(
    frame: pd.DataFrame,
    *,
    labels: Mapping[str, str],
    title: str,
    no_data: str,
    currency: str = "",
    highlight_from: dt.date | None = None,
) -> go.Figure:
    """One small line chart per KPI, stacked on a shared month axis.

    ``frame`` is :func:`cxdash.evidence.orientation.kpi_trends`' long frame
    (``month``, ``kpi``, ``value``); ``labels`` maps each KPI id to its name.
    Each KPI gets its own y axis (units differ) and the colour of its lifecycle
    stage; NaN months (no data) break the line, and a panel with nothing but
    zeros and gaps says ``no_data``. Months from ``highlight_from`` on are shaded.
    """
    kpis = list(dict.fromkeys(frame["kpi"]))
    if not kpis:
        fig = go.Figure()
        fig.update_layout(title=title, height=300, margin=_MARGIN)
        return _no_data(fig, no_data)
    fig = make_subplots(
        rows=len(kpis),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.12, 0.3 / len(kpis)),
        subplot_titles=[labels[k] for k in kpis],
    )
    for row, kpi_id in enumerate(kpis, start=1):
        spec = kpi(kpi_id)
        part = frame[frame["kpi"] == kpi_id]
        fmt = _UNIT_FORMAT.get(spec.unit, ",.2f")
        suffix = {"currency": f" {currency}".rstrip(), "percent": "%"}.get(spec.unit, "")
        fig.add_trace(
            go.Scatter(
                x=part["month"],
                y=part["value"],
                mode="lines+markers",
                name=labels[kpi_id],
                line={"color": stage_color(spec.stage), "width": 2},
                marker={"size": 5},
                hovertemplate=(
                    f"%{{x|%b %Y}}<br>{labels[kpi_id]}: %{{y:{fmt}}}{suffix}<extra></extra>"
                ),
            ),
            row=row,
            col=1,
        )
        fig.update_yaxes(ticksuffix=suffix if spec.unit == "percent" else "", row=row, col=1)
        if part["value"].fillna(0).eq(0).all():  # a flat zero line would look like a result
            fig.add_annotation(
                text=no_data,
                showarrow=False,
                xref="x domain",
                yref="y domain",
                x=0.5,
                y=0.75,
                row=row,
                col=1,
            )
    _shade_period(fig, frame["month"], highlight_from)
    fig.update_xaxes(dtick="M3", tickformat="%b %Y")
    fig.update_layout(title=title, height=90 + 190 * len(kpis), margin=_MARGIN, showlegend=False)
    return fig


def mobile_share_line(
    frame: pd.DataFrame,
    *,
    title: str,
    share_label: str,
    orders_label: str,
    no_data: str,
    highlight_from: dt.date | None = None,
) -> go.Figure:
    """The mobile share of orders per month as a line in the mobile app's colour.

    ``frame`` is :func:`cxdash.evidence.orientation.mobile_share`' frame. The
    hover shows the share and "mobile orders / all orders" (``orders_label``).
    """
    fig = go.Figure()
    fig.update_layout(title=title, height=360, margin=_MARGIN, showlegend=False)
    if frame["share"].isna().all():
        return _no_data(fig, no_data)
    fig.add_trace(
        go.Scatter(
            x=frame["month"],
            y=frame["share"],
            mode="lines+markers",
            name=share_label,
            line={"color": channel_color("mobile_app"), "width": 3},
            customdata=frame[["mobile_orders", "orders"]].to_numpy(),
            hovertemplate=(
                f"%{{x|%b %Y}}<br>{share_label}: %{{y:.1f}}%"
                f"<br>{orders_label}: %{{customdata[0]:,}} / %{{customdata[1]:,}}<extra></extra>"
            ),
        )
    )
    _shade_period(fig, frame["month"], highlight_from)
    fig.update_yaxes(title=share_label, ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(dtick="M6", tickformat="%b %Y")
    return fig


def contact_share_area(
    frame: pd.DataFrame,
    *,
    title: str,
    share_label: str,
    contacts_label: str,
    no_data: str,
    highlight_from: dt.date | None = None,
) -> go.Figure:
    """Stacked areas of each channel's share of support contacts per month.

    ``frame`` is :func:`cxdash.evidence.orientation.contact_share`' frame; each
    channel is drawn in its own colour, stacked in the frame's channel order,
    so the top edge is the channels' combined share.
    """
    fig = go.Figure()
    fig.update_layout(
        title=title,
        height=360,
        margin=_MARGIN,
        legend={"orientation": "h", "y": -0.12},
        hovermode="x unified",
    )
    if frame["share"].isna().all():
        return _no_data(fig, no_data)
    for channel in dict.fromkeys(frame["channel"]):
        part = frame[frame["channel"] == channel]
        color = channel_color(channel)
        fig.add_trace(
            go.Scatter(
                x=part["month"],
                y=part["share"],
                mode="lines",
                name=plain(channel),
                stackgroup="contacts",
                line={"color": color, "width": 1.5},
                fillcolor=color,
                customdata=part[["contacts", "tickets"]].to_numpy(),
                hovertemplate=(
                    f"%{{fullData.name}}: %{{y:.1f}}% ({contacts_label} %{{customdata[0]:,}}"
                    " / %{customdata[1]:,})<extra></extra>"
                ),
            )
        )
    _shade_period(fig, frame["month"], highlight_from)
    fig.update_yaxes(title=share_label, ticksuffix="%", rangemode="tozero")
    fig.update_xaxes(dtick="M6", tickformat="%b %Y", hoverformat="%b %Y")
    return fig


def _spread(trends: pd.DataFrame, step: float = 0.3) -> pd.DataFrame:
    """Stack trends that share an (impact, certainty) cell one above the other, centred on it."""
    placed = trends.copy()
    placed["x"] = placed["impact"].astype("float64")
    placed["y"] = placed["certainty"].astype("float64")
    for _, index in placed.groupby(["impact", "certainty"]).groups.items():
        count = len(index)
        height = min(step, 0.8 / count)
        for i, row in enumerate(index):
            placed.loc[row, "y"] += height * ((count - 1) / 2 - i)
    return placed


def trend_radar(
    trends: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    y_title: str,
    status_labels: Mapping[str, str],
    field_labels: Mapping[str, str],
    zone_label: str,
    no_data: str,
    label_width: int = 26,
) -> go.Figure:
    """The trend radar: one bubble per trend, impact across, certainty up.

    ``trends`` has the trends artefact's columns. Colour says the roadmap
    status (covered green, planned blue, gap red, drawn larger and on top so
    a gap stands out); ``status_labels`` names each status and ``""`` (not
    set). Trends sharing a cell are spread around it. Rows without impact or
    certainty cannot be placed and are left out. ``field_labels`` names the
    hover fields ``category``, ``impact``, ``certainty`` and ``roadmap_status``.
    The high-impact, high-certainty corner (4-5 x 4-5) is shaded and named
    ``zone_label``.
    """
    fig = go.Figure()
    fig.update_layout(
        title=title,
        height=520,
        margin=_MARGIN,
        legend={"orientation": "h", "y": -0.12},
    )
    placeable = trends.dropna(subset=["impact", "certainty"])
    if placeable.empty:
        return _no_data(fig, no_data)
    placed = _spread(placeable)
    status = placed["roadmap_status"].where(placed["roadmap_status"].isin(_STATUS_COLOR), "")
    placed = placed.assign(status=status.fillna(""), category=placed["category"].fillna(""))
    fig.add_shape(
        type="rect", x0=3.5, x1=6.3, y0=3.5, y1=5.5, fillcolor=_SHADE, line_width=0, layer="below"
    )
    fig.add_annotation(
        x=3.55, y=5.45, text=zone_label, showarrow=False, xanchor="left", yanchor="top"
    )
    hover = (
        "<b>%{customdata[0]}</b><br>"
        f"{field_labels['category']}: %{{customdata[1]}}<br>"
        f"{field_labels['impact']}: %{{customdata[2]}}<br>"
        f"{field_labels['certainty']}: %{{customdata[3]}}<br>"
        f"{field_labels['roadmap_status']}: %{{customdata[4]}}<extra></extra>"
    )
    # Gap last, so its bubbles sit on top of the others.
    for key in reversed(_STATUS_ORDER):
        part = placed[placed["status"] == key]
        if part.empty:
            continue
        is_gap = key == "gap"
        label = status_labels[key]
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["y"],
                mode="markers+text",
                name=label,
                text=[
                    plain(textwrap.shorten(str(t), label_width, placeholder="…"))
                    for t in part["trend"]
                ],
                textposition="middle right",
                textfont={"size": 11},
                marker={
                    "size": 26 if is_gap else 18,
                    "color": _STATUS_COLOR.get(key, MUTED),
                    "opacity": 0.95 if is_gap else 0.7,
                    "line": {"width": 2 if is_gap else 1, "color": "white"},
                },
                customdata=list(
                    zip(
                        part["trend"].map(plain),
                        part["category"].map(plain),
                        part["impact"].astype(int),
                        part["certainty"].astype(int),
                        [label] * len(part),
                        strict=True,
                    )
                ),
                hovertemplate=hover,
            )
        )
    # Room on the right of impact 5 for the labels, which sit right of their bubbles.
    fig.update_xaxes(title=x_title, range=[0.5, 6.3], tickvals=[1, 2, 3, 4, 5], zeroline=False)
    fig.update_yaxes(title=y_title, range=[0.5, 5.5], dtick=1, zeroline=False)
    return fig
