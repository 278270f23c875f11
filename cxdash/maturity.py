"""Maturity scores: each participant rates each OPPOSITE step from 1 to 5."""

from __future__ import annotations

import duckdb
import pandas as pd

from cxdash import store
from cxdash.schema import DEFAULT_WORKSHOP

_AVERAGES_SQL = """
SELECT step, avg(score) AS average, count(*) AS participants
FROM maturity
WHERE workshop = $workshop
GROUP BY step
ORDER BY step
"""


def averages(con: duckdb.DuckDBPyConnection, workshop: str = DEFAULT_WORKSHOP) -> pd.DataFrame:
    """One row per step 1-8: ``step``, ``average`` (NaN when nobody scored), ``participants``."""
    found = con.execute(_AVERAGES_SQL, {"workshop": workshop}).df()
    steps = pd.DataFrame({"step": range(1, 9)})
    frame = steps.merge(found, on="step", how="left")
    return frame.fillna({"participants": 0}).astype({"participants": "int64"})


def scores(con: duckdb.DuckDBPyConnection, workshop: str = DEFAULT_WORKSHOP) -> pd.DataFrame:
    """Every score of ``workshop``: ``step``, ``participant``, ``score``, by step then name."""
    return con.execute(
        "SELECT step, participant, score FROM maturity WHERE workshop = $workshop "
        "ORDER BY step, lower(participant), participant",
        {"workshop": workshop},
    ).df()


def record(
    con: duckdb.DuckDBPyConnection,
    step: int,
    participant: str,
    score: int,
    workshop: str = DEFAULT_WORKSHOP,
) -> None:
    """Store (or replace) one participant's score for one step."""
    if not 1 <= step <= 8:
        raise ValueError(f"step must be 1 to 8, not {step}")
    if not 1 <= score <= 5:
        raise ValueError(f"score must be 1 to 5, not {score}")
    if not participant.strip():
        raise ValueError("a participant name is needed")
    with store.transaction(con):
        con.execute(
            "INSERT OR REPLACE INTO maturity (workshop, step, participant, score) "
            "VALUES ($workshop, $step, $participant, $score)",
            {
                "workshop": workshop,
                "step": step,
                "participant": participant.strip(),
                "score": score,
            },
        )
        store.bump_data_version(con)


def record_many(
    con: duckdb.DuckDBPyConnection,
    step: int,
    scores: dict[str, int | None],
    workshop: str = DEFAULT_WORKSHOP,
) -> None:
    """Store several participants' scores for one step at once; None removes a score."""
    if not 1 <= step <= 8:
        raise ValueError(f"step must be 1 to 8, not {step}")
    for participant, score in scores.items():
        if not participant.strip():
            raise ValueError("a participant name is needed")
        if score is not None and not 1 <= score <= 5:
            raise ValueError(f"score must be 1 to 5, not {score} ({participant})")
    with store.transaction(con):
        for participant, score in scores.items():
            params = {"workshop": workshop, "step": step, "participant": participant.strip()}
            if score is None:
                con.execute(
                    "DELETE FROM maturity WHERE workshop = $workshop AND step = $step "
                    "AND participant = $participant",
                    params,
                )
            else:
                con.execute(
                    "INSERT OR REPLACE INTO maturity (workshop, step, participant, score) "
                    "VALUES ($workshop, $step, $participant, $score)",
                    params | {"score": int(score)},
                )
        store.bump_data_version(con)
