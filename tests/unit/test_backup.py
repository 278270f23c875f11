"""``backup --out DIR`` and ``restore DIR``: consistent, all or nothing, safe while the app runs."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from cxdash import store
from cxdash.backup import MANIFEST, table_counts
from cxdash.ui import database
from tests.processes import cxdash

REPO = Path(__file__).resolve().parents[2]
HEADER = "order_id,customer_id,order_date,amount\n"


def load(db: Path, folder: Path, name: str, rows: int, *extra: str) -> None:
    path = folder / f"{name}.csv"
    body = "".join(
        f"{name}{i},C{i % 50},2024-03-{1 + i % 28:02d},{i % 90}.5\n" for i in range(rows)
    )
    path.write_text(HEADER + body)
    run = cxdash("load", str(path), "--db", str(db), *extra)
    assert run.returncode == 0, run.stderr


def state(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "counts": table_counts(con),
            "orders": con.execute(
                "SELECT count(*), sum(amount), max(order_id) FROM orders"
            ).fetchone(),
            "history": con.execute(
                "SELECT load_id, file_name FROM load_history ORDER BY 1"
            ).fetchall(),
        }


def version(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return store.data_version(con)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "cx.duckdb"
    load(path, tmp_path, "A", 2000)
    load(path, tmp_path, "B", 500, "--mode", "upsert")
    return path


def test_a_backup_restores_exactly_what_was_backed_up(db, tmp_path):
    saved = state(db)
    run = cxdash("backup", "--out", str(tmp_path / "bk"), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert "backup written to" in run.stderr
    manifest = json.loads((tmp_path / "bk" / MANIFEST).read_text())
    assert manifest["schema_version"] == store.SCHEMA_VERSION
    assert manifest["data_version"] == version(db)
    assert manifest["counts"] == saved["counts"]

    load(db, tmp_path, "C", 300)  # the day goes on
    after_backup = version(db)
    restored = cxdash("restore", str(tmp_path / "bk"), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert state(db) == saved
    assert version(db) > after_backup  # the app sees a version it never cached
    # The replaced database is kept beside it.
    kept = db.with_name(db.name + ".before-restore")
    assert state(kept)["orders"][0] == saved["orders"][0] + 300
    # Loads go on after a restore: the history's numbering continues.
    load(db, tmp_path, "D", 10)
    with duckdb.connect(str(db), read_only=True) as con:
        ids = [r[0] for r in con.execute("SELECT load_id FROM load_history ORDER BY 1").fetchall()]
    assert len(ids) == len(set(ids)) == len(saved["history"]) + 1


def test_backup_and_restore_while_the_app_holds_the_database(db, tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV_DB, str(db))
    try:
        seen = database.data_version()  # the app holds the file now
        backed = cxdash("backup", "--out", str(tmp_path / "bk"), "--db", str(db), "--wait", "20")
        assert backed.returncode == 0, backed.stderr
        with database.write_lock, database.cursor() as cur:
            cur.execute("DELETE FROM orders")
            store.bump_data_version(cur)
        restored = cxdash("restore", str(tmp_path / "bk"), "--db", str(db), "--wait", "20")
        assert restored.returncode == 0, restored.stderr
        assert database.data_version() > seen + 1
        with database.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM orders").fetchone()[0] == 2500
    finally:
        database.close_connection()


@pytest.fixture
def backup_dir(db, tmp_path) -> Path:
    run = cxdash("backup", "--out", str(tmp_path / "bk"), "--db", str(db))
    assert run.returncode == 0, run.stderr
    return tmp_path / "bk"


def _edit_manifest(folder: Path, **changes) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest.update(changes)
    (folder / MANIFEST).write_text(json.dumps(manifest))


def _refused(db: Path, folder: Path, message: str) -> None:
    before = state(db), version(db)
    run = cxdash("restore", str(folder), "--db", str(db))
    assert run.returncode == 1
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert (state(db), version(db)) == before
    assert not db.with_name(db.name + ".restoring").exists()
    assert not db.with_name(db.name + ".before-restore").exists()


def test_a_backup_of_a_newer_schema_is_refused(db, backup_dir):
    _edit_manifest(backup_dir, schema_version=store.SCHEMA_VERSION + 1)
    _refused(db, backup_dir, f"newer than this cxdash ({store.SCHEMA_VERSION})")


def test_a_damaged_backup_is_refused_and_changes_nothing(db, backup_dir):
    counts = json.loads((backup_dir / MANIFEST).read_text())["counts"]
    _edit_manifest(backup_dir, counts={**counts, "orders": counts["orders"] + 1})
    _refused(db, backup_dir, "the backup is damaged: table orders has 2,500 rows")


def test_a_backup_missing_a_file_is_refused(db, backup_dir):
    (backup_dir / "orders.parquet").unlink()
    _refused(db, backup_dir, "cannot be imported")


def test_a_folder_that_is_not_a_backup_is_refused(db, tmp_path):
    (tmp_path / "other").mkdir()
    _refused(db, tmp_path / "other", "is not a cxdash backup")


def test_backup_will_not_write_into_a_folder_with_files(db, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    run = cxdash("backup", "--out", str(tmp_path / "full"), "--db", str(db))
    assert run.returncode == 1
    assert "is not an empty folder" in run.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


def test_a_backup_whose_scripts_were_edited_is_refused(db, backup_dir, tmp_path):
    outside = tmp_path / "written-by-restore.csv"
    with open(backup_dir / "load.sql", "a", encoding="utf-8") as script:
        script.write(f"COPY orders TO '{outside}';\n")
    _refused(db, backup_dir, "holds a statement a backup never has: COPY orders TO")
    assert not outside.exists()
