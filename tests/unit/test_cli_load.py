"""``python -m cxdash load``: exit codes, messages and the database, through a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]

GOOD = b"order_id,customer_id,order_date,amount\nO1,C1,2024-01-01,5\nO2,C2,2024-01-02,7.5\n"
MORE = b"order_id,customer_id,order_date,amount,notes\nO3,C1,2024-01-03,1,hi\n"
NEGATIVE = b"order_id,customer_id,order_date,amount\nO8,C1,2024-01-01,5\nO9,C1,2024-01-01,-5\n"
RAGGED = b"order_id,customer_id,order_date,amount\nO8,C1,2024-01-01,5\nO9,C1\n"


def cxdash(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CXDASH_DB"}
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def counts(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "orders": con.execute("SELECT order_id, amount FROM orders ORDER BY 1").fetchall(),
            "history": con.execute("SELECT count(*) FROM load_history").fetchone()[0],
            "version": con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone(),
        }


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_load_creates_the_database_and_prints_the_summary(tmp_path):
    db = tmp_path / "new" / "cx.duckdb"
    assert not db.exists()
    run = cxdash(
        "load", str(write(tmp_path, "orders.csv", GOOD)), "--dataset", "orders", "--db", str(db)
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert run.stderr.strip() == "orders.csv -> orders (append): 2 rows added, 0 updated, 0 skipped"
    assert db.exists()
    state = counts(db)
    assert state["orders"] == [("O1", 5.0), ("O2", 7.5)]
    assert state["history"] == 1


def test_warnings_are_shown_on_success(tmp_path):
    db = tmp_path / "cx.duckdb"
    run = cxdash(
        "load", str(write(tmp_path, "more.csv", MORE)), "--dataset", "orders", "--db", str(db)
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [
        "more.csv: column notes: not a column of orders; ignored",
        "more.csv -> orders (append): 1 rows added, 0 updated, 0 skipped",
    ]


def test_a_bad_value_exits_1_names_file_row_column_and_changes_nothing(tmp_path):
    db = tmp_path / "cx.duckdb"
    assert cxdash("load", str(write(tmp_path, "good.csv", GOOD)), "--dataset", "orders",
                  "--db", str(db)).returncode == 0  # fmt: skip
    before = counts(db)
    run = cxdash(
        "load", str(write(tmp_path, "bad.csv", NEGATIVE)), "--dataset", "orders", "--db", str(db)
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert 'bad.csv: row 2, column amount: "-5" must be 0 or more' in run.stderr.splitlines()
    assert counts(db) == before


def test_a_ragged_line_exits_1_with_the_line(tmp_path):
    db = tmp_path / "cx.duckdb"
    run = cxdash(
        "load", str(write(tmp_path, "rag.csv", RAGGED)), "--dataset", "orders", "--db", str(db)
    )
    assert run.returncode == 1
    assert "rag.csv: line 3: has 2 fields where the header has 4" in run.stderr.splitlines()
    assert counts(db)["orders"] == []


def test_upsert_mode_from_the_command_line(tmp_path):
    db = tmp_path / "cx.duckdb"
    assert cxdash("load", str(write(tmp_path, "a.csv", GOOD)), "--dataset", "orders",
                  "--db", str(db)).returncode == 0  # fmt: skip
    change = write(tmp_path, "b.csv", GOOD.replace(b"7.5", b"8").replace(b"O1,", b"O5,"))
    run = cxdash("load", str(change), "--dataset", "orders", "--mode", "upsert", "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "b.csv -> orders (upsert): 1 rows added, 1 updated, 0 skipped"
    assert counts(db)["orders"] == [("O1", 5.0), ("O2", 8.0), ("O5", 5.0)]


def test_append_of_existing_keys_is_refused(tmp_path):
    db = tmp_path / "cx.duckdb"
    source = str(write(tmp_path, "orders.csv", GOOD))
    assert cxdash("load", source, "--dataset", "orders", "--db", str(db)).returncode == 0
    before = counts(db)
    run = cxdash("load", source, "--dataset", "orders", "--db", str(db))
    assert run.returncode == 1
    assert 'orders.csv: row 1, column order_id: "O1" is already in orders' in run.stderr
    assert counts(db) == before


def test_a_missing_file_exits_1(tmp_path):
    db = tmp_path / "cx.duckdb"
    run = cxdash("load", str(tmp_path / "nowhere.csv"), "--dataset", "orders", "--db", str(db))
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == "nowhere.csv: the file does not exist"
    assert "Traceback" not in run.stderr
