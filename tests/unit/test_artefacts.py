"""Artefacts edited in the app obey the same rules as a CSV load."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cxdash import artefacts, store
from cxdash.schema import STAGES


@pytest.fixture
def raci(con):
    frame = pd.DataFrame(
        {
            "activity": ["Plan campaigns", "Plan campaigns", "Run support"],
            "team": ["Marketing", "CX office", "Contact centre"],
            "role": ["A", "R", "A"],
        }
    )
    frame.loc[3] = ["Run support", "IT", "R"]
    assert artefacts.save(con, "raci", frame).ok
    return frame


def test_a_saved_artefact_reads_back_the_same(con, raci):
    back = artefacts.read(con, "raci")
    assert back.sort_values(["activity", "team"]).values.tolist() == sorted(raci.values.tolist())


def test_an_edit_that_breaks_a_rule_is_refused_naming_the_row_and_changes_nothing(con, raci):
    version = store.data_version(con)
    broken = raci.copy()
    broken.loc[1, "role"] = "A"  # two A's for "Plan campaigns"
    result = artefacts.save(con, "raci", broken)
    assert not result.ok
    assert "Plan campaigns" in result.report()
    assert store.data_version(con) == version
    assert artefacts.read(con, "raci")["role"].tolist().count("A") == 2


def test_scores_out_of_range_name_the_row_and_column(con):
    frame = pd.DataFrame({"trend": ["Super apps"], "impact": [7], "certainty": [3]})
    result = artefacts.save(con, "trends", frame)
    assert not result.ok
    assert "row 1, column impact" in result.report()


def test_dates_and_whole_numbers_from_the_grid_are_stored_as_such(con):
    frame = pd.DataFrame(
        {
            "milestone": ["Chat everywhere"],
            "horizon": ["1y"],
            "start_date": [dt.date(2026, 1, 1)],
            "due_date": [pd.Timestamp("2026-12-31")],
            "progress": [40.0],
        }
    )
    assert artefacts.save(con, "milestones", frame).ok
    row = con.execute("SELECT start_date, due_date, progress FROM milestones").fetchone()
    assert row == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), 40.0)


def test_removing_every_row_clears_only_that_workshop(con, raci):
    other = raci.assign(activity="Other workshop activity")
    assert artefacts.save(con, "raci", other.iloc[[0, 1]], workshop="spring").ok
    assert artefacts.save(con, "raci", raci.iloc[0:0]) is None
    assert artefacts.read(con, "raci").empty
    assert len(artefacts.read(con, "raci", "spring")) == 2


def test_journey_notes_read_in_journey_order(con):
    frame = pd.DataFrame({"stage": list(reversed(STAGES)), "customer_goal": ["x"] * 6})
    assert artefacts.save(con, "journey_notes", frame).ok
    assert artefacts.read(con, "journey_notes")["stage"].tolist() == list(STAGES)
