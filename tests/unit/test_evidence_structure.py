import pandas as pd

from cxdash import artefacts
from cxdash.evidence import structure

RACI = [
    ("Plan campaigns", "Marketing", "A"),
    ("Plan campaigns", "Data", "R"),
    ("Plan campaigns", "Finance", "C"),
    ("Run service", "Service", "A"),
    ("Run service", "Service desk", "R"),
    ("Run service", "Data", "R"),
    ("Run service", "Marketing", "I"),
    ("Approve budgets", "Finance", "A"),
    ("Approve budgets", "Marketing", "R"),
]


def _saved(con, rows=RACI):
    frame = pd.DataFrame(rows, columns=["activity", "team", "role"])
    result = artefacts.save(con, "raci", frame)
    assert result is None or result.ok, result and result.report()
    return artefacts.read(con, "raci")


def test_team_load_counts_r_and_a_per_team(con):
    frame = structure.team_load(_saved(con))
    assert list(frame.columns) == ["team", "role", "activities"]
    load = {(t, r): n for t, r, n in frame.itertuples(index=False)}
    assert load[("Marketing", "A")] == 1 and load[("Marketing", "R")] == 1
    assert load[("Data", "R")] == 2 and load[("Data", "A")] == 0
    assert load[("Finance", "A")] == 1
    # Most R + A first: Data and Marketing carry 2; ties by activities involved, then name.
    assert list(dict.fromkeys(frame["team"])) == [
        "Marketing",
        "Data",
        "Finance",
        "Service",
        "Service desk",
    ]


def test_team_load_keeps_a_team_that_is_only_consulted(con):
    rows = [("Plan", "Marketing", "A"), ("Plan", "Data", "R"), ("Plan", "Legal", "C")]
    frame = structure.team_load(_saved(con, rows))
    legal = frame[frame["team"] == "Legal"]
    assert legal["activities"].tolist() == [0, 0]


def test_rasci_matrix_is_a_grid_of_role_letters(con):
    grid = structure.rasci_matrix(_saved(con))
    assert grid.columns[0] == "activity"
    assert list(grid.columns[1:]) == ["Marketing", "Data", "Finance", "Service", "Service desk"]
    # artefacts.read orders rows by activity, and the grid keeps that order.
    assert list(grid["activity"]) == ["Approve budgets", "Plan campaigns", "Run service"]
    cells = grid.set_index("activity")
    assert cells.loc["Run service"].tolist() == ["I", "R", "", "A", "R"]
    assert cells.loc["Approve budgets", "Finance"] == "A"


def test_structure_evidence_of_an_empty_matrix(con):
    saved = artefacts.read(con, "raci")
    assert structure.team_load(saved).empty
    grid = structure.rasci_matrix(saved)
    assert grid.empty and list(grid.columns) == ["activity"]


def test_saving_two_accountables_for_one_activity_is_refused(con):
    _saved(con)
    rows = [*RACI, ("Plan campaigns", "Service", "A")]
    frame = pd.DataFrame(rows, columns=["activity", "team", "role"])
    result = artefacts.save(con, "raci", frame)
    assert result is not None and not result.ok
    report = result.report()
    assert "Plan campaigns" in report
    assert "Run service" not in report  # only the broken activity is named
    # All or nothing: the saved matrix is unchanged.
    assert len(artefacts.read(con, "raci")) == len(RACI)
