"""Workshops: the sessions in which a team walks through the eight OPPOSITE steps.

A workshop has a name (its key: artefact rows and maturity scores carry it),
a date, a facilitator, participants and a team, and remembers the step it
reached. Per step it keeps notes, decisions, a planned duration and a timer
that adds up the time spent, so reopening a workshop continues where it
stopped. Every write bumps the data version, so cached views refresh.

Problems with what a user typed raise :class:`WorkshopError`: a ValueError
whose ``code`` names the message ``workshop.error.<code>`` in the catalog.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from cxdash import store
from cxdash.schema import DATASETS, DEFAULT_WORKSHOP

STEP_NUMBERS = tuple(range(1, 9))
DEFAULT_PLANNED_MINUTES = 20
MAX_PLANNED_MINUTES = 600
MAX_NAME = 80
MAX_PARTICIPANTS = 40
MAX_TEXT = 20_000

# Participants are typed one per line or separated by commas or semicolons.
_PARTICIPANT_SEPARATORS = re.compile(r"[\n,;]+")


class WorkshopError(ValueError):
    """A workshop input that was refused; ``code`` and ``params`` make the user's message."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Workshop:
    name: str
    held_on: dt.date | None
    facilitator: str | None
    participants: tuple[str, ...]
    team: str | None
    current_step: int


@dataclass(frozen=True)
class StepState:
    step: int
    notes: str
    decisions: str
    planned_minutes: int
    elapsed_seconds: float
    timer_started_at: dt.datetime | None = None  # UTC; set while the timer runs

    @property
    def running(self) -> bool:
        return self.timer_started_at is not None

    def elapsed_at(self, now: dt.datetime) -> float:
        """Seconds spent on the step up to ``now`` (UTC), the running stretch included."""
        if self.timer_started_at is None:
            return self.elapsed_seconds
        return self.elapsed_seconds + max((now - self.timer_started_at).total_seconds(), 0.0)


def utc_now() -> dt.datetime:
    """Now in UTC, without a zone: how timer times are stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def parse_participants(text: str | Iterable[str]) -> tuple[str, ...]:
    """Names from free text (one per line, or comma separated), trimmed, first spelling kept."""
    parts = _PARTICIPANT_SEPARATORS.split(text) if isinstance(text, str) else list(text)
    names: dict[str, str] = {}
    for part in parts:
        name = " ".join(str(part).split())
        if not name:
            continue
        if len(name) > MAX_NAME:
            raise WorkshopError(
                "participant_too_long",
                f"participant name longer than {MAX_NAME} characters: {name[:20]}...",
                limit=MAX_NAME,
            )
        names.setdefault(name.casefold(), name)
    if len(names) > MAX_PARTICIPANTS:
        raise WorkshopError(
            "too_many_participants",
            f"at most {MAX_PARTICIPANTS} participants, not {len(names)}",
            limit=MAX_PARTICIPANTS,
        )
    return tuple(names.values())


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise WorkshopError("name_missing", "a workshop needs a name")
    if len(cleaned) > MAX_NAME:
        raise WorkshopError(
            "name_too_long", f"a workshop name has at most {MAX_NAME} characters", limit=MAX_NAME
        )
    return cleaned


def _optional(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if len(cleaned) > MAX_NAME:
        raise WorkshopError(
            "field_too_long", f"at most {MAX_NAME} characters, not {len(cleaned)}", limit=MAX_NAME
        )
    return cleaned or None


def _check_step(step: int) -> int:
    if isinstance(step, bool) or int(step) != step or step not in STEP_NUMBERS:
        raise WorkshopError("bad_step", f"a step is 1 to 8, not {step}", step=step)
    return int(step)


def _require(con: duckdb.DuckDBPyConnection, name: str) -> None:
    if get(con, name) is None:
        raise WorkshopError("unknown", f"there is no workshop called {name!r}", name=name)


_COLUMNS = "name, held_on, facilitator, participants, team, current_step"


def _workshop(row: tuple) -> Workshop:
    name, held_on, facilitator, participants, team, current_step = row
    return Workshop(
        name=name,
        held_on=held_on,
        facilitator=facilitator,
        participants=tuple(p for p in (participants or "").split("\n") if p),
        team=team,
        current_step=int(current_step),
    )


def get(con: duckdb.DuckDBPyConnection, name: str) -> Workshop | None:
    """The workshop called ``name``, or None."""
    row = con.execute(f"SELECT {_COLUMNS} FROM workshops WHERE name = $name", {"name": name})
    found = row.fetchone()
    return None if found is None else _workshop(found)


def list_workshops(con: duckdb.DuckDBPyConnection) -> list[Workshop]:
    """Every workshop, the most recently updated first."""
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM workshops ORDER BY updated_at DESC, created_at DESC, name"
    ).fetchall()
    return [_workshop(r) for r in rows]


def names(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The workshops' names, the most recently updated first."""
    return tuple(w.name for w in list_workshops(con))


def create(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    held_on: dt.date | None = None,
    facilitator: str | None = None,
    participants: str | Iterable[str] = (),
    team: str | None = None,
    copy_from: str | None = None,
) -> Workshop:
    """Create a workshop, empty or with a copy of ``copy_from``'s artefacts (not its scores)."""
    name = _clean_name(name)
    people = "\n".join(parse_participants(participants))
    facilitator, team = _optional(facilitator), _optional(team)
    with store.transaction(con):
        if get(con, name) is not None:
            raise WorkshopError("exists", f"a workshop called {name!r} exists already", name=name)
        if copy_from is not None:
            _require(con, copy_from)
        con.execute(
            "INSERT INTO workshops (name, held_on, facilitator, participants, team) "
            "VALUES ($name, $held_on, $facilitator, $participants, $team)",
            {
                "name": name,
                "held_on": held_on,
                "facilitator": facilitator,
                "participants": people,
                "team": team,
            },
        )
        if copy_from is not None:
            _copy_artefacts(con, copy_from, name)
        store.bump_data_version(con)
    created = get(con, name)
    assert created is not None
    return created


def _copy_artefacts(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    # Maturity scores are the participants' own judgement: a new workshop scores afresh.
    for ds in DATASETS.values():
        if ds.kind != "artefact" or ds.name == "maturity":
            continue
        others = ", ".join(c for c in ds.column_names if c != "workshop")
        # Table and column names come from the data model; workshop names are bound.
        con.execute(
            f"INSERT INTO {ds.name} (workshop, {others}) "
            f"SELECT $target, {others} FROM {ds.name} WHERE workshop = $source",
            {"source": source, "target": target},
        )


def update(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    held_on: dt.date | None,
    facilitator: str | None,
    participants: str | Iterable[str],
    team: str | None,
) -> Workshop:
    """Change a workshop's date, facilitator, participants and team."""
    people = "\n".join(parse_participants(participants))
    facilitator, team = _optional(facilitator), _optional(team)
    with store.transaction(con):
        _require(con, name)
        con.execute(
            "UPDATE workshops SET held_on = $held_on, facilitator = $facilitator, "
            "participants = $participants, team = $team, updated_at = current_timestamp "
            "WHERE name = $name",
            {
                "name": name,
                "held_on": held_on,
                "facilitator": facilitator,
                "participants": people,
                "team": team,
            },
        )
        store.bump_data_version(con)
    updated = get(con, name)
    assert updated is not None
    return updated


def set_current_step(con: duckdb.DuckDBPyConnection, name: str, step: int) -> None:
    """Remember the step the workshop is on; a timer left running on another step pauses."""
    step = _check_step(step)
    now = utc_now()
    with store.transaction(con):
        _require(con, name)
        _pause_running(con, name, now, keep=step)
        con.execute(
            "UPDATE workshops SET current_step = $step, updated_at = current_timestamp "
            "WHERE name = $name",
            {"name": name, "step": step},
        )
        store.bump_data_version(con)


def step_states(con: duckdb.DuckDBPyConnection, name: str) -> dict[int, StepState]:
    """Notes, decisions, planned and spent time for steps 1 to 8 (defaults where untouched)."""
    rows = con.execute(
        "SELECT step, notes, decisions, planned_minutes, elapsed_seconds, timer_started_at "
        "FROM workshop_steps WHERE workshop = $name",
        {"name": name},
    ).fetchall()
    found = {r[0]: StepState(r[0], r[1], r[2], int(r[3]), float(r[4]), r[5]) for r in rows}
    return {
        n: found.get(n, StepState(n, "", "", DEFAULT_PLANNED_MINUTES, 0.0)) for n in STEP_NUMBERS
    }


def _ensure_step_row(con: duckdb.DuckDBPyConnection, name: str, step: int) -> None:
    con.execute(
        "INSERT INTO workshop_steps (workshop, step, planned_minutes) "
        "VALUES ($name, $step, $planned) ON CONFLICT DO NOTHING",
        {"name": name, "step": step, "planned": DEFAULT_PLANNED_MINUTES},
    )


def _touch(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(
        "UPDATE workshops SET updated_at = current_timestamp WHERE name = $name", {"name": name}
    )


def save_step(
    con: duckdb.DuckDBPyConnection,
    name: str,
    step: int,
    *,
    notes: str,
    decisions: str,
    planned_minutes: int | None = None,
) -> StepState:
    """Store a step's notes and decisions (and its planned minutes when given)."""
    step = _check_step(step)
    notes, decisions = (notes or "").strip(), (decisions or "").strip()
    if len(notes) > MAX_TEXT or len(decisions) > MAX_TEXT:
        raise WorkshopError("text_too_long", f"at most {MAX_TEXT} characters", limit=MAX_TEXT)
    if planned_minutes is not None and not 1 <= int(planned_minutes) <= MAX_PLANNED_MINUTES:
        raise WorkshopError(
            "bad_minutes",
            f"planned minutes are 1 to {MAX_PLANNED_MINUTES}, not {planned_minutes}",
            limit=MAX_PLANNED_MINUTES,
        )
    with store.transaction(con):
        _require(con, name)
        _ensure_step_row(con, name, step)
        con.execute(
            "UPDATE workshop_steps SET notes = $notes, decisions = $decisions, "
            "planned_minutes = coalesce($planned, planned_minutes) "
            "WHERE workshop = $name AND step = $step",
            {
                "name": name,
                "step": step,
                "notes": notes,
                "decisions": decisions,
                "planned": None if planned_minutes is None else int(planned_minutes),
            },
        )
        _touch(con, name)
        store.bump_data_version(con)
    return step_states(con, name)[step]


def _pause_running(
    con: duckdb.DuckDBPyConnection, name: str, now: dt.datetime, keep: int | None = None
) -> None:
    """Add each running timer's stretch to its total and stop it (except on step ``keep``)."""
    con.execute(
        "UPDATE workshop_steps SET "
        "elapsed_seconds = elapsed_seconds "
        "+ greatest(epoch_ms($now) - epoch_ms(timer_started_at), 0) / 1000.0, "
        "timer_started_at = NULL "
        "WHERE workshop = $name AND timer_started_at IS NOT NULL "
        "AND step IS DISTINCT FROM $keep",
        {"name": name, "now": now, "keep": keep},
    )


def start_timer(
    con: duckdb.DuckDBPyConnection, name: str, step: int, now: dt.datetime | None = None
) -> StepState:
    """Start (or keep running) the step's timer; any other step's timer pauses."""
    step = _check_step(step)
    now = now or utc_now()
    with store.transaction(con):
        _require(con, name)
        _pause_running(con, name, now, keep=step)
        _ensure_step_row(con, name, step)
        con.execute(
            "UPDATE workshop_steps SET timer_started_at = coalesce(timer_started_at, $now) "
            "WHERE workshop = $name AND step = $step",
            {"name": name, "step": step, "now": now},
        )
        _touch(con, name)
        store.bump_data_version(con)
    return step_states(con, name)[step]


def stop_timer(
    con: duckdb.DuckDBPyConnection, name: str, step: int, now: dt.datetime | None = None
) -> StepState:
    """Pause the step's timer, adding the running stretch to the time spent."""
    step = _check_step(step)
    now = now or utc_now()
    with store.transaction(con):
        _require(con, name)
        con.execute(
            "UPDATE workshop_steps SET "
            "elapsed_seconds = elapsed_seconds "
            "+ greatest(epoch_ms($now) - epoch_ms(timer_started_at), 0) / 1000.0, "
            "timer_started_at = NULL "
            "WHERE workshop = $name AND step = $step AND timer_started_at IS NOT NULL",
            {"name": name, "step": step, "now": now},
        )
        _touch(con, name)
        store.bump_data_version(con)
    return step_states(con, name)[step]


def reset_timer(con: duckdb.DuckDBPyConnection, name: str, step: int) -> StepState:
    """Set the step's time spent back to zero and stop its timer."""
    step = _check_step(step)
    with store.transaction(con):
        _require(con, name)
        con.execute(
            "UPDATE workshop_steps SET elapsed_seconds = 0, timer_started_at = NULL "
            "WHERE workshop = $name AND step = $step",
            {"name": name, "step": step},
        )
        _touch(con, name)
        store.bump_data_version(con)
    return step_states(con, name)[step]


__all__ = [
    "DEFAULT_PLANNED_MINUTES",
    "DEFAULT_WORKSHOP",
    "StepState",
    "Workshop",
    "WorkshopError",
    "create",
    "get",
    "list_workshops",
    "names",
    "parse_participants",
    "reset_timer",
    "save_step",
    "set_current_step",
    "start_timer",
    "step_states",
    "stop_timer",
    "update",
]
