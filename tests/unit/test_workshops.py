"""Workshops: creating, reopening, notes per step, the timer, and scores per workshop."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from cxdash import artefacts, maturity, store, workshops
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.workshops import WorkshopError

T0 = dt.datetime(2026, 3, 2, 9, 0, 0)


def _raci() -> pd.DataFrame:
    return pd.DataFrame(
        {"activity": ["Plan", "Plan"], "team": ["Marketing", "CX office"], "role": ["A", "R"]}
    )


def test_the_standing_workshop_exists_from_the_start(con):
    found = workshops.get(con, DEFAULT_WORKSHOP)
    assert found == workshops.Workshop(DEFAULT_WORKSHOP, None, None, (), None, 1)
    assert [w.name for w in workshops.list_workshops(con)] == [DEFAULT_WORKSHOP]


def test_a_database_from_before_workshops_keeps_every_named_workshop(db_path):
    # A version-2 database whose artefacts name a workshop besides the standing one.
    raw = duckdb.connect(str(db_path))
    for target, step in store.MIGRATIONS:
        if target <= 2:
            step(raw)
            raw.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": target})
    raw.execute("INSERT INTO raci VALUES ('spring', 'Plan', 'Marketing', 'A')")
    raw.close()
    with store.connect(db_path) as con:
        assert store.current_version(con) == store.SCHEMA_VERSION
        assert set(workshops.names(con)) == {DEFAULT_WORKSHOP, "spring"}


def test_create_keeps_the_details_and_lists_the_newest_first(con):
    created = workshops.create(
        con,
        "  Spring   review ",
        held_on=dt.date(2026, 3, 2),
        facilitator="Dilnoza",
        participants="Ann, Bob\nann\n\n Cem ;Dana",
        team="CX office",
    )
    assert created.name == "Spring review"
    assert created.participants == ("Ann", "Bob", "Cem", "Dana")  # "ann" is Ann again
    assert created.held_on == dt.date(2026, 3, 2) and created.current_step == 1
    assert workshops.get(con, "Spring review") == created
    assert workshops.list_workshops(con)[0].name == "Spring review"
    workshops.save_step(con, DEFAULT_WORKSHOP, 1, notes="x", decisions="")
    assert workshops.list_workshops(con)[0].name == DEFAULT_WORKSHOP


@pytest.mark.parametrize(
    ("name", "code"),
    [("", "name_missing"), ("   ", "name_missing"), ("x" * 81, "name_too_long")],
)
def test_a_bad_name_is_refused_with_a_code(con, name, code):
    with pytest.raises(WorkshopError) as refused:
        workshops.create(con, name)
    assert refused.value.code == code
    assert workshops.names(con) == (DEFAULT_WORKSHOP,)


def test_a_name_taken_is_refused_and_changes_nothing(con):
    workshops.create(con, "Spring", facilitator="Ann")
    version = store.data_version(con)
    with pytest.raises(WorkshopError) as refused:
        workshops.create(con, "Spring", facilitator="Bob")
    assert refused.value.code == "exists" and "Spring" in str(refused.value)
    assert workshops.get(con, "Spring").facilitator == "Ann"
    assert store.data_version(con) == version


def test_too_many_or_too_long_participants_are_refused(con):
    with pytest.raises(WorkshopError, match="participant"):
        workshops.create(con, "A", participants=["y" * 81])
    with pytest.raises(WorkshopError) as refused:
        workshops.create(con, "A", participants=[f"P{i}" for i in range(41)])
    assert refused.value.code == "too_many_participants"
    assert workshops.get(con, "A") is None


def test_a_new_workshop_can_start_from_a_copy_of_anothers_artefacts(con):
    assert artefacts.save(con, "raci", _raci()).ok
    maturity.record(con, 5, "Ann", 4)
    workshops.create(con, "Copy", copy_from=DEFAULT_WORKSHOP)
    workshops.create(con, "Empty")
    assert artefacts.read(con, "raci", "Copy").values.tolist() == (
        artefacts.read(con, "raci").values.tolist()
    )
    assert artefacts.read(con, "raci", "Empty").empty
    assert maturity.scores(con, "Copy").empty  # scores are each workshop's own


def test_copying_from_an_unknown_workshop_is_refused(con):
    with pytest.raises(WorkshopError) as refused:
        workshops.create(con, "New", copy_from="no such")
    assert refused.value.code == "unknown"
    assert workshops.get(con, "New") is None


def test_update_changes_the_details(con):
    workshops.create(con, "W")
    updated = workshops.update(
        con, "W", held_on=dt.date(2026, 4, 1), facilitator="Ann", participants="Bob", team=" "
    )
    assert (updated.facilitator, updated.participants, updated.team) == ("Ann", ("Bob",), None)
    with pytest.raises(WorkshopError):
        workshops.update(con, "missing", held_on=None, facilitator=None, participants="", team=None)


def test_step_states_cover_all_eight_steps_with_defaults(con):
    states = workshops.step_states(con, DEFAULT_WORKSHOP)
    assert list(states) == list(range(1, 9))
    first = states[1]
    assert (first.notes, first.decisions, first.elapsed_seconds) == ("", "", 0.0)
    assert first.planned_minutes == workshops.DEFAULT_PLANNED_MINUTES


def test_notes_decisions_and_planned_minutes_are_kept_per_step(con):
    workshops.create(con, "W")
    workshops.save_step(con, "W", 3, notes=" Long queues ", decisions="Fix IVR", planned_minutes=45)
    states = workshops.step_states(con, "W")
    assert (states[3].notes, states[3].decisions, states[3].planned_minutes) == (
        "Long queues",
        "Fix IVR",
        45,
    )
    assert states[2].notes == "" and workshops.step_states(con, DEFAULT_WORKSHOP)[3].notes == ""
    workshops.save_step(con, "W", 3, notes="Shorter", decisions="Fix IVR")
    assert workshops.step_states(con, "W")[3].planned_minutes == 45  # kept when not given


@pytest.mark.parametrize(
    "kwargs",
    [
        {"step": 0},
        {"step": 9},
        {"step": 3, "planned_minutes": 0},
        {"step": 3, "notes": "x" * 20001},
    ],
)
def test_bad_step_input_is_refused(con, kwargs):
    args = {"notes": "", "decisions": ""} | kwargs
    step = args.pop("step")
    with pytest.raises(WorkshopError):
        workshops.save_step(con, DEFAULT_WORKSHOP, step, **args)


def test_the_current_step_is_remembered_and_validated(con):
    workshops.create(con, "W")
    workshops.set_current_step(con, "W", 6)
    assert workshops.get(con, "W").current_step == 6
    for bad in (0, 9):
        with pytest.raises(WorkshopError) as refused:
            workshops.set_current_step(con, "W", bad)
        assert refused.value.code == "bad_step"
    with pytest.raises(WorkshopError):
        workshops.set_current_step(con, "nobody", 2)


def test_the_timer_adds_up_running_stretches(con):
    workshops.create(con, "W")
    running = workshops.start_timer(con, "W", 2, now=T0)
    assert running.running and running.elapsed_at(T0 + dt.timedelta(seconds=30)) == 30
    # Starting again while it runs keeps the first start.
    workshops.start_timer(con, "W", 2, now=T0 + dt.timedelta(seconds=10))
    paused = workshops.stop_timer(con, "W", 2, now=T0 + dt.timedelta(seconds=90))
    assert not paused.running and paused.elapsed_seconds == 90
    workshops.start_timer(con, "W", 2, now=T0 + dt.timedelta(seconds=200))
    again = workshops.stop_timer(con, "W", 2, now=T0 + dt.timedelta(seconds=230))
    assert again.elapsed_seconds == 120
    assert workshops.reset_timer(con, "W", 2).elapsed_seconds == 0


def test_one_timer_runs_at_a_time_and_moving_on_pauses_it(con):
    workshops.create(con, "W")
    workshops.start_timer(con, "W", 1, now=T0)
    workshops.start_timer(con, "W", 2, now=T0 + dt.timedelta(seconds=60))
    states = workshops.step_states(con, "W")
    assert not states[1].running and states[1].elapsed_seconds == 60
    assert states[2].running
    workshops.set_current_step(con, "W", 3)
    states = workshops.step_states(con, "W")
    assert not states[2].running and states[2].elapsed_seconds > 0


def test_every_write_bumps_the_data_version(con):
    before = store.data_version(con)
    workshops.create(con, "W")
    workshops.save_step(con, "W", 1, notes="n", decisions="d")
    workshops.set_current_step(con, "W", 2)
    workshops.start_timer(con, "W", 2)
    workshops.stop_timer(con, "W", 2)
    assert store.data_version(con) == before + 5


def test_names_with_quotes_are_data_not_sql(con):
    name = "Robert'); DROP TABLE workshops;--"
    workshops.create(con, name, copy_from=DEFAULT_WORKSHOP)
    workshops.save_step(con, name, 1, notes="'; --", decisions="")
    assert workshops.get(con, name).name == name
    assert workshops.step_states(con, name)[1].notes == "'; --"


def test_maturity_scores_are_kept_per_workshop(con):
    workshops.create(con, "W", participants="Ann, Bob")
    maturity.record_many(con, 3, {"Ann": 4, "Bob": 2}, workshop="W")
    maturity.record(con, 3, "Ann", 1)  # the standing workshop
    frame = maturity.scores(con, "W")
    assert list(frame.columns) == ["step", "participant", "score"]
    assert frame.values.tolist() == [[3, "Ann", 4], [3, "Bob", 2]]
    averages = maturity.averages(con, "W").set_index("step")
    assert averages.loc[3, "average"] == 3 and averages.loc[3, "participants"] == 2
    maturity.record_many(con, 3, {"Bob": None}, workshop="W")  # a score taken back
    assert maturity.scores(con, "W")["participant"].tolist() == ["Ann"]
    with pytest.raises(ValueError, match="Bob"):
        maturity.record_many(con, 3, {"Ann": 5, "Bob": 6}, workshop="W")
    assert maturity.scores(con, "W")["score"].tolist() == [4]  # nothing half-written
