import pandas as pd

from cxdash.charts import technology as figures
from cxdash.charts.technology import LIFECYCLE_COLORS

LIFECYCLES = {
    "current": "current",
    "planned": "planned",
    "legacy": "legacy",
    "retire": "to retire",
    "": "not set",
}
STEPS = {1: "1 · Orientation", 2: "2 · People", 3: "3 · Processes"}


def test_step_coverage_puts_every_step_in_a_column_and_colours_by_lifecycle():
    frame = pd.DataFrame(
        {
            "step": [1, 2, 3, 1, 2, 3],
            "system": ["ERP"] * 3 + ["App"] * 3,
            "lifecycle": ["legacy"] * 3 + ["current"] * 3,
            "fit": [2.0] * 3 + [4.0] * 3,
            "covered": [False, False, True, False, True, True],
        }
    )
    fig = figures.step_coverage(
        frame,
        title="Coverage",
        step_labels=STEPS,
        lifecycle_labels=LIFECYCLES,
        system_label="System",
        step_label="Step",
        fit_label="Fit",
        lifecycle_label="Lifecycle",
    )
    heatmap = fig.data[0]
    assert list(heatmap.x) == list(STEPS.values())  # step 1, served by none, still a column
    assert list(heatmap.y) == ["ERP", "App"]
    codes = list(LIFECYCLE_COLORS)
    assert [list(r) for r in heatmap.z] == [
        [None, None, codes.index("legacy")],
        [None, codes.index("current"), codes.index("current")],
    ]
    assert [list(r) for r in heatmap.text] == [["", "", "2"], ["", "4", "4"]]
    assert list(heatmap.customdata[0][2]) == ["legacy", "2"]
    assert [t.name for t in fig.data[1:]] == ["current", "legacy"]
    assert [t.marker.color for t in fig.data[1:]] == [
        LIFECYCLE_COLORS["current"],
        LIFECYCLE_COLORS["legacy"],
    ]
    assert "Fit" in heatmap.hovertemplate and fig.layout.title.text == "Coverage"


def test_touchpoint_coverage_stacks_lifecycles_and_marks_unserved_channels():
    frame = pd.DataFrame(
        {
            "channel": ["web", "web", "phone", "sms"],
            "lifecycle": ["current", "legacy", "legacy", ""],
            "systems": [2, 1, 1, 0],
            "names": ["Site, App", "ERP", "PBX", ""],
        }
    )
    fig = figures.touchpoint_coverage(
        frame,
        title="Touchpoints",
        lifecycle_labels=LIFECYCLES,
        value_label="Systems",
        channel_label="Channel",
        none_label="no system",
    )
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["current", "legacy"]
    assert [t.marker.color for t in fig.data] == [
        LIFECYCLE_COLORS["current"],
        LIFECYCLE_COLORS["legacy"],
    ]
    assert list(fig.data[1].y) == ["web", "phone"] and list(fig.data[1].x) == [1, 1]
    assert list(fig.layout.yaxis.categoryarray) == ["web", "phone", "sms"]
    assert [(a.y, a.text) for a in fig.layout.annotations] == [("sms", "no system")]
    assert fig.data[0].customdata[0][0] == "Site, App"


def test_cost_fit_quadrant_draws_lines_labels_and_a_trace_per_lifecycle():
    frame = pd.DataFrame(
        {
            "system": ["ERP", "App", "Bot"],
            "category": ["", "", ""],
            "lifecycle": ["legacy", "current", "current"],
            "annual_cost": [250.0, 1200.0, 90.0],
            "fit": [2.0, 4.0, 5.0],
            "quadrant": ["replace", "review_cost", "keep"],
            "cost_median": [250.0] * 3,
        }
    )
    quadrants = {
        "keep": "Keep",
        "review_cost": "Review",
        "replace": "Replace",
        "rethink": "Rethink",
    }
    fig = figures.cost_fit_quadrant(
        frame,
        title="Cost and fit",
        lifecycle_labels=LIFECYCLES,
        quadrant_labels=quadrants,
        cost_title="Annual cost (UZS)",
        fit_title="Fit",
        system_label="System",
    )
    assert [t.name for t in fig.data] == ["current", "legacy"]
    current = fig.data[0]
    assert list(current.x) == [4.0, 5.0] and list(current.y) == [1200.0, 90.0]
    assert list(current.text) == ["App", "Bot"]
    assert current.marker.color == LIFECYCLE_COLORS["current"]
    assert [row[0] for row in current.customdata] == ["Review", "Keep"]
    lines = {(s.type, s.x0, s.y0) for s in fig.layout.shapes}
    assert ("line", 3, 0) in lines and any(s.y0 == 250.0 for s in fig.layout.shapes)
    texts = {a.text for a in fig.layout.annotations}
    assert texts == {"<b>Keep</b>", "<b>Review</b>", "<b>Replace</b>", "<b>Rethink</b>"}
    assert fig.layout.yaxis.title.text == "Annual cost (UZS)"
    assert "System" in current.hovertemplate
