import duckdb
import pytest

from cxdash import store
from cxdash.schema import DATASETS


def test_a_new_file_gets_every_table_and_the_current_version(db_path):
    with store.connect(db_path) as con:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        assert set(DATASETS) | {"load_history", "schema_version", "meta"} <= tables
        assert store.current_version(con) == store.SCHEMA_VERSION
    assert db_path.exists()


def test_reopening_does_not_migrate_twice(db_path):
    store.connect(db_path).close()
    with store.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(
            store.MIGRATIONS
        )


def test_a_newer_schema_is_refused(db_path):
    with store.connect(db_path) as con:
        con.execute("INSERT INTO schema_version (version) VALUES (999)")
    with pytest.raises(RuntimeError, match="newer than this cxdash"):
        store.connect(db_path)


def test_keys_of_the_small_tables_are_unique(con):
    con.execute("INSERT INTO kpi_targets VALUES ('nps', DATE '2024-01-01', DATE '2024-03-31', 40)")
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO kpi_targets VALUES ('nps', DATE '2024-01-01', DATE '2024-03-31', 50)"
        )


def test_customer_data_tables_carry_no_key_index(con):
    # Loads check their keys set-based instead (tests/unit/test_ingest.py).
    keyed = {
        table
        for (table,) in con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    }
    big = {"customers", "orders", "campaigns", "touchpoints", "tickets", "surveys"}
    assert store.UNKEYED == big
    assert not keyed & store.UNKEYED
    assert {"kpi_targets", "trends", "raci", "maturity"} <= keyed


def test_data_version_counts_changes(con):
    assert store.data_version(con) == 0
    assert store.bump_data_version(con) == 1
    assert store.data_version(con) == 1


def test_a_failed_transaction_leaves_nothing(con):
    with pytest.raises(duckdb.ConstraintException), store.transaction(con):
        con.execute(
            "INSERT INTO customers (customer_id, signup_date) VALUES ('c1', DATE '2024-01-01')"
        )
        con.execute("INSERT INTO customers (customer_id, signup_date) VALUES ('c2', NULL)")
    assert store.row_count(con, "customers") == 0


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(store.ENV_DB, str(tmp_path / "x.duckdb"))
    assert store.default_db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv(store.ENV_DB)
    assert store.default_db_path() == store.DEFAULT_DB
