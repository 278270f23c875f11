"""The one-pass load (an append into an empty table) ends exactly as the full check would.

Each file is loaded twice into fresh databases: once as it comes, once with the
one pass turned off. Result, rows, history and undo bookkeeping must be the
same; clean files must really have taken the one pass, and files with problems
must have left it without writing anything or using up a load id.
"""

from __future__ import annotations

import pytest

from cxdash import store
from cxdash.ingest import LoadOptions, direct, load_file, undo_last

HEADER = "order_id,customer_id,order_date,amount,channel\n"

CLEAN = {
    "plain": HEADER + "O1,C1,2024-01-01,5,web\nO2,C2,2024-01-02,6.5,app\n",
    "spaces_around_values": HEADER + " O1 ,C1,2024-01-01, 5 ,web\nO2,\tC2,2024-01-02,6.5,app \n",
    "space_inside_a_value": HEADER + "O1,C1,2024-01-01,5,web shop\n",
    "quoted": HEADER + '"O1","C1","2024-01-01","5","a, b"\n"O2"," C2","2024-01-02","1 234.5",x\n',
    "crlf": (HEADER + "O1,C1,2024-01-01,5,web\nO2,C2,2024-01-02,7,app\n").replace("\n", "\r\n"),
    "bom": "\ufeff" + HEADER + "O1,C1,2024-01-01,5,web\n",
    "blank_lines_before_the_header": "\n \n" + HEADER + "O1,C1,2024-01-01,5,web\n",
    "decimal_comma_and_day_first_dates": (
        "order_id;customer_id;order_date;amount\nO1;C1;21.02.2024;5,5\nO2;C1;23.02.2024;1.234,5\n"
    ),
    "header_with_spaces": "Order ID,Customer ID,Order date,Amount\nO1,C1,2024-01-01,5\n",
    "tab_delimited_with_a_quoted_tab": (
        'order_id\tcustomer_id\torder_date\tamount\n"O1\t"\tC1\t2024-01-01\t5\n'
    ),
    "no_line_break_at_the_end": HEADER + "O1,C1,2024-01-01,5,web ",
}

REFUSED = {
    "key_twice": HEADER + "O1,C1,2024-01-01,5,web\nO1,C2,2024-01-02,6.5,app\n",
    "negative_amount": HEADER + "O1,C1,2024-01-01,5,web\nO2,C2,2024-01-02,-6.5,app\n",
    "not_a_date": HEADER + "O1,C1,2024-13-01,5,web\n",
    "missing_value": HEADER + "O1,,2024-01-01,5,web\n",
    "quoted_empty_value": HEADER + 'O1,"",2024-01-01,5,web\n',
    "year_ten_thousand": HEADER + "O1,C1,10000-01-01,5,web\n",
    "not_a_number": HEADER + "O1,C1,2024-01-01,nan,web\n",
    "date_with_a_time": HEADER + "O1,C1,2024-01-01 10:00,5,web\n",
    "too_few_fields": HEADER + "O1,C1,2024-01-01,5\nO2,C2,2024-01-02,6.5,app\n",
}

# Loaded, but not in one pass: the full check counts what the one pass cannot.
COUNTED = {
    "blank_record": HEADER + "O1,C1,2024-01-01,5,web\n,,,,\nO2,C2,2024-01-02,6.5,app\n",
    "header_only": HEADER,
}


def _load(tmp_path, name: str, text: str, one_pass: bool, monkeypatch, **options):
    """Load ``text`` into a fresh database; the outcome and whether the one pass wrote it."""
    path = tmp_path / f"{name}.csv"
    path.write_bytes(text.encode("cp1251" if name == "cp1251" else "utf-8"))
    written = []
    real_load = direct.load

    def watched(*args, **kwargs):
        outcome = real_load(*args, **kwargs)
        written.append(outcome is not None)
        return outcome

    with monkeypatch.context() as patch:
        patch.setattr(direct, "load", watched)
        if not one_pass:
            patch.setattr(direct, "eligible", lambda plan: False)
        con = store.connect(tmp_path / f"{name}-{one_pass}.duckdb")
        result = load_file(con, path, "orders", LoadOptions(**options))
    outcome = {
        "ok": result.ok,
        "report": result.report(),
        "summary": result.summary(),
        "counts": (result.rows_in_file, result.rows_added, result.rows_skipped),
        "ids": (result.load_id, result.data_version, result.checksum),
        "detected": result.detected,
        "rows": con.execute("SELECT * FROM orders ORDER BY ALL").fetchall(),
        "history": con.execute(
            "SELECT load_id, file_name, checksum, mode, rows_in_file, rows_added, rows_updated, "
            "rows_skipped, rows_removed, undo_kept, undo_all FROM load_history"
        ).fetchall(),
        "undo_keys": con.execute("SELECT count(*) FROM undo_keys_orders").fetchone(),
    }
    return con, outcome, any(written)


@pytest.mark.parametrize("name", [*CLEAN, "cp1251"])
def test_a_clean_file_into_an_empty_table_loads_in_one_pass_as_the_full_check_would(
    tmp_path, monkeypatch, name
):
    text = CLEAN.get(name, "order_id,customer_id,order_date,amount\nO1,Мария,2024-01-01,5\n")
    con, fast, one_pass = _load(tmp_path, name, text, True, monkeypatch)
    _, full, _ = _load(tmp_path, name, text, False, monkeypatch)
    assert one_pass
    assert fast["ok"], fast["report"]
    assert fast == full
    # Undo takes the whole load back, as it does for any append into an empty table.
    assert undo_last(con, "orders").ok
    assert con.execute("SELECT count(*) FROM orders").fetchone() == (0,)


@pytest.mark.parametrize("name", [*REFUSED, *COUNTED])
def test_a_file_the_one_pass_cannot_take_gets_the_full_check_and_uses_no_load_id(
    tmp_path, monkeypatch, name
):
    text = {**REFUSED, **COUNTED}[name]
    con, fast, one_pass = _load(tmp_path, name, text, True, monkeypatch)
    _, full, _ = _load(tmp_path, name, text, False, monkeypatch)
    assert not one_pass
    assert fast == full
    assert fast["ok"] == (name in COUNTED)
    # The next load is load 1 (or 2 after a counted one): the attempt left no trace.
    path = tmp_path / "next.csv"
    path.write_text(HEADER + "N1,C1,2024-01-01,5,web\n")
    again = load_file(con, path, "orders", LoadOptions(mode="replace"))
    assert again.ok, again.report()
    assert again.load_id == (2 if name in COUNTED else 1)


def test_a_table_with_rows_gets_the_full_check(tmp_path, monkeypatch):
    con, _, _ = _load(tmp_path, "first", CLEAN["plain"], True, monkeypatch)
    path = tmp_path / "second.csv"
    path.write_text(HEADER + "O3,C1,2024-01-01,5,web\nO1,C1,2024-01-01,5,web\n")
    seen = []
    real_load = direct.load
    monkeypatch.setattr(direct, "load", lambda *a, **k: seen.append(real_load(*a, **k)))
    result = load_file(con, path, "orders")
    assert seen == [None]
    assert result.report().splitlines()[0] == (
        'second.csv: row 2, column order_id: "O1" is already in orders; append only adds new '
        "keys (use upsert to update existing rows, or replace to reload the dataset)"
    )


@pytest.mark.parametrize(
    "options",
    [{"mode": "replace"}, {"mode": "upsert"}, {"dry_run": True}, {"skip_existing": True}],
    ids=["replace", "upsert", "dry_run", "skip_existing"],
)
def test_only_a_plain_append_tries_the_one_pass(tmp_path, monkeypatch, options):
    _, outcome, one_pass = _load(tmp_path, "plain", CLEAN["plain"], True, monkeypatch, **options)
    assert outcome["ok"], outcome["report"]
    assert not one_pass
