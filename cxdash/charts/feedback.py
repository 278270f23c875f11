"""Step 6 figures about survey feedback: the NPS trend and the period's split.

Pure functions: an evidence frame in, a Plotly figure out; every visible word
is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.assemble import figure
from cxdash.charts.palette import BAD, GOOD, HIGHLIGHT, MUTED

GROUP_COLORS = {"promoters": GOOD, "passives": MUTED, "detractors": BAD}
_GROUPS = ("promoters", "passives", "detractors")
_LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1}


def nps_trend(
    frame: pd.DataFrame,
    *,
    title: str,
    group_labels: Mapping[str, str],
    share_label: str,
    nps_label: str,
    responses_label: str,
) -> go.Figure:
    """Monthly promoter/passive/detractor shares as 100% stacked bars, NPS as a line on top.

    ``frame`` is :func:`cxdash.evidence.feedback.nps_monthly`. Shares use the
    left axis (0-100), NPS the right one (-100 to 100); a month without
    responses is a gap.
    """
    months = pd.to_datetime(frame["month"])
    data = []
    for group in _GROUPS:
        label = group_labels[group]
        data.append(
            {
                "type": "bar",
                "x": months,
                "y": frame[f"{group}_share"],
                "name": label,
                "marker": {"color": GROUP_COLORS[group]},
                "customdata": frame[group],
                "hovertemplate": (
                    f"%{{x|%b %Y}}<br>{label}: %{{y:.1f}}% (%{{customdata:,}})<extra></extra>"
                ),
                "xaxis": "x",
                "yaxis": "y",
            }
        )
    data.append(
        {
            "type": "scatter",
            "x": months,
            "y": frame["nps"],
            "name": nps_label,
            "mode": "lines+markers",
            "line": {"color": HIGHLIGHT, "width": 3},
            "customdata": frame["responses"],
            "hovertemplate": (
                f"%{{x|%b %Y}}<br>{nps_label}: %{{y:.1f}}"
                f"<br>{responses_label}: %{{customdata:,}}<extra></extra>"
            ),
            "xaxis": "x",
            "yaxis": "y2",
        }
    )
    layout = {
        "title": {"text": title},
        "barmode": "stack",
        "legend": {**_LEGEND, "traceorder": "normal"},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "height": 400,
        "bargap": 0.15,
        # The right axis needs room for its numbers: the plot ends where
        # make_subplots(secondary_y=True) would end it.
        "xaxis": {"anchor": "y", "domain": [0.0, 0.94], "dtick": "M3", "tickformat": "%b %Y"},
        # 0-100 and -100-100 in four steps each, so both axes share the grid lines.
        "yaxis": {
            "anchor": "x",
            "domain": [0.0, 1.0],
            "title": {"text": share_label},
            "range": [0, 100],
            "dtick": 25,
        },
        "yaxis2": {
            "anchor": "x",
            "overlaying": "y",
            "side": "right",
            "title": {"text": nps_label},
            "range": [-100, 100],
            "dtick": 50,
            "showgrid": False,
        },
    }
    return figure(data, layout)


def nps_split(
    frame: pd.DataFrame,
    *,
    title: str,
    group_labels: Mapping[str, str],
    nps_label: str,
    responses_label: str,
    no_data: str,
) -> go.Figure:
    """The period's promoters, passives and detractors as a ring with the NPS in its centre.

    ``frame`` is :func:`cxdash.evidence.feedback.nps_split`.
    """
    labels = [group_labels[g] for g in frame["group"]]
    ring = {
        "type": "pie",
        "labels": labels,
        "values": frame["responses"],
        "hole": 0.6,
        "sort": False,
        "direction": "clockwise",
        "marker": {"colors": [GROUP_COLORS[g] for g in frame["group"]]},
        "textinfo": "percent",
        "hovertemplate": (
            f"%{{label}}<br>{responses_label}: %{{value:,}} (%{{percent}})<extra></extra>"
        ),
    }
    nps = frame["nps"].iloc[0] if len(frame) else float("nan")
    centre = no_data if pd.isna(nps) else f"{nps:+.0f}"
    layout = {
        "title": {"text": title},
        "annotations": [
            {
                "text": f"<b>{centre}</b><br>{nps_label}",
                "showarrow": False,
                "font": {"size": 20},
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
            }
        ],
        "legend": {**_LEGEND, "y": -0.15, "yanchor": "top", "xanchor": "center", "x": 0.5},
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "height": 400,
    }
    return figure([ring], layout)
