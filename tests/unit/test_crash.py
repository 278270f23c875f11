"""A load killed at any moment (SIGKILL) leaves the database exactly as before.

A real ``python -m cxdash load`` process is killed at several moments of a
large replace (the riskiest load: it deletes the dataset, keeps the undo
backup and inserts anew, all in one transaction). Each time the database must
open cleanly and hold exactly what it held before: every table's rows, the
history and the data version - or, when the kill came after the commit,
exactly what the finished load leaves. Nothing half-written either way.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from cxdash import store
from cxdash.backup import table_counts
from cxdash.kpis.facts import TABLES as FACT_TABLES
from tests.processes import cxdash

REPO = Path(__file__).resolve().parents[2]
HEADER = "order_id,customer_id,order_date,amount\n"
_FACT_TABLES = {name for table in FACT_TABLES for name in table.tables}


def orders_csv(path: Path, prefix: str, rows: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows):
            out.write(
                f"{prefix}{i},C{i % 5000},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 997}.5\n"
            )
    return path


def state(db: Path) -> dict:
    """Everything a load can change: every table's rows, the orders' total, the KPIs."""
    with duckdb.connect(str(db), read_only=True) as con:
        facts = {
            # The fact tables are derived: a kill between the load and their rebuild
            # leaves them stale, which the KPIs (compared below) notice and go around.
            "counts": {
                name: n for name, n in table_counts(con).items() if name not in _FACT_TABLES
            },
            "orders": con.execute(
                "SELECT count(*), sum(amount), min(order_id), max(order_id) FROM orders"
            ).fetchone(),
            "history": con.execute(
                "SELECT load_id, file_name, mode, rows_added FROM load_history ORDER BY load_id"
            ).fetchall(),
            "version": store.data_version(con),
        }
    kpi = cxdash("kpi", "--db", str(db), "--from", "2024-01-01", "--to", "2024-12-31")
    assert kpi.returncode == 0, kpi.stderr
    facts["kpi"] = json.loads(kpi.stdout)
    return facts


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    """A database with one committed load, the large file, and the state before and after."""
    folder = tmp_path_factory.mktemp("crash")
    base = folder / "base.duckdb"
    first = cxdash("load", str(orders_csv(folder / "first.csv", "A", 100_000)), "--db", str(base))
    assert first.returncode == 0, first.stderr
    big = orders_csv(folder / "nightly.csv", "N", 300_000)
    done = folder / "done.duckdb"
    shutil.copy(base, done)
    finished = cxdash("load", str(big), "--mode", "replace", "--db", str(done))
    assert finished.returncode == 0, finished.stderr
    return folder, base, big, state(base), state(done)


# Seconds after the start: during start-up, reading, checking, writing, and one at random.
_MOMENTS = [0.3, 0.8, 1.5, 3.0, random.Random().uniform(0.2, 4.0)]


def test_a_load_killed_at_any_moment_leaves_the_database_as_before(setting):
    folder, base, big, before, after = setting
    assert before != after
    outcomes = []
    for n, moment in enumerate(_MOMENTS):
        victim = folder / f"victim{n}.duckdb"
        shutil.copy(base, victim)
        load = subprocess.Popen(
            [sys.executable, "-m", "cxdash", "load", str(big), "--mode", "replace"]
            + ["--db", str(victim)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(moment)
        killed = load.poll() is None
        if killed:
            os.kill(load.pid, signal.SIGKILL)
        load.wait(timeout=60)
        # The app's way in: a writable open replays whatever the log holds.
        store.connect(victim).close()
        found = state(victim)
        assert found in (before, after), f"half-written after a kill at {moment:.2f} s"
        outcomes.append((moment, killed, found == before))
    killed_midway = [o for o in outcomes if o[1] and o[2]]
    assert killed_midway, f"no kill landed during the load: {outcomes}"


def kill_while_writing(big: Path, victim: Path) -> None:
    """Start the large replace on ``victim`` and SIGKILL it inside its one transaction."""
    load = subprocess.Popen(
        [sys.executable, "-m", "cxdash", "load", str(big), "--mode", "replace", "--progress"]
        + ["--db", str(victim)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # "writing": the transaction begins (rows deleted, backed up for undo, inserted).
    while "writing" not in (line := load.stderr.readline()):
        assert line, "the load ended before it wrote"
    time.sleep(0.05)
    os.kill(load.pid, signal.SIGKILL)
    load.wait(timeout=60)


def test_a_load_killed_while_it_writes_leaves_the_database_as_before(setting):
    folder, base, big, before, after = setting
    victim = folder / "writing.duckdb"
    shutil.copy(base, victim)
    kill_while_writing(big, victim)
    store.connect(victim).close()
    assert state(victim) == before


def test_after_a_kill_the_same_load_runs_again_and_completes(setting):
    folder, base, big, before, after = setting
    victim = folder / "again.duckdb"
    shutil.copy(base, victim)
    kill_while_writing(big, victim)
    again = cxdash("load", str(big), "--mode", "replace", "--db", str(victim), "--wait", "10")
    assert again.returncode == 0, again.stderr
    assert "was loaded before" not in again.stderr  # the killed load left no trace
    assert state(victim) == after
