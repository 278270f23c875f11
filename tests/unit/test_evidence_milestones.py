"""Milestones at risk, progress against time, the timeline by horizon and KPI targets."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cxdash import artefacts
from cxdash.evidence import milestones
from cxdash.evidence.scorecard import scorecard
from cxdash.kpis import kpi_results
from cxdash.period import Period

D = dt.date
AS_OF = D(2025, 7, 1)


def _rows(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for column in ("start_date", "due_date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def _milestone(name, start, due, status, progress, horizon="1y", **more) -> dict:
    base = {
        "objective": "Grow",
        "milestone": name,
        "kpi": None,
        "target": None,
        "horizon": horizon,
        "owner": "CMO",
        "start_date": start,
        "due_date": due,
        "status": status,
        "progress": progress,
    }
    return base | more


MILESTONES = _rows(
    # Half the time gone, 50% done: on track.
    _milestone("steady", "2025-01-01", "2025-12-31", "on track", 50.0),
    # The team says so, although progress keeps pace.
    _milestone("flagged", "2025-01-01", "2025-12-31", "Off-Track", 60.0, horizon="2y"),
    # Due date passed below 100%.
    _milestone("late", "2024-01-01", "2025-06-30", "on track", 90.0, horizon="6m"),
    # 12 points behind the ~50% of time elapsed.
    _milestone("slow", "2025-01-01", "2025-12-31", None, 37.0, horizon="5y"),
    # Done by status even though progress was never updated; overdue does not matter.
    _milestone("shipped", "2024-01-01", "2024-06-30", "done", None, horizon="6m"),
    # Not started yet, no dates: never behind.
    _milestone("undated", None, None, "not started", None, horizon=None),
)


def test_status_key_reads_statuses_alike():
    assert milestones.status_key("  Off-Track ") == "off track"
    assert milestones.status_key("at_risk") == "at risk"
    assert milestones.status_key(None) == ""
    assert milestones.status_key(float("nan")) == ""


def test_expected_progress_is_the_share_of_time_elapsed():
    expected = milestones.expected_progress(MILESTONES, AS_OF)
    assert expected.iloc[0] == pytest.approx(100 * 181 / 364)
    assert expected.iloc[2] == 100.0  # past due: capped
    assert pd.isna(expected.iloc[5])
    before = milestones.expected_progress(MILESTONES, D(2020, 1, 1))
    assert before.iloc[0] == 0.0


def test_assess_names_every_reason_and_the_health():
    assessed = milestones.assess(MILESTONES, AS_OF).set_index("milestone")
    assert assessed.loc["steady", "health"] == "on_track"
    assert assessed.loc["flagged", "reasons"] == "status"
    assert assessed.loc["late", "reasons"] == "overdue"
    assert assessed.loc["slow", "reasons"] == "behind"
    assert assessed.loc["shipped", "health"] == "done"
    assert assessed.loc["shipped", "reasons"] == ""
    assert assessed.loc["undated", "health"] == "on_track"


def test_at_risk_lists_soonest_due_first():
    risky = milestones.at_risk(MILESTONES, AS_OF)
    assert list(risky["milestone"]) == ["late", "flagged", "slow"]
    assert list(risky.columns) == [
        "milestone",
        "objective",
        "owner",
        "due_date",
        "status",
        "progress",
        "expected",
        "reasons",
    ]


def test_health_counts_and_shares():
    counts = milestones.health_counts(MILESTONES, AS_OF).set_index("health")
    assert counts["milestones"].to_dict() == {"done": 1, "on_track": 2, "at_risk": 3}
    assert counts.loc["at_risk", "share"] == pytest.approx(50.0)


def test_timeline_orders_by_horizon_and_drops_undated():
    rows = milestones.timeline(MILESTONES)
    assert list(rows["milestone"]) == ["late", "shipped", "steady", "flagged", "slow"]
    assert rows["start_date"].dtype.kind == "M"


def test_progress_counts_a_missing_progress_as_zero():
    bars = milestones.progress(MILESTONES, AS_OF).set_index("milestone")
    assert bars.loc["shipped", "progress"] == 0.0
    assert bars.loc["flagged", "status_key"] == "off track"
    assert bars.loc["late", "health"] == "at_risk"


def test_empty_artefact_gives_empty_frames(con):
    empty = artefacts.read(con, "milestones")
    assert milestones.at_risk(empty, AS_OF).empty
    assert milestones.timeline(empty).empty
    assert milestones.progress(empty, AS_OF).empty
    counts = milestones.health_counts(empty, AS_OF)
    assert list(counts["milestones"]) == [0, 0, 0]
    assert counts["share"].isna().all()


def test_saved_artefact_rows_are_read_back_and_assessed(con):
    con.execute(
        "INSERT INTO milestones (workshop, objective, milestone, kpi, target, horizon, owner, "
        "start_date, due_date, status, progress) VALUES "
        "('default', 'Grow', 'NPS 40', 'nps', 40, '3y', 'CX', DATE '2025-01-01', "
        "DATE '2027-12-31', 'at risk', 30)"
    )
    risky = milestones.at_risk(artefacts.read(con, "milestones"), AS_OF)
    assert list(risky["reasons"]) == ["status"]


def test_kpi_targets_compare_the_period_value_with_each_milestone(con):
    con.execute(
        "INSERT INTO surveys (response_id, responded_at, nps) VALUES "
        "('s1', TIMESTAMP '2025-06-10 10:00', 10), ('s2', TIMESTAMP '2025-06-11 10:00', 9), "
        "('s3', TIMESTAMP '2025-06-12 10:00', 3), ('s4', TIMESTAMP '2025-06-13 10:00', 8)"
    )
    card = scorecard(kpi_results(con, Period(D(2025, 6, 1), D(2025, 6, 30))))
    rows = _rows(
        _milestone("NPS 20", "2025-01-01", "2025-12-31", "on track", 50.0, kpi="nps", target=20),
        _milestone("NPS 50", "2025-01-01", "2027-12-31", "on track", 20.0, kpi="nps", target=50),
        _milestone("no KPI", "2025-01-01", "2025-12-31", "on track", 20.0, target=5),
        _milestone("typo", "2025-01-01", "2025-12-31", "on track", 20.0, kpi="nsp", target=5),
    )
    goals = milestones.kpi_targets(rows, card)
    assert list(goals["milestone"]) == ["NPS 20", "NPS 50"]
    assert list(goals["value"]) == [25.0, 25.0]  # (2 promoters - 1 detractor) / 4
    assert list(goals["status"]) == ["on_target", "off_target"]
    assert set(goals["stage"]) == {"feedback"}
