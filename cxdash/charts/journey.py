"""Figures of step 2, People: journey heatmap, funnel, device mix, segment profile."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cxdash.charts.assemble import figure
from cxdash.charts.palette import BAD, CHANNEL_ORDER, GOOD, HIGHLIGHT, device_color, stage_color
from cxdash.charts.text import plain

# Devices share the colours of the step 6 charts (they have none in the palette).
from cxdash.formatting import number
from cxdash.schema import STAGES

_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
_DEVICE_ORDER = ("mobile", "desktop", "tablet")


def _no_data(fig: go.Figure, text: str) -> go.Figure:
    """Say there is nothing to draw instead of showing bare axes."""
    fig.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 14}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _channel_order(channels) -> list[str]:
    """Channels in the palette's order, then any others by name."""
    found = set(channels)
    known = [c for c in CHANNEL_ORDER if c in found]
    return known + sorted(found - set(known))


def stage_channel_heatmap(
    cells: pd.DataFrame,
    *,
    value: str,
    title: str,
    value_label: str,
    stage_labels: Mapping[str, str],
    no_data: str,
    gaps: pd.DataFrame | None = None,
    gap_label: str = "",
) -> go.Figure:
    """Journey heatmap: stages down (journey order), channels across, ``value`` in each cell.

    ``cells`` is :func:`cxdash.evidence.journey.stage_channel`' frame and
    ``value`` one of its measures (``customers`` or ``touchpoints``). Every
    stage is a row, every channel seen a column; an empty cell shows 0. Cells
    listed in ``gaps`` (:func:`cxdash.evidence.journey.touchpoint_gaps`) are
    outlined in red, with one legend entry named ``gap_label``.
    """
    layout = {"title": {"text": title}, "height": 430, "margin": _MARGIN}
    if cells.empty:
        return _no_data(go.Figure(layout=layout), no_data)
    channels = _channel_order(cells["channel"])
    grid = cells.pivot_table(index="stage", columns="channel", values=value, aggfunc="sum")
    grid = grid.reindex(index=list(STAGES), columns=channels).fillna(0)
    labels = [stage_labels[s] for s in STAGES]
    heatmap = {
        "type": "heatmap",
        "z": grid.to_numpy(),
        "x": [plain(c) for c in channels],
        "y": labels,
        "colorscale": "Blues",
        "texttemplate": "%{z:,.0f}",
        "colorbar": {"title": {"text": value_label}},
        "hovertemplate": f"%{{y}} · %{{x}}<br>{value_label}: %{{z:,.0f}}<extra></extra>",
    }
    shapes = []
    for n, gap in enumerate(gaps.itertuples() if gaps is not None else ()):
        if gap.channel not in channels:
            continue
        col, row = channels.index(gap.channel), STAGES.index(gap.stage)
        shapes.append(
            {
                "type": "rect",
                "x0": col - 0.46,
                "x1": col + 0.46,
                "y0": row - 0.44,
                "y1": row + 0.44,
                "line": {"color": BAD, "width": 2.5},
                "name": gap_label,
                "showlegend": n == 0,
            }
        )
    if shapes:
        layout["shapes"] = shapes
    layout |= {
        "yaxis": {"autorange": "reversed"},
        "xaxis": {"side": "bottom"},
        "legend": {"orientation": "h", "y": -0.1},
    }
    return figure([heatmap], layout)


def funnel_chart(
    stages: pd.DataFrame,
    *,
    title: str,
    value_label: str,
    share_text: str,
    stage_labels: Mapping[str, str],
    no_data: str,
    lang: str = "en",
) -> go.Figure:
    """Funnel of customers per journey stage, each bar in its stage's colour.

    ``stages`` is :func:`cxdash.evidence.journey.funnel`' frame. Each bar reads
    "customers" over "share" where ``share_text`` is a template with ``{share}``
    (a number) and ``{previous}`` (the previous stage's name), e.g.
    ``"{share:.0f}% of {previous}"``.
    """
    fig = go.Figure()
    fig.update_layout(title=title, height=430, margin=_MARGIN, showlegend=False)
    if stages["customers"].sum() == 0:
        return _no_data(fig, no_data)
    texts = []
    for row in stages.itertuples():
        text = number(row.customers, lang=lang)
        if pd.notna(row.pct_of_previous):
            share = share_text.format(
                share=row.pct_of_previous, previous=stage_labels[row.previous_stage]
            )
            text = f"{text}<br>{share}"
        texts.append(text)
    fig.add_trace(
        go.Funnel(
            y=[stage_labels[s] for s in stages["stage"]],
            x=stages["customers"],
            text=texts,
            textinfo="text",
            textposition="auto",
            marker={"color": [stage_color(s) for s in stages["stage"]]},
            connector={"fillcolor": "rgba(128, 128, 128, 0.15)"},
            hovertemplate=f"%{{y}}<br>{value_label}: %{{x:,}}<br>%{{text}}<extra></extra>",
        )
    )
    return fig


def device_mix_bars(
    mix: pd.DataFrame,
    *,
    title: str,
    share_label: str,
    touchpoints_label: str,
    unknown_label: str,
    stage_labels: Mapping[str, str],
    no_data: str,
) -> go.Figure:
    """100% stacked bars: each stage's touchpoints split by device.

    ``mix`` is :func:`cxdash.evidence.journey.device_mix`' frame; touchpoints
    without a device form the ``unknown_label`` bucket, drawn last in grey.
    Stages read top to bottom in journey order.
    """
    layout = {
        "title": {"text": title},
        "height": 430,
        "margin": _MARGIN,
        "barmode": "stack",
        "legend": {"orientation": "h", "y": -0.1, "traceorder": "normal"},
    }
    if mix.empty:
        return _no_data(go.Figure(layout=layout), no_data)
    known = list(mix["device"].dropna().unique())
    devices = [d for d in _DEVICE_ORDER if d in known] + sorted(set(known) - set(_DEVICE_ORDER))
    order = [s for s in STAGES if s in set(mix["stage"])]
    data = []
    for device in [*devices, None]:
        part = mix[mix["device"].isna()] if device is None else mix[mix["device"] == device]
        if part.empty:
            continue
        part = part.set_index("stage").reindex(order).dropna(subset=["share"]).reset_index()
        name = unknown_label if device is None else plain(device)
        data.append(
            {
                "type": "bar",
                "x": part["share"],
                "y": [stage_labels[s] for s in part["stage"]],
                "orientation": "h",
                "name": name,
                "marker": {"color": device_color(device)},
                "customdata": part["touchpoints"],
                "hovertemplate": (
                    f"%{{y}} · %{{fullData.name}}<br>{share_label}: %{{x:.1f}}%"
                    f"<br>{touchpoints_label}: %{{customdata:,}}<extra></extra>"
                ),
            }
        )
    layout["xaxis"] = {"ticksuffix": "%", "range": [0, 100]}
    layout["yaxis"] = {
        "autorange": "reversed",
        "categoryorder": "array",
        "categoryarray": [stage_labels[s] for s in order],
    }
    return figure(data, layout)


def segment_profile_bars(
    profile: pd.DataFrame,
    *,
    title: str,
    customers_label: str,
    revenue_label: str,
    nps_label: str,
    unknown_label: str,
    no_data: str,
    currency: str = "",
) -> go.Figure:
    """Three bar panels side by side: customers, revenue and NPS per segment.

    ``profile`` is :func:`cxdash.evidence.journey.segment_profile`' frame; its
    row order is kept top to bottom, and a None segment is named
    ``unknown_label``. NPS bars are green when positive, red when negative.
    """
    fig = make_subplots(
        rows=1,
        cols=3,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=[customers_label, revenue_label, nps_label],
    )
    fig.update_layout(title=title, height=430, margin=_MARGIN, showlegend=False)
    if profile.empty:
        return _no_data(fig, no_data)
    names = [unknown_label if pd.isna(s) else plain(s) for s in profile["segment"]]
    money = f" {currency}".rstrip()
    panels = (
        ("customers", customers_label, ",.0f", "", [HIGHLIGHT] * len(profile)),
        ("revenue", revenue_label, ",.0f", money, [HIGHLIGHT] * len(profile)),
        ("nps", nps_label, ".1f", "", [GOOD if v >= 0 else BAD for v in profile["nps"]]),
    )
    for col, (column, label, fmt, suffix, colors) in enumerate(panels, start=1):
        fig.add_trace(
            go.Bar(
                x=profile[column],
                y=names,
                orientation="h",
                name=label,
                marker_color=colors,
                hovertemplate=f"%{{y}}<br>{label}: %{{x:{fmt}}}{suffix}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(nticks=5)
    return fig
