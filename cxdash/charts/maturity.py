"""The team's maturity per OPPOSITE step as a radar."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.palette import HIGHLIGHT
from cxdash.formatting import number

SCALE = (1, 2, 3, 4, 5)


def radar(
    averages: pd.DataFrame,
    *,
    step_labels: Sequence[str],
    title: str,
    score_label: str,
    participants_label: str,
    no_scores: str,
    lang: str = "en",
) -> go.Figure:
    """The average maturity score (1-5) of each step around a circle.

    ``averages``: :func:`cxdash.maturity.averages` (``step`` 1-8, ``average``
    NaN when nobody scored, ``participants``); ``step_labels`` names steps 1-8
    in order. Steps nobody scored are skipped by the outline (their hover says
    ``no_scores``); with no score at all the axes are drawn empty with
    ``no_scores`` written in the middle.
    """
    frame = averages.sort_values("step")
    labels = [step_labels[int(s) - 1] for s in frame["step"]]
    scores = [None if pd.isna(a) else round(float(a), 2) for a in frame["average"]]
    shown = [no_scores if s is None else f"{number(s, lang=lang, decimals=1)} / 5" for s in scores]
    custom = [[text, int(n)] for text, n in zip(shown, frame["participants"], strict=True)]
    # Closing the outline: the first step again at the end.
    fig = go.Figure(
        go.Scatterpolar(
            r=[*scores, scores[0]] if scores else [],
            theta=[*labels, labels[0]] if labels else [],
            customdata=[*custom, custom[0]] if custom else [],
            mode="lines+markers",
            fill="toself",
            connectgaps=True,
            line={"color": HIGHLIGHT, "width": 2},
            marker={"size": 8, "color": HIGHLIGHT},
            name=score_label,
            hovertemplate=(
                f"<b>%{{theta}}</b><br>{score_label}: %{{customdata[0]}}<br>"
                f"{participants_label}: %{{customdata[1]}}<extra></extra>"
            ),
        )
    )
    if all(s is None for s in scores):
        fig.add_annotation(
            text=no_scores,
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
            font={"size": 16},
        )
    fig.update_layout(
        title=title,
        # Room at both sides for the step names around the circle.
        margin={"l": 85, "r": 85, "t": 70, "b": 30},
        height=420,
        showlegend=False,
        polar={
            "radialaxis": {
                "range": [0, 5],
                "tickvals": list(SCALE),
                # Between the first two steps, so the scale never hides a step's name.
                "angle": 67.5,
                "tickangle": 67.5,
                "tickfont": {"size": 10},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90},
        },
    )
    return fig
