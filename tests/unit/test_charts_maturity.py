"""The maturity radar of the eight steps."""

from __future__ import annotations

import numpy as np
import pandas as pd

from cxdash.charts.maturity import radar

LABELS = [f"Step {n}" for n in range(1, 9)]


def _radar(averages):
    return radar(
        averages,
        step_labels=LABELS,
        title="Maturity",
        score_label="Score",
        participants_label="People",
        no_scores="no scores yet",
    )


def test_radar_closes_the_outline_on_a_1_to_5_scale():
    averages = pd.DataFrame(
        {
            "step": range(1, 9),
            "average": [4.0, 3.5, np.nan, 2.0, 3.0, 3.0, 2.5, 2.25],
            "participants": [2, 2, 0, 2, 2, 2, 2, 4],
        }
    )
    fig = _radar(averages)
    (trace,) = fig.data
    assert trace.type == "scatterpolar"
    assert list(trace.theta) == [*LABELS, LABELS[0]]
    assert list(trace.r) == [4.0, 3.5, None, 2.0, 3.0, 3.0, 2.5, 2.25, 4.0]
    assert trace.connectgaps
    assert trace.customdata[2][0] == "no scores yet"
    assert list(trace.customdata[1]) == ["3.5 / 5", 2]
    assert list(fig.layout.polar.radialaxis.range) == [0, 5]
    assert list(fig.layout.polar.radialaxis.tickvals) == [1, 2, 3, 4, 5]
    assert fig.layout.title.text == "Maturity"
    assert not fig.layout.annotations


def test_radar_without_scores_says_so():
    averages = pd.DataFrame({"step": range(1, 9), "average": [np.nan] * 8, "participants": [0] * 8})
    fig = _radar(averages)
    assert fig.layout.annotations[0].text == "no scores yet"
    assert list(fig.data[0].theta)[:8] == LABELS
