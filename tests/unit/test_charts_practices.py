"""The best-practice log as a timeline."""

from __future__ import annotations

import pandas as pd

from cxdash.charts.practices import timeline


def test_one_marker_per_dated_practice_in_its_team_colour():
    practices = pd.DataFrame(
        {
            "practice": ["Daily huddle", "Call back detractors", "Undated idea", "Solo"],
            "team": ["Contact centre", "CX office", "CX office", None],
            "date": pd.to_datetime(["2025-03-10", "2025-05-05", None, "2025-01-02"]),
            "result": ["Same-day up", None, "?", "ok"],
        }
    )
    fig = timeline(
        practices,
        title="Practices",
        practice_label="Practice",
        team_label="Team",
        date_label="Date",
        result_label="Result",
        no_team="no team",
    )
    assert fig.layout.title.text == "Practices"
    assert [t.name for t in fig.data] == ["no team", "Contact centre", "CX office"]
    assert len({t.marker.color for t in fig.data}) == 3
    assert sum(len(t.x) for t in fig.data) == 3  # the undated one is left out
    assert list(fig.layout.yaxis.categoryarray) == ["Solo", "Daily huddle", "Call back detractors"]
    assert fig.data[2].customdata[0][1] == ""
    assert "Result" in fig.data[1].hovertemplate
