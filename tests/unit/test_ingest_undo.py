"""Modes, all or nothing, the load history and undo of the last load of a dataset.

Undo must leave every table exactly as it was before the load, whatever the
mode; a refused load must leave everything (rows, history, undo backups, the
data version) as it was.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from cxdash import store
from cxdash.ingest import LoadOptions, history, load_bytes, load_file, undo_last, undoable
from cxdash.schema import DATASETS, DEFAULT_WORKSHOP


def load(con, data: bytes, dataset: str = "orders", **options):
    return load_bytes(con, data, f"{dataset}.csv", dataset, LoadOptions(**options))


def table(con, name: str = "orders") -> list[tuple]:
    columns = ", ".join(DATASETS[name].column_names)
    return con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()


def everything(con) -> dict:
    """Every table a load or an undo may touch, bookkeeping included."""
    state = {name: table(con, name) for name in DATASETS}
    for name in DATASETS:
        for side in (store.undo_table(name), store.undo_keys_table(name)):
            state[side] = con.execute(f"SELECT * FROM {side} ORDER BY ALL").fetchall()
    state["load_history"] = con.execute("SELECT * FROM load_history ORDER BY load_id").fetchall()
    state["data_version"] = store.data_version(con)
    return state


BASE = b"""order_id,customer_id,order_date,amount,channel
O1,C1,2024-01-05,10.5,web
O2,C2,2024-01-06,20,store
O3,C3,2024-01-07,30,app
"""
APPEND = b"order_id,customer_id,order_date,amount\nO4,C4,2024-02-01,40\nO5,C5,2024-02-02,50\n"
UPSERT = b"order_id,customer_id,order_date,amount\nO2,C2,2024-01-06,99\nO6,C6,2024-02-03,60\n"
REPLACE = b"order_id,customer_id,order_date,amount\nO1,C9,2024-03-01,1\nO7,C7,2024-03-02,2\n"
OVERLAP = b"order_id,customer_id,order_date,amount\nO3,C3,2024-01-07,31\nO8,C8,2024-02-04,80\n"


@pytest.fixture
def based(con):
    assert load(con, BASE).ok
    return con


@pytest.mark.parametrize(
    ("data", "options", "after"),
    [
        (APPEND, {"mode": "append"}, 5),
        (UPSERT, {"mode": "upsert"}, 4),
        (REPLACE, {"mode": "replace"}, 2),
        (OVERLAP, {"mode": "append", "skip_existing": True}, 4),
    ],
    ids=["append", "upsert", "replace", "append-skip-existing"],
)
def test_undo_restores_the_table_exactly(based, data, options, after):
    before = table(based)
    result = load(based, data, **options)
    assert result.ok, result.report()
    assert len(table(based)) == after
    assert undoable(based) == {"orders": result.load_id}

    outcome = undo_last(based, "orders", by="analyst")
    assert outcome.ok, outcome.message()
    assert table(based) == before
    entry = history(based, "orders")[0]
    assert entry["load_id"] == result.load_id
    assert entry["undone_by"] == "analyst" and entry["undone_at"] is not None
    assert undoable(based) == {}
    assert based.execute("SELECT count(*) FROM undo_orders").fetchone() == (0,)
    assert based.execute("SELECT count(*) FROM undo_keys_orders").fetchone() == (0,)


def test_undo_message_counts_what_it_did(based):
    result = load(based, UPSERT, mode="upsert")
    outcome = undo_last(based, "orders")
    assert (outcome.rows_removed, outcome.rows_restored) == (2, 1)
    assert outcome.message() == (
        f"Load {result.load_id} of orders (orders.csv) was undone: 2 rows it wrote were "
        "removed, 1 earlier rows were put back."
    )


def test_undo_of_a_replace_brings_back_every_previous_row(based):
    before = table(based)
    assert load(based, REPLACE, mode="replace").rows_removed == 3
    assert undo_last(based, "orders").ok
    assert table(based) == before


def test_a_load_that_writes_the_whole_table_keeps_no_keys_and_undo_empties_it(con):
    first = load(con, BASE)
    assert first.ok
    # An append into an empty table: its keys are every key there, so none are copied.
    assert con.execute("SELECT count(*) FROM undo_keys_orders").fetchone() == (0,)
    assert undo_last(con, "orders").rows_removed == 3
    assert table(con) == []
    assert load(con, BASE).ok
    before = table(con)
    # An append into a table with rows keeps its keys: undo takes back only those.
    assert load(con, APPEND).ok
    assert con.execute("SELECT count(*) FROM undo_keys_orders").fetchone() == (2,)
    assert undo_last(con, "orders").rows_removed == 2
    assert table(con) == before
    # A replace of the whole dataset keeps the old rows, not the new keys.
    assert load(con, REPLACE, mode="replace").ok
    assert con.execute("SELECT count(*) FROM undo_keys_orders").fetchone() == (0,)
    outcome = undo_last(con, "orders")
    assert (outcome.rows_removed, outcome.rows_restored) == (2, 3)
    assert table(con) == before


def test_undo_of_an_artefact_replace_touches_only_its_workshop(con):
    assert load(con, b"workshop,trend,impact\nspring,AI,5\n", "trends").ok
    assert load(con, b"trend,impact\nAI,3\nVR,2\n", "trends").ok
    before = table(con, "trends")
    assert load(con, b"trend,impact\nIoT,4\n", "trends", mode="replace").ok
    assert table(con, "trends") == [(DEFAULT_WORKSHOP, "IoT", None, 4, None, None), (
        "spring", "AI", None, 5, None, None)]  # fmt: skip
    assert undo_last(con, "trends").ok
    assert table(con, "trends") == before


def test_only_the_last_load_can_be_undone_and_only_once(based):
    first = load(based, APPEND)
    second = load(based, UPSERT, mode="upsert")
    assert undoable(based) == {"orders": second.load_id}
    assert undo_last(based, "orders").load_id == second.load_id
    refused = undo_last(based, "orders")
    assert (refused.code, refused.load_id) == ("no_backup", first.load_id)
    assert refused.message().startswith(
        f"The last load of orders (load {first.load_id}, orders.csv) cannot be undone"
    )
    assert [e["undoable"] for e in history(based)] == [False, False, False]


def test_undo_is_per_dataset(based):
    orders_load = load(based, APPEND)
    customers = load(based, b"customer_id,signup_date\nC1,2023-01-01\n", "customers")
    assert undoable(based) == {"orders": orders_load.load_id, "customers": customers.load_id}
    assert undo_last(based, "orders").ok
    assert table(based, "customers") == [("C1", dt.date(2023, 1, 1),
                                          None, None, None, None)]  # fmt: skip


def test_nothing_to_undo(con):
    assert undo_last(con, "orders").code == "nothing_to_undo"
    assert undo_last(con, "orders").message() == "orders has no load to undo."
    assert undo_last(con, "nope").code == "unknown_dataset"


def test_the_backup_is_one_level_deep(based):
    load(based, REPLACE, mode="replace")
    load(based, APPEND.replace(b"O4", b"O9").replace(b"O5", b"O10"))
    kept = based.execute(
        "SELECT DISTINCT load_id FROM undo_orders UNION SELECT load_id FROM undo_keys_orders"
    ).fetchall()
    assert kept == [(history(based)[0]["load_id"],)]


def test_undo_and_loads_bump_the_data_version(based):
    version = store.data_version(based)
    result = load(based, APPEND)
    assert result.data_version == version + 1
    outcome = undo_last(based, "orders")
    assert outcome.data_version == version + 2 == store.data_version(based)


def test_history_records_each_load(based):
    load(based, APPEND, loaded_by="ana")
    load(based, REPLACE, mode="replace")
    entries = history(based)
    assert [
        (e["mode"], e["rows_added"], e["rows_updated"], e["rows_removed"], e["loaded_by"])
        for e in entries
    ] == [("replace", 2, 0, 5, None), ("append", 2, 0, 0, "ana"), ("append", 3, 0, 0, None)]
    assert all(len(e["checksum"]) == 64 for e in entries)
    assert history(based, "customers") == []


# -- append: existing keys are refused, or skipped with a count ---------------------------------


def test_append_skips_existing_keys_when_asked(based):
    result = load(based, OVERLAP, skip_existing=True)
    assert result.ok, result.report()
    assert (result.rows_added, result.rows_skipped) == (1, 1)
    assert result.report() == (
        "orders.csv: 1 rows have a key that is already in orders; they were skipped, the "
        "existing rows are kept"
    )
    assert result.summary() == "orders.csv -> orders (append): 1 rows added, 0 updated, 1 skipped"
    # the existing row is untouched
    assert based.execute("SELECT amount FROM orders WHERE order_id = 'O3'").fetchone() == (30.0,)


def test_skip_existing_still_refuses_duplicates_inside_the_file(based):
    data = b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,1\nN1,C1,2024-01-01,2\n"
    result = load(based, data, skip_existing=True)
    assert not result.ok
    assert result.errors[0].code == "duplicate_key"


def test_dry_run_of_skip_existing_counts_what_would_be_skipped(based):
    result = load(based, OVERLAP, skip_existing=True, dry_run=True)
    assert (result.rows_added, result.rows_skipped) == (1, 1)
    assert len(table(based)) == 3


# -- all or nothing: the primary key refuses late duplicates -------------------------------------


def _big(n: int, last: str) -> bytes:
    lines = [b"order_id,customer_id,order_date,amount"]
    lines += [f"G{i},C{i % 97},2024-01-{1 + i % 28:02d},{i % 500}.25".encode() for i in range(n)]
    lines.append(last.encode())
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("O2,C1,2024-01-01,1",
         'big.csv: row 50000, column order_id: "O2" is already in orders; append only adds new '
         "keys (use upsert to update existing rows, or replace to reload the dataset)"),
        ("G7,C1,2024-01-01,1",
         'big.csv: row 50000, column order_id: "G7" is in the file more than once (first on '
         "row 8); each key may appear once"),
    ],
    ids=["key-already-loaded", "key-twice-in-the-file"],
)  # fmt: skip
def test_a_duplicate_key_in_the_last_row_leaves_everything_as_it_was(
    based, tmp_path, last, expected
):
    load(based, APPEND)  # so that there is an undo backup that must survive
    before = everything(based)
    path = tmp_path / "big.csv"
    path.write_bytes(_big(49_999, last))
    result = load_file(based, path, "orders")
    assert result.report().splitlines()[0] == expected
    assert result.error_count == 1
    assert everything(based) == before


def test_a_failed_undo_changes_nothing(based, monkeypatch):
    load(based, UPSERT, mode="upsert")
    before = everything(based)

    def broken(con):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "bump_data_version", broken)
    with pytest.raises(RuntimeError):
        undo_last(based, "orders")
    monkeypatch.undo()
    assert everything(based) == before


# -- schema: version 1 files are upgraded -------------------------------------------------


def test_a_version_1_file_is_upgraded_and_its_old_loads_are_not_undoable(db_path, monkeypatch):
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
    monkeypatch.setattr(store, "SCHEMA_VERSION", 1)
    with store.connect(db_path) as con:
        assert store.current_version(con) == 1
        con.execute(
            "INSERT INTO orders VALUES ('V1', 'C1', DATE '2024-01-01', 5, NULL, NULL, NULL)"
        )
        con.execute(
            "INSERT INTO load_history (dataset, file_name, checksum, mode, rows_in_file, "
            "rows_added, rows_updated, rows_skipped) VALUES ('orders', 'old.csv', 'x', "
            "'append', 1, 1, 0, 0)"
        )
    monkeypatch.undo()
    # Read-only (as `cxdash history` opens it) the file stays at version 1 and still reads.
    with store.connect(db_path, read_only=True) as con:
        assert store.current_version(con) == 1
        assert [(e["file_name"], e["rows_removed"], e["undoable"]) for e in history(con)] == [
            ("old.csv", 0, False)
        ]
    with store.connect(db_path) as con:
        assert store.current_version(con) == store.SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (
            len(store.MIGRATIONS),
        )
        assert undoable(con) == {}
        assert history(con)[0]["rows_removed"] == 0
        assert undo_last(con, "orders").code == "no_backup"
        # loads work on the upgraded file, and are undoable
        assert load(con, APPEND).ok
        assert undo_last(con, "orders").ok
        assert table(con) == [("V1", "C1", dt.date(2024, 1, 1), 5.0, None,
                               None, None)]  # fmt: skip


def test_undo_tables_mirror_every_dataset(con):
    for name, ds in DATASETS.items():
        rows = [r[0] for r in con.execute(f"DESCRIBE {store.undo_table(name)}").fetchall()]
        assert rows == ["load_id", *ds.column_names]
        keys = [r[0] for r in con.execute(f"DESCRIBE {store.undo_keys_table(name)}").fetchall()]
        assert keys == ["load_id", *ds.key]


def test_a_read_only_connection_can_read_the_history(db_path):
    with store.connect(db_path) as con:
        load(con, BASE)
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert history(con)[0]["file_name"] == "orders.csv"
