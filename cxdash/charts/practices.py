"""The best-practice log (step 8) as a timeline: when each team adopted which practice."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from cxdash.charts.milestones import short_label
from cxdash.charts.text import plain

_COLORS = px.colors.qualitative.Set2
_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}


def timeline(
    practices: pd.DataFrame,
    *,
    title: str,
    practice_label: str,
    team_label: str,
    date_label: str,
    result_label: str,
    no_team: str,
) -> go.Figure:
    """One row per practice, oldest first, with a marker at its date in its team's colour.

    ``practices``: the artefact's rows (``practice``, ``team``, ``date``,
    ``result``); rows without a date are left out. The axis names each
    practice (shortened); the legend names the teams (``no_team`` for a row
    without one); the hover gives practice, team, date and result in full.
    """
    rows = practices.assign(date=pd.to_datetime(practices["date"], errors="coerce"))
    rows = rows[rows["date"].notna()].sort_values(["date", "practice"], kind="stable")
    named = rows["team"].notna() & (rows["team"].astype(str).str.strip() != "")
    rows = rows.assign(team=rows["team"].astype(str).map(plain).where(named, no_team))
    names = [short_label(p) for p in rows["practice"]]
    fig = go.Figure()
    for i, team in enumerate(dict.fromkeys(rows["team"])):
        mine = rows[rows["team"] == team]
        fig.add_scatter(
            x=mine["date"],
            y=[short_label(p) for p in mine["practice"]],
            mode="markers",
            marker={"size": 16, "color": _COLORS[i % len(_COLORS)], "symbol": "diamond"},
            name=team,
            customdata=[
                [plain(r.practice), "" if pd.isna(r.result) else plain(r.result)]
                for r in mine.itertuples()
            ],
            hovertemplate=(
                f"<b>{practice_label}: %{{customdata[0]}}</b><br>{team_label}: %{{fullData.name}}"
                f"<br>{date_label}: %{{x|%Y-%m-%d}}<br>{result_label}: %{{customdata[1]}}"
                "<extra></extra>"
            ),
        )
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=max(280, 150 + 32 * len(rows)),
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "title": None},
    )
    fig.update_xaxes(type="date", title=None)
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=names, autorange="reversed")
    return fig
