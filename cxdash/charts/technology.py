"""Figures for step 7 (technology): coverage of steps and touchpoints, cost against fit."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.palette import BAD, GOOD, HIGHLIGHT, MUTED, WARN, discrete_scale
from cxdash.charts.text import named, plain

# One colour per lifecycle on every technology figure; "" is a lifecycle not set.
LIFECYCLE_COLORS: dict[str, str] = {
    "current": GOOD,
    "planned": HIGHLIGHT,
    "legacy": WARN,
    "retire": BAD,
    "": MUTED,
}

_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}


def _lifecycles(values) -> list[str]:
    present = set(values)
    known = [k for k in LIFECYCLE_COLORS if k in present]
    return known + sorted(present - set(known))


def step_coverage(
    frame: pd.DataFrame,
    *,
    title: str,
    step_labels: Mapping[int, str],
    lifecycle_labels: Mapping[str, str],
    system_label: str,
    step_label: str,
    fit_label: str,
    lifecycle_label: str,
) -> go.Figure:
    """Systems (rows) x OPPOSITE steps (columns): a cell where the system serves the step.

    The cell's colour is the system's lifecycle, its text the fit (1-5).
    ``frame``: ``step``, ``system``, ``lifecycle``, ``fit``, ``covered`` (see
    :func:`cxdash.evidence.technology.step_coverage`); every step of
    ``step_labels`` is a column, served or not.
    """
    steps = list(step_labels)
    systems = list(dict.fromkeys(frame["system"]))
    lifecycles = list(LIFECYCLE_COLORS)
    cells = frame.set_index(["system", "step"])
    z, text, hover = [], [], []
    for system in systems:
        z_row, text_row, hover_row = [], [], []
        for number in steps:
            cell = cells.loc[(system, number)] if (system, number) in cells.index else None
            if cell is None or not bool(cell["covered"]):
                z_row.append(None)
                text_row.append("")
                hover_row.append(["", ""])
                continue
            lifecycle = cell["lifecycle"] if cell["lifecycle"] in lifecycles else ""
            z_row.append(lifecycles.index(lifecycle))
            text_row.append("" if pd.isna(cell["fit"]) else f"{cell['fit']:.0f}")
            hover_row.append([lifecycle_labels.get(lifecycle, lifecycle), text_row[-1] or "–"])
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    fig = go.Figure(
        go.Heatmap(
            x=[step_labels[n] for n in steps],
            y=[plain(s) for s in systems],
            z=z,
            zmin=-0.5,
            zmax=len(lifecycles) - 0.5,
            colorscale=discrete_scale([LIFECYCLE_COLORS[k] for k in lifecycles]),
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont={"color": "white", "size": 13},
            customdata=hover,
            xgap=3,
            ygap=3,
            hoverongaps=False,
            hovertemplate=(
                f"{system_label}: %{{y}}<br>{step_label}: %{{x}}"
                f"<br>{lifecycle_label}: %{{customdata[0]}}<br>{fit_label}: %{{customdata[1]}}"
                "<extra></extra>"
            ),
        )
    )
    _lifecycle_legend(fig, _lifecycles(frame["lifecycle"]), lifecycle_labels)
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(380, 210 + 30 * len(systems)),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_xaxes(showgrid=False, tickangle=-35, range=[-0.5, len(steps) - 0.5])
    fig.update_yaxes(autorange="reversed", showgrid=False)
    return fig


def _lifecycle_legend(fig: go.Figure, lifecycles, labels: Mapping[str, str]) -> None:
    for lifecycle in lifecycles:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": LIFECYCLE_COLORS.get(lifecycle)},
            name=named(labels, lifecycle),
            hoverinfo="skip",
        )


def touchpoint_coverage(
    frame: pd.DataFrame,
    *,
    title: str,
    lifecycle_labels: Mapping[str, str],
    value_label: str,
    channel_label: str,
    none_label: str,
) -> go.Figure:
    """Horizontal stacked bars: how many systems serve each channel, one colour per lifecycle.

    ``frame``: ``channel``, ``lifecycle``, ``systems``, ``names`` (see
    :func:`cxdash.evidence.technology.touchpoint_coverage`); a channel whose
    rows add up to 0 systems keeps its place and is marked ``none_label``.
    """
    channels = list(dict.fromkeys(frame["channel"]))
    served = frame[frame["systems"] > 0]
    fig = go.Figure()
    for lifecycle in _lifecycles(served["lifecycle"]):
        rows = served[served["lifecycle"] == lifecycle]
        label = named(lifecycle_labels, lifecycle)
        fig.add_bar(
            y=[plain(c) for c in rows["channel"]],
            x=rows["systems"],
            orientation="h",
            customdata=[[plain(n)] for n in rows["names"]],
            name=label,
            marker_color=LIFECYCLE_COLORS.get(lifecycle, MUTED),
            hovertemplate=(
                f"{channel_label}: %{{y}}<br>{label}: %{{x}} · %{{customdata[0]}}<extra></extra>"
            ),
        )
    totals = frame.groupby("channel")["systems"].sum()
    for channel in channels:
        if totals[channel] == 0:
            fig.add_annotation(
                y=plain(channel),
                x=0,
                text=none_label,
                showarrow=False,
                xanchor="left",
                xshift=4,
                font={"color": BAD},
            )
    fig.update_layout(
        title=title,
        barmode="stack",
        margin=_MARGIN,
        height=max(320, 130 + 34 * len(channels)),
        xaxis_title=value_label,
        yaxis_title=None,
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0, "traceorder": "normal"},
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=[plain(c) for c in channels], autorange="reversed"
    )
    fig.update_xaxes(dtick=1, rangemode="tozero")
    return fig


def cost_fit_quadrant(
    frame: pd.DataFrame,
    *,
    title: str,
    lifecycle_labels: Mapping[str, str],
    quadrant_labels: Mapping[str, str],
    cost_title: str,
    fit_title: str,
    system_label: str,
    fit_line: float = 3,
) -> go.Figure:
    """Each system placed by fit (x, 1-5) and annual cost (y), coloured by lifecycle.

    Dashed lines at ``fit_line`` and at the median cost (``frame["cost_median"]``)
    split the plane into four quadrants named by ``quadrant_labels``
    (``keep`` top... see :data:`cxdash.evidence.technology.QUADRANTS`).
    ``frame``: see :func:`cxdash.evidence.technology.cost_fit`.
    """
    fig = go.Figure()
    # Systems of the same fit stack up in a column: their names go right and left
    # in turn (by cost) so that neighbours do not print over each other.
    rank = frame.groupby("fit")["annual_cost"].rank(method="first")
    side = rank.map(lambda r: "middle right" if r % 2 else "middle left")
    side[frame["fit"] >= 5] = "middle left"  # the plot's right edge would cut the name
    side[frame["fit"] <= 1] = "middle right"
    for lifecycle in _lifecycles(frame["lifecycle"]):
        rows = frame[frame["lifecycle"] == lifecycle]
        label = named(lifecycle_labels, lifecycle)
        fig.add_scatter(
            x=rows["fit"],
            y=rows["annual_cost"],
            mode="markers+text",
            text=[plain(s) for s in rows["system"]],
            textposition=list(side[rows.index]),
            textfont={"size": 11},
            customdata=[[quadrant_labels.get(q, q)] for q in rows["quadrant"]],
            name=label,
            marker={"size": 16, "color": LIFECYCLE_COLORS.get(lifecycle, MUTED), "opacity": 0.9},
            hovertemplate=(
                f"{system_label}: %{{text}}<br>{label}<br>{fit_title}: %{{x:.0f}}"
                f"<br>{cost_title}: %{{y:,.0f}}<br>%{{customdata[0]}}<extra></extra>"
            ),
        )
    top = float(frame["annual_cost"].max()) * 1.18 if len(frame) else 1.0
    top = top or 1.0
    median = float(frame["cost_median"].iloc[0]) if len(frame) else 0.0
    fig.add_vline(x=fit_line, line_dash="dash", line_color=MUTED)
    fig.add_hline(y=median, line_dash="dash", line_color=MUTED)
    # Quadrant names in the corners: good fit on the right, high cost at the top.
    bottom = -0.12 * top
    corners = (
        ("keep", 5.45, bottom, "right", "bottom"),
        ("review_cost", 5.45, top, "right", "top"),
        ("replace", 0.55, bottom, "left", "bottom"),
        ("rethink", 0.55, top, "left", "top"),
    )
    for key, x, y, xanchor, yanchor in corners:
        fig.add_annotation(
            x=x,
            y=y,
            text=f"<b>{quadrant_labels.get(key, key)}</b>",
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            font={"size": 13, "color": MUTED},
        )
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=460,
        xaxis_title=fit_title,
        yaxis_title=cost_title,
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0},
    )
    fig.update_xaxes(range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(range=[bottom, top], tickformat="~s")
    return fig
