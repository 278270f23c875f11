"""Taking turns on the database file: command-line writers, the app's connection, two loads at once.

Real processes on real DuckDB files: a "holder" process keeps the file open
the way a busy dashboard or a long load does.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import pytest

from cxdash import ingest, locking, store
from cxdash.ui import database
from tests.processes import Command, Holder, cxdash, start_cxdash

REPO = Path(__file__).resolve().parents[2]

ORDERS = b"order_id,customer_id,order_date,amount\nO1,C1,2024-01-01,5\nO2,C2,2024-01-02,7.5\n"


def orders(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT order_id FROM orders ORDER BY 1").fetchall()


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "cx.duckdb"
    store.connect(path).close()
    return path


@pytest.fixture
def csv(tmp_path) -> Path:
    path = tmp_path / "orders.csv"
    path.write_bytes(ORDERS)
    return path


@pytest.fixture
def app_db(db, monkeypatch):
    """The app's database module pointed at ``db``; its connection closed afterwards."""
    monkeypatch.setenv(store.ENV_DB, str(db))
    yield db
    database.close_connection()


def test_a_load_waits_for_the_holder_says_so_once_and_then_loads(db, csv):
    holder = Holder(db)
    load = start_cxdash("load", str(csv), "--dataset", "orders", "--db", str(db), "--wait", "60")
    # The load must be waiting, not done, while the file is held.
    first = load.stderr.readline()
    assert "waiting up to 60 s" in first and "in use by process" in first
    assert load.poll() is None
    holder.release()
    out, err = load.communicate(timeout=60)
    assert load.returncode == 0, err
    assert "waiting" not in err  # said once only
    assert "2 rows added" in err
    assert orders(db) == [("O1",), ("O2",)]
    assert not locking.marker_path(db).exists()


def test_a_load_gives_up_after_its_wait_with_exit_code_3_and_changes_nothing(db, csv):
    holder = Holder(db)
    try:
        run = cxdash("load", str(csv), "--dataset", "orders", "--db", str(db), "--wait", "1")
    finally:
        holder.release()
    assert run.returncode == 3
    assert "database busy" in run.stderr
    assert "nothing was changed" in run.stderr
    assert "Traceback" not in run.stderr
    assert orders(db) == []
    assert not locking.marker_path(db).exists()


def test_undo_and_reports_wait_too(db, csv):
    holder = Holder(db)
    try:
        undo = cxdash("undo", "--dataset", "orders", "--db", str(db), "--wait", "0.5")
        kpi = cxdash("kpi", "--db", str(db), "--wait", "0.5")
    finally:
        holder.release()
    assert (undo.returncode, kpi.returncode) == (3, 3)
    assert "database busy" in undo.stderr and "database busy" in kpi.stderr


def test_the_app_lets_go_of_the_file_for_a_command_and_sees_its_data_after(app_db, csv):
    before = database.data_version()  # the app now holds the file
    run = cxdash("load", str(csv), "--dataset", "orders", "--db", str(app_db), "--wait", "20")
    assert run.returncode == 0, run.stderr
    assert database.data_version() == before + 1
    with database.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM orders").fetchone()[0] == 2


def test_while_a_command_holds_the_file_the_app_answers_the_last_version(app_db):
    seen = database.data_version()
    command = Command(app_db)  # got the file: the app's watcher let go
    try:
        assert database.data_version() == seen
        with pytest.raises(locking.DatabaseBusyError):
            with database.cursor():
                pass
    finally:
        command.release()
    assert database.data_version() == seen
    with database.cursor() as cur:
        assert cur.execute("SELECT 1").fetchone() == (1,)


def test_an_app_write_waits_for_the_command_instead_of_failing(app_db, csv):
    database.data_version()
    loaded = []

    def app_load():
        with database.write_lock, database.cursor() as cur:
            loaded.append(ingest.load_file(cur, csv, "orders"))

    command = Command(app_db)
    try:
        writer = threading.Thread(target=app_load)
        writer.start()
        time.sleep(1.0)
        assert writer.is_alive()  # waiting for the command, not failed
    finally:
        command.release()
    writer.join(timeout=60)
    assert loaded and loaded[0].ok, loaded and loaded[0].report()


def test_a_killed_commands_marker_does_not_block_the_app(app_db):
    marker = locking.marker_path(app_db)
    marker.touch()
    old = time.time() - 10 * locking.FRESH_SECONDS
    os.utime(marker, (old, old))
    assert not locking.claimed(app_db)
    with database.cursor() as cur:
        assert cur.execute("SELECT 1").fetchone() == (1,)


def test_two_uploads_at_once_are_served_one_after_the_other(app_db, tmp_path):
    files = []
    for n in range(2):
        rows = "".join(f"S{n}-{i},C{i},2024-01-01,{i}\n" for i in range(5000))
        path = tmp_path / f"upload{n}.csv"
        path.write_text("order_id,customer_id,order_date,amount\n" + rows)
        files.append(path)
    results = {}
    barrier = threading.Barrier(2)

    def upload(n: int) -> None:
        barrier.wait()
        with database.write_lock, database.cursor() as cur:
            results[n] = ingest.load_file(cur, files[n], "orders")

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(results[n].ok for n in range(2)), [r.report() for r in results.values()]
    with database.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM orders").fetchone()[0] == 10_000
        history = cur.execute("SELECT file_name FROM load_history ORDER BY load_id").fetchall()
    assert sorted(history) == [("upload0.csv",), ("upload1.csv",)]
    assert database.data_version() == 2


def test_a_write_makes_the_run_check_the_fact_tables_again(monkeypatch):
    monkeypatch.setattr(database._local, "in_run", True, raising=False)
    monkeypatch.setattr(database._local, "version", None, raising=False)
    monkeypatch.setattr(database._local, "fact_verdicts", {"order_facts": True}, raising=False)
    assert database.fact_verdicts() == {"order_facts": True}  # this run's reads share it
    with database.write_lock:
        pass
    assert database.fact_verdicts() == {}  # after a write, the next read checks again
