"""Every artefact rule holds on each way in: the app's grid, a CSV load and the CLI.

Each case breaks one rule in one row; the load is refused, the message names
the row (or the RASCI activity), and the database is left as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cxdash import artefacts, store
from cxdash.ingest import LoadOptions, load_bytes
from cxdash.schema import HORIZONS

REPO = Path(__file__).resolve().parents[2]

RASCI_OK = "activity,team,role\nPlan,Marketing,A\nPlan,CX office,R\n"
MILESTONE_HEAD = "milestone,horizon,start_date,due_date,progress\n"

# (dataset, CSV body, what the refusal must name)
BROKEN = {
    "rasci_two_a": ("raci", RASCI_OK + "Plan,IT,A\n", '"Plan"'),
    "rasci_no_a": ("raci", "activity,team,role\nRun,IT,R\nRun,Sales,C\n", '"Run"'),
    "rasci_no_r": ("raci", "activity,team,role\nShip,IT,A\nShip,Sales,S\n", '"Ship"'),
    "rasci_unknown_role": ("raci", RASCI_OK + "Ship,IT,X\n", "row 3, column role"),
    "horizon": ("milestones", MILESTONE_HEAD + "M1,4y,,,\n", "row 1, column horizon"),
    "due_before_start": (
        "milestones",
        MILESTONE_HEAD + "M1,1y,2026-01-01,2026-06-01,5\nM2,1y,2026-05-01,2026-04-01,5\n",
        "row 2, column due_date",
    ),
    "progress_high": ("milestones", MILESTONE_HEAD + "M1,1y,,,101\n", "row 1, column progress"),
    "progress_low": ("milestones", MILESTONE_HEAD + "M1,1y,,,-1\n", "row 1, column progress"),
    "impact": ("trends", "trend,impact,certainty\nApps,6,3\n", "row 1, column impact"),
    "certainty": ("trends", "trend,impact,certainty\nApps,3,0\n", "row 1, column certainty"),
    "severity": ("barriers", "process,barrier,severity\nReturns,Forms,9\n", "column severity"),
    "fit": ("tech_stack", "system,fit\nCRM,0\n", "row 1, column fit"),
    "maturity_score": ("maturity", "step,participant,score\n2,Ann,6\n", "row 1, column score"),
    "maturity_step": ("maturity", "step,participant,score\n9,Ann,3\n", "row 1, column step"),
}


def _frame(body: str) -> pd.DataFrame:
    from io import StringIO

    return pd.read_csv(StringIO(body), dtype=str, keep_default_na=False).replace("", None)


@pytest.mark.parametrize("case", BROKEN)
def test_the_grid_refuses_a_broken_rule_naming_the_row(con, case):
    name, body, named = BROKEN[case]
    version = store.data_version(con)
    result = artefacts.save(con, name, _frame(body), workshop="spring")
    assert result is not None and not result.ok
    assert named in result.report()
    assert store.data_version(con) == version
    assert artefacts.read(con, name, "spring").empty


@pytest.mark.parametrize("case", BROKEN)
def test_a_csv_load_refuses_a_broken_rule_naming_the_row(con, case):
    name, body, named = BROKEN[case]
    result = load_bytes(con, body.encode(), f"{name}.csv", name, LoadOptions(mode="replace"))
    assert not result.ok and named in result.report()
    assert store.row_count(con, name) == 0


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("raci", RASCI_OK + "Run,IT,A\nRun,Sales,R\nRun,Ops,S\nRun,Board,C\nRun,All,I\n"),
        ("milestones", MILESTONE_HEAD + "".join(f"M{h},{h},,,50\n" for h in HORIZONS)),
        ("milestones", MILESTONE_HEAD + "M1,1y,2026-01-01,2026-01-01,0\nM2,2y,,,100\n"),
        ("trends", "trend,impact,certainty\nApps,1,5\n"),
        ("barriers", "process,barrier,severity\nReturns,Forms,5\n"),
        ("tech_stack", "system,fit\nCRM,1\n"),
        ("maturity", "step,participant,score\n8,Ann,5\n1,Bob,1\n"),
    ],
)
def test_values_on_the_edges_of_each_rule_are_accepted(con, name, body):
    assert artefacts.save(con, name, _frame(body)).ok


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != store.ENV_DB}
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args, "--db", str(db)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("case", ["rasci_two_a", "due_before_start"])
def test_the_cli_load_refuses_a_broken_rule_naming_the_row(tmp_path, case):
    name, body, named = BROKEN[case]
    source = tmp_path / f"{name}.csv"
    source.write_text(body, encoding="utf-8")
    done = _cli(tmp_path / "cx.duckdb", "load", str(source), "--dataset", name)
    assert done.returncode != 0
    assert named in done.stdout + done.stderr
    with store.connect(tmp_path / "cx.duckdb") as con:
        assert store.row_count(con, name) == 0
