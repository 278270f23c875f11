"""Figures for step 5 (structure): load per team and the RASCI matrix as a grid."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from cxdash.charts.palette import discrete_scale
from cxdash.charts.text import named, plain
from cxdash.schema import RACI_ROLES

# One colour per role on both figures (Plotly's D3 colours): the single Accountable
# stands out in red, Responsible blue, Supportive green, Consulted orange, Informed purple.
_D3 = px.colors.qualitative.D3
ROLE_COLORS: dict[str, str] = {"R": _D3[0], "A": _D3[3], "S": _D3[2], "C": _D3[1], "I": _D3[4]}

_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}


def team_load(
    frame: pd.DataFrame,
    *,
    title: str,
    role_labels: Mapping[str, str],
    value_label: str,
    team_label: str,
) -> go.Figure:
    """Horizontal stacked bars per team: activities it is Responsible and Accountable for.

    ``frame``: ``team``, ``role``, ``activities`` (see
    :func:`cxdash.evidence.structure.team_load`); teams top to bottom in its
    order; one trace per role present, named by ``role_labels``.
    """
    teams = [plain(t) for t in dict.fromkeys(frame["team"])]
    fig = go.Figure()
    for role in dict.fromkeys(frame["role"]):
        rows = frame[frame["role"] == role]
        label = named(role_labels, role)
        fig.add_bar(
            y=[plain(t) for t in rows["team"]],
            x=rows["activities"],
            orientation="h",
            name=label,
            marker_color=ROLE_COLORS.get(role),
            hovertemplate=(
                f"{team_label}: %{{y}}<br>{label}: %{{x:,.0f}} {value_label.lower()}<extra></extra>"
            ),
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        margin=_MARGIN,
        height=max(280, 90 + 34 * len(teams)),
        xaxis_title=value_label,
        yaxis_title=None,
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "traceorder": "normal"},
    )
    fig.update_yaxes(categoryorder="array", categoryarray=teams, autorange="reversed")
    fig.update_xaxes(dtick=1, rangemode="tozero")
    return fig


def rasci_matrix(
    frame: pd.DataFrame,
    *,
    title: str,
    role_labels: Mapping[str, str],
    activity_label: str,
    team_label: str,
    role_label: str,
) -> go.Figure:
    """Activities x teams, each cell coloured by its role with the letter written in it.

    ``frame``: ``activity`` then one column per team holding a role letter or
    "" (see :func:`cxdash.evidence.structure.rasci_matrix`). The legend lists
    the roles (``role_labels``: letter -> name) in the colours of the cells.
    """
    teams = [c for c in frame.columns if c != "activity"]
    activities = list(frame["activity"])
    letters = frame[teams].to_numpy() if teams else [[] for _ in activities]
    codes = [[RACI_ROLES.index(r) if r in RACI_ROLES else None for r in row] for row in letters]
    names = [[role_labels.get(r, "") if r else "" for r in row] for row in letters]
    fig = go.Figure(
        go.Heatmap(
            x=[plain(t) for t in teams],
            y=[plain(a) for a in activities],
            z=codes,
            zmin=-0.5,
            zmax=len(RACI_ROLES) - 0.5,
            colorscale=discrete_scale([ROLE_COLORS[r] for r in RACI_ROLES]),
            showscale=False,
            text=[[plain(r) for r in row] for row in letters],
            texttemplate="<b>%{text}</b>",
            textfont={"size": 15, "color": "white"},
            customdata=names,
            xgap=3,
            ygap=3,
            hoverongaps=False,
            hovertemplate=(
                f"{activity_label}: %{{y}}<br>{team_label}: %{{x}}"
                f"<br>{role_label}: %{{text}} · %{{customdata}}<extra></extra>"
            ),
        )
    )
    # Legend entries in the cells' colours (a heatmap has none of its own).
    for role in RACI_ROLES:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": ROLE_COLORS[role]},
            name=f"{role} · {role_labels.get(role, role)}",
            hoverinfo="skip",
        )
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(300, 150 + 40 * len(activities)),
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_xaxes(side="top", showgrid=False, title=None, tickangle=0)
    fig.update_yaxes(autorange="reversed", showgrid=False, title=None)
    return fig
