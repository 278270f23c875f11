"""``python -m cxdash load``: exit codes, messages and the database, through a real process."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.processes import cxdash

REPO = Path(__file__).resolve().parents[2]

GOOD = b"order_id,customer_id,order_date,amount\nO1,C1,2024-01-01,5\nO2,C2,2024-01-02,7.5\n"
MORE = b"order_id,customer_id,order_date,amount,notes\nO3,C1,2024-01-03,1,hi\n"
NEGATIVE = b"order_id,customer_id,order_date,amount\nO8,C1,2024-01-01,5\nO9,C1,2024-01-01,-5\n"
RAGGED = b"order_id,customer_id,order_date,amount\nO8,C1,2024-01-01,5\nO9,C1\n"


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


# -- detection and its overrides, through a real process ------------------------------------

WIN1251_EXCEL = (
    "Номер заказа;Клиент;Дата;Сумма;Канал\r\nЗ-1;Иванов;31.01.2024;1 234,50;магазин\r\n"
).encode("cp1251")
AMBIGUOUS_DATES = b"order_id,customer_id,order_date,amount\nA1,C1,03/04/2025,5\n"
CUSTOM_HEADERS = b"Ref|Buyer|When|Total|Notes\nX1|C1|2024-01-31|5.5|hi\n"


def stored(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_everything_is_detected_when_nothing_is_given(tmp_path):
    db = tmp_path / "cx.duckdb"
    run = cxdash("load", str(write(tmp_path, "excel.csv", WIN1251_EXCEL)), "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "excel.csv -> orders (append): 1 rows added, 0 updated, 0 skipped"
    assert stored(db, "SELECT order_id, customer_id, CAST(order_date AS VARCHAR), amount, "
                      "channel FROM orders") == [("З-1", "Иванов", "2024-01-31", 1234.5,
                                                  "магазин")]  # fmt: skip


def test_ambiguous_dates_are_refused_until_the_format_is_given(tmp_path):
    db = tmp_path / "cx.duckdb"
    source = str(write(tmp_path, "us.csv", AMBIGUOUS_DATES))
    run = cxdash("load", source, "--dataset", "orders", "--db", str(db))
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == (
        'us.csv: dates such as "03/04/2025" can be read as dd/mm/yyyy or as mm/dd/yyyy; '
        "choose the date format"
    )
    run = cxdash("load", source, "--dataset", "orders", "--date-format", "mm/dd/yyyy",
                 "--db", str(db))  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert stored(db, "SELECT CAST(order_date AS VARCHAR) FROM orders") == [("2025-03-04",)]


def test_overrides_encoding_delimiter_decimal_and_mapping(tmp_path):
    db = tmp_path / "cx.duckdb"
    data = CUSTOM_HEADERS.replace(b"C1", "Ж".encode("cp1251")).replace(b"5.5", b"5,5")
    source = str(write(tmp_path, "custom.csv", data))
    run = cxdash(
        "load", source, "--dataset", "orders", "--encoding", "windows-1251",
        "--delimiter", "|", "--decimal", ",", "--map", "Ref=order_id", "--map", "Buyer=customer_id",
        "--map", "When=order_date", "--map", "Notes=", "--db", str(db),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "custom.csv -> orders (append): 1 rows added, 0 updated, 0 skipped"
    assert stored(db, "SELECT order_id, customer_id, amount FROM orders") == [("X1", "Ж", 5.5)]


def test_a_wrong_override_is_refused_with_its_reason(tmp_path):
    db = tmp_path / "cx.duckdb"
    source = str(write(tmp_path, "excel.csv", WIN1251_EXCEL))
    run = cxdash("load", source, "--decimal", ".", "--db", str(db))
    assert run.returncode == 1
    assert 'excel.csv: row 1, column amount: "1 234,50" is not a number' in run.stderr
    assert stored(db, "SELECT count(*) FROM orders") == [(0,)]


def test_a_bad_map_argument_is_a_usage_error(tmp_path):
    run = cxdash("load", "x.csv", "--map", "amount", "--db", str(tmp_path / "cx.duckdb"))
    assert run.returncode == 2
    assert "is not SRC=DST" in run.stderr


def test_skip_existing_and_dry_run(tmp_path):
    db = tmp_path / "cx.duckdb"
    assert cxdash("load", str(write(tmp_path, "a.csv", GOOD)), "--db", str(db)).returncode == 0
    overlap = write(tmp_path, "b.csv", GOOD.replace(b"O1,", b"O7,"))
    dry = cxdash("load", str(overlap), "--skip-existing", "--dry-run", "--db", str(db))
    assert dry.returncode == 0, dry.stderr
    assert dry.stderr.splitlines()[-1] == (
        "b.csv -> orders (append, checked only): 1 rows would be added, 0 updated, 1 skipped; "
        "nothing was written"
    )
    assert counts(db)["orders"] == [("O1", 5.0), ("O2", 7.5)]
    run = cxdash("load", str(overlap), "--skip-existing", "--db", str(db))
    assert run.returncode == 0, run.stderr
    assert counts(db)["orders"] == [("O1", 5.0), ("O2", 7.5), ("O7", 5.0)]


def test_undo_history_and_template_commands(tmp_path):
    db = tmp_path / "cx.duckdb"
    assert cxdash("load", str(write(tmp_path, "a.csv", GOOD)), "--db", str(db),
                  "--by", "nightly").returncode == 0  # fmt: skip
    listed = cxdash("history", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    entry = json.loads(listed.stdout.splitlines()[0])
    assert (entry["file_name"], entry["rows_added"], entry["loaded_by"], entry["undoable"]) == (
        "a.csv", 2, "nightly", True)  # fmt: skip
    undo = cxdash("undo", "--dataset", "orders", "--db", str(db))
    assert undo.returncode == 0, undo.stderr
    assert undo.stderr.strip() == (
        f"Load {entry['load_id']} of orders (a.csv) was undone: 2 rows it wrote were removed, "
        "0 earlier rows were put back."
    )
    assert counts(db)["orders"] == []
    again = cxdash("undo", "--dataset", "orders", "--db", str(db))
    assert again.returncode == 1
    template = cxdash("template", "orders")
    assert template.stdout == "order_id,customer_id,order_date,amount,channel,device,campaign_id\n"
    dictionary = json.loads(cxdash("template", "orders", "--dictionary").stdout)
    assert dictionary[3] == {
        "column": "amount",
        "type": "number",
        "required": "required",
        "rules": "0 or more",
        "description": "The order's value in your currency, 0 or more.",
    }
