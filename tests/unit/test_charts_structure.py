import pandas as pd

from cxdash.charts import structure as figures
from cxdash.charts.structure import ROLE_COLORS

ROLES = {
    "R": "Responsible",
    "A": "Accountable",
    "S": "Supportive",
    "C": "Consulted",
    "I": "Informed",
}


def _color_at(heatmap, code: int) -> str:
    """The colour the heatmap's scale gives to ``code``."""
    where = (code - heatmap.zmin) / (heatmap.zmax - heatmap.zmin)
    stops = list(heatmap.colorscale)
    for (low, color), (high, _) in zip(stops, stops[1:], strict=False):
        if low <= where <= high:
            return color
    raise AssertionError(where)


def test_role_colours_are_distinct_per_role():
    assert set(ROLE_COLORS) == set(ROLES)
    assert len(set(ROLE_COLORS.values())) == 5


def test_team_load_stacks_r_and_a_per_team_in_role_colours():
    frame = pd.DataFrame(
        {
            "team": ["Data", "Data", "Finance", "Finance"],
            "role": ["R", "A", "R", "A"],
            "activities": [2, 0, 0, 1],
        }
    )
    fig = figures.team_load(
        frame, title="Load", role_labels=ROLES, value_label="Activities", team_label="Team"
    )
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Responsible", "Accountable"]
    assert [t.marker.color for t in fig.data] == [ROLE_COLORS["R"], ROLE_COLORS["A"]]
    assert all(t.orientation == "h" for t in fig.data)
    assert list(fig.data[0].y) == ["Data", "Finance"] and list(fig.data[0].x) == [2, 0]
    assert list(fig.layout.yaxis.categoryarray) == ["Data", "Finance"]
    assert fig.layout.title.text == "Load" and fig.layout.xaxis.title.text == "Activities"
    assert all("Team" in t.hovertemplate for t in fig.data)


def test_rasci_matrix_writes_the_letter_in_a_cell_of_the_role_s_colour():
    grid = pd.DataFrame(
        {
            "activity": ["Plan", "Run"],
            "Marketing": ["A", "I"],
            "Data": ["R", ""],
        }
    )
    fig = figures.rasci_matrix(
        grid,
        title="RASCI",
        role_labels=ROLES,
        activity_label="Activity",
        team_label="Team",
        role_label="Role",
    )
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert list(heatmap.x) == ["Marketing", "Data"] and list(heatmap.y) == ["Plan", "Run"]
    assert [list(r) for r in heatmap.text] == [["A", "R"], ["I", ""]]
    # Codes index the role order R, A, S, C, I; an empty cell has none.
    assert [list(r) for r in heatmap.z] == [[1, 0], [4, None]]
    # The discrete scale paints each code flat in its role's colour.
    assert [_color_at(heatmap, code) for code in range(5)] == list(ROLE_COLORS.values())
    assert heatmap.customdata[0][0] == "Accountable"
    legend = [t.name for t in fig.data[1:]]
    assert legend == [
        "R · Responsible",
        "A · Accountable",
        "S · Supportive",
        "C · Consulted",
        "I · Informed",
    ]
    assert [t.marker.color for t in fig.data[1:]] == list(ROLE_COLORS.values())
    assert "Activity" in heatmap.hovertemplate and fig.layout.title.text == "RASCI"
