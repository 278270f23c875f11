"""CSV ingest: a corpus of messy files, each refused with the exact message or loaded exactly.

Every refused file is checked against the whole database: the tables, the
load history and the data version are exactly as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest

from cxdash import store
from cxdash.ingest import LoadOptions, LoadResult, load_bytes, load_file
from cxdash.schema import DATASETS, DEFAULT_WORKSHOP

# -- helpers --------------------------------------------------------------------------


def load(con, data: bytes, dataset: str = "orders", name: str | None = None, **options):
    return load_bytes(con, data, name or f"{dataset}.csv", dataset, LoadOptions(**options))


def snapshot(con) -> dict:
    """Everything a load may change: every table's rows, the history, the data version."""
    state = {}
    for name, ds in DATASETS.items():
        columns = ", ".join(ds.column_names)
        state[name] = con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()
    state["load_history"] = con.execute(
        "SELECT dataset, file_name, checksum, mode, rows_added FROM load_history ORDER BY load_id"
    ).fetchall()
    state["data_version"] = store.data_version(con)
    return state


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


ORDERS_BASE = b"""order_id,customer_id,order_date,amount,channel
O1,C1,2024-01-05,10.5,web
O2,C2,2024-01-06,20,store
"""

RACI_BASE = b"""activity,team,role
Launch,Marketing,A
Launch,Sales,R
"""


@pytest.fixture
def seeded(con):
    """A database that already holds orders and a RACI matrix, so "unchanged" means something."""
    for data, dataset in ((ORDERS_BASE, "orders"), (RACI_BASE, "raci")):
        result = load(con, data, dataset)
        assert result.ok, result.report()
    return con


# -- the corpus of refused files ----------------------------------------------------------

MISSING_REQUIRED_COLUMN = b"""order_id,customer_id,order_date
N1,C1,2024-01-01
"""
NEGATIVE_AMOUNT = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,C1,2024-01-01,0
N3,C1,2024-01-02,-5
"""
BAD_DATE = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,C1,2024-02-30,5
"""
DATE_WITH_TIME = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01 13:45:00,5
"""
DUPLICATE_KEY_IN_FILE = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,C1,2024-01-01,5
N1,C2,2024-01-03,7
"""
EXISTING_KEY = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
O2,C9,2024-01-01,5
"""
RAGGED_ROW = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,C1,2024-01-01
N3,C1,2024-01-01,5
"""
TOO_MANY_FIELDS = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5,extra,more
"""
RAGGED_AFTER_MULTILINE = b"""order_id,customer_id,order_date,amount,channel
N1,C1,2024-01-01,5,"web
shop"
N2,C1,2024-01-01
"""
UNCLOSED_QUOTE = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,"C1,2024-01-01,5
"""
REQUIRED_VALUE_EMPTY = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,  ,2024-01-01,5
"""
NOT_A_NUMBER = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,five
"""
DECIMAL_COMMA = b"""order_id;customer_id;order_date;amount
N1;C1;2024-01-01;12,50
"""
INFINITE_AMOUNT = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,inf
"""
NPS_OUT_OF_RANGE = b"""response_id,responded_at,nps
R1,2024-01-01 10:00:00,10
R2,2024-01-01 11:00:00,11
"""
NPS_NOT_WHOLE = b"""response_id,responded_at,nps
R1,2024-01-01 10:00:00,7.5
"""
BAD_TIMESTAMP = b"""response_id,responded_at,nps
R1,yesterday,7
"""
UNKNOWN_STAGE = b"""event_id,customer_id,ts,stage,channel
E1,C1,2024-01-01T09:00:00,checkout,web
"""
END_BEFORE_START = b"""campaign_id,start_date,end_date,spend
K1,2024-02-01,2024-01-31,100
"""
RESOLVED_BEFORE_OPENED = b"""ticket_id,opened_at,resolved_at,channel
T1,2024-01-02 10:00:00,2024-01-02 09:59:59,phone
"""
DUE_BEFORE_START = b"""milestone,start_date,due_date
M1,2024-06-01,2024-05-01
"""
BAD_BOOLEAN = b"""ticket_id,opened_at,channel,first_contact_resolution
T1,2024-01-02 10:00:00,phone,maybe
"""
SATISFACTION_OUT_OF_RANGE = b"""ticket_id,opened_at,channel,satisfaction
T1,2024-01-02 10:00:00,phone,0
"""
RACI_TWO_ACCOUNTABLE = b"""activity,team,role
Budget,Finance,A
Budget,Marketing,A
Budget,Sales,R
"""
RACI_NO_RESPONSIBLE = b"""activity,team,role
Budget,Finance,A
Budget,Sales,C
"""
RACI_SECOND_A_FOR_EXISTING_ACTIVITY = b"""activity,team,role
Launch,Finance,A
"""
UNKNOWN_ROLE = b"""activity,team,role
Budget,Finance,X
"""
DUPLICATE_HEADER = b"""order_id,customer_id,Order_ID,order_date,amount
N1,C1,N1,2024-01-01,5
"""
NOT_UTF8 = "order_id,customer_id,order_date,amount\nN1,Caf\u00e9,2024-01-01,5\n".encode("latin-1")
EMPTY_FILE = b""
BLANK_FILE = b"\n\n  \n"
BINARY_FILE = b"\x00\x01\x02\x03binary\x00stuff"
XLSX_FILE = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40
GZIP_FILE = b"\x1f\x8b\x08\x00" + b"\x00" * 20
NOT_A_CSV = b"""Dear team,
please find attached the numbers for January.
"""

REFUSED = [
    (
        "MISSING_REQUIRED_COLUMN",
        "orders",
        MISSING_REQUIRED_COLUMN,
        "orders.csv: column amount: the required column is missing "
        "(the header has: order_id, customer_id, order_date)",
    ),
    ("NEGATIVE_AMOUNT", "orders", NEGATIVE_AMOUNT,
     'orders.csv: row 3, column amount: "-5" must be 0 or more'),
    ("BAD_DATE", "orders", BAD_DATE,
     'orders.csv: row 2, column order_date: "2024-02-30" is not a date written YYYY-MM-DD'),
    ("DATE_WITH_TIME", "orders", DATE_WITH_TIME,
     'orders.csv: row 1, column order_date: "2024-01-01 13:45:00" is not a date written '
     "YYYY-MM-DD"),
    ("DUPLICATE_KEY_IN_FILE", "orders", DUPLICATE_KEY_IN_FILE,
     'orders.csv: row 3, column order_id: "N1" is in the file more than once '
     "(first on row 1); each key may appear once"),
    ("EXISTING_KEY", "orders", EXISTING_KEY,
     'orders.csv: row 2, column order_id: "O2" is already in orders; append only adds new '
     "keys (use upsert to update existing rows, or replace to reload the dataset)"),
    ("RAGGED_ROW", "orders", RAGGED_ROW,
     "orders.csv: line 3: has 3 fields where the header has 4"),
    ("TOO_MANY_FIELDS", "orders", TOO_MANY_FIELDS,
     "orders.csv: line 2: has 6 fields where the header has 4"),
    ("RAGGED_AFTER_MULTILINE", "orders", RAGGED_AFTER_MULTILINE,
     "orders.csv: line 4: has 3 fields where the header has 5"),
    ("UNCLOSED_QUOTE", "orders", UNCLOSED_QUOTE,
     "orders.csv: line 3: a quoted value is not closed, or text follows its closing quote"),
    ("REQUIRED_VALUE_EMPTY", "orders", REQUIRED_VALUE_EMPTY,
     "orders.csv: row 2, column customer_id: a value is required"),
    ("NOT_A_NUMBER", "orders", NOT_A_NUMBER,
     'orders.csv: row 1, column amount: "five" is not a number'),
    ("INFINITE_AMOUNT", "orders", INFINITE_AMOUNT,
     'orders.csv: row 1, column amount: "inf" is not a number'),
    ("NPS_OUT_OF_RANGE", "surveys", NPS_OUT_OF_RANGE,
     'surveys.csv: row 2, column nps: "11" must be between 0 and 10'),
    ("NPS_NOT_WHOLE", "surveys", NPS_NOT_WHOLE,
     'surveys.csv: row 1, column nps: "7.5" is not a whole number'),
    ("BAD_TIMESTAMP", "surveys", BAD_TIMESTAMP,
     'surveys.csv: row 1, column responded_at: "yesterday" is not a date and time written '
     "YYYY-MM-DD HH:MM:SS (a zone such as Z or +02:00 may follow)"),
    ("UNKNOWN_STAGE", "touchpoints", UNKNOWN_STAGE,
     'touchpoints.csv: row 1, column stage: "checkout" is not one of: awareness, '
     "consideration, purchase, service, loyalty, advocacy"),
    ("END_BEFORE_START", "campaigns", END_BEFORE_START,
     'campaigns.csv: row 1, column end_date: "2024-01-31" is before start_date "2024-02-01"'),
    ("RESOLVED_BEFORE_OPENED", "tickets", RESOLVED_BEFORE_OPENED,
     'tickets.csv: row 1, column resolved_at: "2024-01-02 09:59:59" is before opened_at '
     '"2024-01-02 10:00:00"'),
    ("DUE_BEFORE_START", "milestones", DUE_BEFORE_START,
     'milestones.csv: row 1, column due_date: "2024-05-01" is before start_date "2024-06-01"'),
    ("BAD_BOOLEAN", "tickets", BAD_BOOLEAN,
     'tickets.csv: row 1, column first_contact_resolution: "maybe" is not true or false '
     "(write true/false, yes/no or 1/0)"),
    ("SATISFACTION_OUT_OF_RANGE", "tickets", SATISFACTION_OUT_OF_RANGE,
     'tickets.csv: row 1, column satisfaction: "0" must be between 1 and 5'),
    ("RACI_TWO_ACCOUNTABLE", "raci", RACI_TWO_ACCOUNTABLE,
     'raci.csv: row 1, column activity: activity "Budget" has 2 accountable (A) teams '
     "(Finance, Marketing); each activity needs exactly one"),
    ("RACI_NO_RESPONSIBLE", "raci", RACI_NO_RESPONSIBLE,
     'raci.csv: row 1, column activity: activity "Budget" has no responsible (R) team; '
     "each activity needs at least one"),
    ("RACI_SECOND_A_FOR_EXISTING_ACTIVITY", "raci", RACI_SECOND_A_FOR_EXISTING_ACTIVITY,
     'raci.csv: row 1, column activity: activity "Launch" has 2 accountable (A) teams '
     "(Finance, Marketing); each activity needs exactly one"),
    ("UNKNOWN_ROLE", "raci", UNKNOWN_ROLE,
     'raci.csv: row 1, column role: "X" is not one of: R, A, S, C, I'),
    ("DUPLICATE_HEADER", "orders", DUPLICATE_HEADER,
     "orders.csv: line 1, column order_id: the column appears twice in the header "
     "(fields 1 and 3)"),
    ("EMPTY_FILE", "orders", EMPTY_FILE, "orders.csv: the file is empty"),
    ("BLANK_FILE", "orders", BLANK_FILE, "orders.csv: the file is empty"),
    ("BINARY_FILE", "orders", BINARY_FILE,
     "orders.csv: this is not a text CSV file (it contains binary data)"),
    ("XLSX_FILE", "orders", XLSX_FILE,
     "orders.csv: this looks like an Excel workbook or a ZIP archive, not a CSV file; "
     "save it as CSV (UTF-8) and load that"),
    ("GZIP_FILE", "orders", GZIP_FILE,
     "orders.csv: this is a compressed (gzip) file; unpack it and load the CSV inside"),
    ("NOT_A_CSV", "orders", NOT_A_CSV,
     "orders.csv: line 1: none of the header's columns belong to orders (the header has: "
     "Dear team); expected columns: order_id, customer_id, order_date, amount, channel, "
     "device, campaign_id"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("dataset", "data", "expected"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_refused_file_names_the_problem_and_changes_nothing(seeded, dataset, data, expected):
    before = snapshot(seeded)
    result = load(seeded, data, dataset)
    assert not result.ok
    assert not result.committed
    assert expected in result.report().splitlines(), result.report()
    assert result.error_count >= 1
    assert snapshot(seeded) == before


def test_every_problem_is_reported_not_just_the_first(con):
    data = b"""order_id,customer_id,order_date,amount
N1,C1,2024-13-01,5
N2,,2024-01-01,-1
N1,C3,2024-01-01,x
"""
    result = load(con, data)
    assert result.report().splitlines() == [
        'orders.csv: row 1, column order_date: "2024-13-01" is not a date written YYYY-MM-DD',
        "orders.csv: row 2, column customer_id: a value is required",
        'orders.csv: row 2, column amount: "-1" must be 0 or more',
        'orders.csv: row 3, column order_id: "N1" is in the file more than once (first on row 1); '
        "each key may appear once",
        'orders.csv: row 3, column amount: "x" is not a number',
        "orders.csv: nothing was loaded; the database is unchanged",
    ]
    assert result.error_count == 5


def test_rows_after_a_malformed_line_keep_their_numbers(con):
    data = b"""order_id,customer_id,order_date,amount
N1,C1,2024-01-01,5
N2,C1
N3,C1,2024-01-01,5
N4,C1,2024-01-01,-4
"""
    lines = load(con, data).report().splitlines()
    assert "orders.csv: line 3: has 2 fields where the header has 4" in lines
    assert 'orders.csv: row 4, column amount: "-4" must be 0 or more' in lines


def test_blank_lines_before_the_header_count_in_line_numbers(con):
    data = b"""

order_id,customer_id,order_date,amount
N1,C1
N2,C1,2024-01-01,-2
"""
    assert load(con, data).report().splitlines()[:2] == [
        "orders.csv: line 4: has 2 fields where the header has 4",
        'orders.csv: row 2, column amount: "-2" must be 0 or more',
    ]


def test_extra_column_is_a_warning_and_ignored(con):
    data = b"order_id,customer_id,order_date,amount,notes\nN1,C1,2024-01-01,5,call back\n"
    result = load(con, data)
    assert result.ok
    assert result.report().splitlines() == [
        "orders.csv: column notes: not a column of orders; ignored"
    ]
    assert result.ignored_columns == ("notes",)
    assert rows(con, "SELECT order_id, amount FROM orders") == [("N1", 5.0)]


def test_report_is_capped_with_a_count_of_the_rest(con):
    lines = [b"order_id,customer_id,order_date,amount"]
    lines += [f"N{i},C1,2024-01-01,-{i}".encode() for i in range(1, 151)]
    result = load(con, b"\n".join(lines) + b"\n")
    assert result.error_count == 150
    assert len(result.issues) == 100
    report = result.report().splitlines()
    assert report[0] == 'orders.csv: row 1, column amount: "-1" must be 0 or more'
    assert report[99] == 'orders.csv: row 100, column amount: "-100" must be 0 or more'
    assert report[100] == "… and 50 more problems not listed (150 in all)"


def test_malformed_everywhere_stops_after_the_rejects_limit(con):
    data = b"order_id,customer_id,order_date,amount\n" + b"".join(
        f"N{i},C1\n".encode() for i in range(1500)
    )
    result = load(con, data)
    assert not result.ok
    assert (
        result.report()
        .splitlines()[0]
        .startswith("orders.csv: more than 1,000 lines do not match the header")
    )
    assert rows(con, "SELECT count(*) FROM orders") == [(0,)]


# -- files that load --------------------------------------------------------------------

UTF8_BOM = b"\xef\xbb\xbforder_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n"
SEMICOLON_DELIMITED = b"order_id;customer_id;order_date;amount\nN1;C1;2024-01-01;5\n"
TAB_DELIMITED = b"order_id\tcustomer_id\torder_date\tamount\nN1\tC1\t2024-01-01\t5\n"
PIPE_DELIMITED = b"order_id|customer_id|order_date|amount\nN1|C1|2024-01-01|5\n"
CRLF_LINES = b"order_id,customer_id,order_date,amount\r\nN1,C1,2024-01-01,5\r\n"
NO_FINAL_NEWLINE = b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5"
MESSY_HEADER = b" Order_ID ,CUSTOMER_ID,Order Date,  Amount\nN1,C1,2024-01-01,5\n"
PADDED_VALUES = b"order_id,customer_id,order_date,amount\n N1 ,\tC1\t, 2024-01-01 , 5 \n"
QUOTED_VALUES = b'"order_id","customer_id","order_date","amount"\n"N1","C1","2024-01-01","5"\n'
SEMICOLON_WITH_COMMAS_IN_TEXT = (
    b"order_id;customer_id;order_date;amount;campaign_id\nN1;C1;2024-01-01;5;spring, 2024\n"
)
LEADING_BLANK_LINES = b"\n  \norder_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n"
LATIN1_FREE_UTF8 = (
    "order_id,customer_id,order_date,amount\nN1,Caf\u00e9 \u0416,2024-01-01,5\n".encode()
)

LOADS = [
    ("UTF8_BOM", UTF8_BOM, ("N1", "C1")),
    ("SEMICOLON_DELIMITED", SEMICOLON_DELIMITED, ("N1", "C1")),
    ("TAB_DELIMITED", TAB_DELIMITED, ("N1", "C1")),
    ("PIPE_DELIMITED", PIPE_DELIMITED, ("N1", "C1")),
    ("CRLF_LINES", CRLF_LINES, ("N1", "C1")),
    ("NO_FINAL_NEWLINE", NO_FINAL_NEWLINE, ("N1", "C1")),
    ("MESSY_HEADER", MESSY_HEADER, ("N1", "C1")),
    ("PADDED_VALUES", PADDED_VALUES, ("N1", "C1")),
    ("QUOTED_VALUES", QUOTED_VALUES, ("N1", "C1")),
    ("SEMICOLON_WITH_COMMAS_IN_TEXT", SEMICOLON_WITH_COMMAS_IN_TEXT, ("N1", "C1")),
    ("UTF8_TEXT", LATIN1_FREE_UTF8, ("N1", "Caf\u00e9 \u0416")),
    ("LEADING_BLANK_LINES", LEADING_BLANK_LINES, ("N1", "C1")),
]


@pytest.mark.parametrize(("data", "expected"), [c[1:] for c in LOADS], ids=[c[0] for c in LOADS])
def test_file_loads_exactly(con, data, expected):
    result = load(con, data)
    assert result.ok, result.report()
    assert result.summary() == "orders.csv -> orders (append): 1 rows added, 0 updated, 0 skipped"
    assert rows(con, "SELECT order_id, customer_id, order_date, amount FROM orders") == [
        (*expected, dt.date(2024, 1, 1), 5.0)
    ]


def test_detected_delimiter_and_bom_are_reported(con):
    result = load(con, b"\xef\xbb\xbforder_id;customer_id;order_date;amount\nN1;C1;2024-01-01;5\n")
    assert result.detected.delimiter == ";"
    assert result.detected.bom is True
    assert result.detected.encoding == "utf-8"
    assert result.columns == {
        "order_id": "order_id",
        "customer_id": "customer_id",
        "order_date": "order_date",
        "amount": "amount",
    }


ZONED_TIMESTAMPS = b"""ticket_id,opened_at,resolved_at,channel
T1,2024-03-01 10:00:00+02:00,2024-03-01T12:30:00Z,phone
T2,2024-03-01T23:30:00-05:00,2024-03-02 09:00:00 Europe/Berlin,chat
T3,2024-03-01 10:00:00,2024-03-01 10:15,web
"""


def test_zoned_timestamps_are_stored_in_utc_and_plain_ones_as_given(con):
    con.execute("SET TimeZone = 'America/New_York'")  # the caller's session must not matter
    result = load(con, ZONED_TIMESTAMPS, "tickets")
    assert result.ok, result.report()
    assert rows(
        con,
        "SELECT ticket_id, CAST(opened_at AS VARCHAR), CAST(resolved_at AS VARCHAR) "
        "FROM tickets ORDER BY ticket_id",
    ) == [
        ("T1", "2024-03-01 08:00:00", "2024-03-01 12:30:00"),
        ("T2", "2024-03-02 04:30:00", "2024-03-02 08:00:00"),
        ("T3", "2024-03-01 10:00:00", "2024-03-01 10:15:00"),
    ]
    assert rows(con, "SELECT current_setting('TimeZone')") == [("America/New_York",)]


def test_booleans_integers_and_choices_are_normalised(con):
    data = b"""ticket_id,opened_at,channel,first_contact_resolution,satisfaction
T1,2024-01-01 08:00:00,web,TRUE,5
T2,2024-01-01 08:00:00,web,no,3.0
T3,2024-01-01 08:00:00,web,1,
T4,2024-01-01 08:00:00,web,False,1
"""
    assert load(con, data, "tickets").ok
    assert rows(
        con, "SELECT ticket_id, first_contact_resolution, satisfaction FROM tickets ORDER BY 1"
    ) == [("T1", True, 5), ("T2", False, 3), ("T3", True, None), ("T4", False, 1)]
    stages = b"event_id,customer_id,ts,stage,channel\nE1,C1,2024-01-01,Awareness,web\n"
    assert load(con, stages, "touchpoints").ok
    assert rows(con, "SELECT stage FROM touchpoints") == [("awareness",)]


def test_blank_rows_are_skipped_and_counted(con):
    data = (
        b"order_id,customer_id,order_date,amount\n"
        b"N1,C1,2024-01-01,5\n"
        b",,,\n"
        b" , , , \n"
        b"N2,C1,2024-01-02,6\n"
    )
    result = load(con, data)
    assert result.ok, result.report()
    assert (result.rows_in_file, result.rows_added, result.rows_skipped) == (4, 2, 2)
    assert result.summary() == "orders.csv -> orders (append): 2 rows added, 0 updated, 2 skipped"
    assert rows(con, "SELECT order_id FROM orders ORDER BY 1") == [("N1",), ("N2",)]


def test_quoted_multiline_values_load(con):
    data = (
        b'order_id,customer_id,order_date,amount,campaign_id\nN1,C1,2024-01-01,5,"spring\nsale"\n'
    )
    assert load(con, data).ok
    assert rows(con, "SELECT campaign_id FROM orders") == [("spring\nsale",)]


def test_header_only_file_appends_nothing_with_a_warning(con):
    result = load(con, b"order_id,customer_id,order_date,amount\n")
    assert result.ok
    assert result.rows_added == 0
    assert result.report() == "orders.csv: the file has no data rows; nothing to add"


def test_overrides_delimiter_decimal_and_date_format(con):
    data = b"order_id;customer_id;order_date;amount\nN1;C1;31.01.2024;1234,5\n"
    result = load(con, data, delimiter=";", decimal=",", date_format="%d.%m.%Y")
    assert result.ok, result.report()
    assert rows(con, "SELECT order_date, amount FROM orders") == [(dt.date(2024, 1, 31), 1234.5)]


def test_explicit_mapping_renames_a_source_column(con):
    data = b"id,customer,order_date,total\nN1,C1,2024-01-01,5\n"
    result = load(
        con, data, mapping={"id": "order_id", "customer": "customer_id", "total": "amount"}
    )
    assert result.ok, result.report()
    assert result.columns["total"] == "amount"
    assert rows(con, "SELECT order_id, customer_id, amount FROM orders") == [("N1", "C1", 5.0)]


# -- modes ----------------------------------------------------------------------------------


def test_append_refuses_a_key_that_exists_and_changes_nothing(seeded):
    before = snapshot(seeded)
    result = load(
        seeded, b"order_id,customer_id,order_date,amount\nN9,C1,2024-02-01,1\nO1,C1,2024-02-01,1\n"
    )
    assert result.errors[0].message() == (
        'orders.csv: row 2, column order_id: "O1" is already in orders; append only adds new keys '
        "(use upsert to update existing rows, or replace to reload the dataset)"
    )
    assert (result.errors[0].row, result.errors[0].column, result.errors[0].value) == (
        2,
        "order_id",
        "O1",
    )
    assert snapshot(seeded) == before


def test_upsert_updates_existing_keys_and_inserts_new_ones(seeded):
    data = b"order_id,customer_id,order_date,amount\nO1,C1,2024-01-05,99\nO3,C3,2024-01-07,30\n"
    result = load(seeded, data, mode="upsert")
    assert result.ok, result.report()
    assert (result.rows_added, result.rows_updated) == (1, 1)
    assert result.summary() == "orders.csv -> orders (upsert): 1 rows added, 1 updated, 0 skipped"
    # channel is not in the file: the existing row keeps its value
    assert rows(seeded, "SELECT order_id, amount, channel FROM orders ORDER BY 1") == [
        ("O1", 99.0, "web"),
        ("O2", 20.0, "store"),
        ("O3", 30.0, None),
    ]


def test_replace_swaps_the_whole_dataset(seeded):
    result = load(
        seeded, b"order_id,customer_id,order_date,amount\nR1,C1,2024-03-01,1\n", mode="replace"
    )
    assert result.ok, result.report()
    assert (result.rows_added, result.rows_removed) == (1, 2)
    assert result.summary() == (
        "orders.csv -> orders (replace): 1 rows added, 0 updated, 0 skipped; "
        "2 previous rows removed"
    )
    assert rows(seeded, "SELECT order_id FROM orders") == [("R1",)]


def test_replace_may_reload_the_same_keys(seeded):
    result = load(seeded, ORDERS_BASE.replace(b"10.5", b"11"), mode="replace")
    assert result.ok, result.report()
    assert rows(seeded, "SELECT order_id, amount FROM orders ORDER BY 1") == [
        ("O1", 11.0),
        ("O2", 20.0),
    ]


def test_replace_with_no_rows_is_refused(seeded):
    before = snapshot(seeded)
    result = load(seeded, b"order_id,customer_id,order_date,amount\n", mode="replace")
    assert result.report().splitlines()[0] == (
        "orders.csv: the file has no data rows; replace would empty orders, so nothing was changed"
    )
    assert snapshot(seeded) == before


def test_artefacts_fill_the_workshop_and_replace_only_that_workshop(con):
    other = b"workshop,trend,impact\nspring,AI,5\n"
    assert load(con, other, "trends").ok
    assert load(con, b"trend,impact\nAI,3\nVR,2\n", "trends").ok
    assert rows(con, "SELECT workshop, trend, impact FROM trends ORDER BY 1, 2") == [
        (DEFAULT_WORKSHOP, "AI", 3),
        (DEFAULT_WORKSHOP, "VR", 2),
        ("spring", "AI", 5),
    ]
    result = load(con, b"trend,impact\nIoT,4\n", "trends", mode="replace")
    assert result.ok, result.report()
    assert result.rows_removed == 2
    assert rows(con, "SELECT workshop, trend FROM trends ORDER BY 1, 2") == [
        (DEFAULT_WORKSHOP, "IoT"),
        ("spring", "AI"),
    ]
    named = load(con, b"trend,impact\nAR,1\n", "trends", workshop="autumn")
    assert named.ok
    assert rows(con, "SELECT trend FROM trends WHERE workshop = 'autumn'") == [("AR",)]


def test_raci_rule_is_checked_on_the_resulting_table(seeded):
    # Upserting Marketing from A to R leaves Launch without an A.
    result = load(seeded, b"activity,team,role\nLaunch,Marketing,R\n", "raci", mode="upsert")
    assert result.report().splitlines()[0] == (
        'raci.csv: row 1, column activity: activity "Launch" has no accountable (A) team; '
        "each activity needs exactly one"
    )
    # Replacing the whole matrix with a valid one is fine, whatever was there.
    swap = b"activity,team,role\nLaunch,Sales,A\nLaunch,Marketing,R\n"
    assert load(seeded, swap, "raci", mode="replace").ok
    assert rows(seeded, "SELECT team, role FROM raci ORDER BY 1") == [
        ("Marketing", "R"),
        ("Sales", "A"),
    ]


# -- all or nothing, history, data version ---------------------------------------------------


def _orders_file(n: int, last: str | None = None) -> bytes:
    out = io.BytesIO()
    out.write(b"order_id,customer_id,order_date,amount,channel\n")
    for i in range(1, n + 1):
        out.write(f"G{i},C{i % 97},2024-01-{1 + i % 28:02d},{i % 500}.25,web\n".encode())
    if last is not None:
        out.write(last.encode())
    return out.getvalue()


def test_a_bad_last_row_of_a_large_file_leaves_the_database_exactly_as_before(seeded, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(_orders_file(49_999, last="G50000,C1,2024-01-01,-0.01,web\n"))
    before = snapshot(seeded)
    result = load_file(seeded, path, "orders")
    assert result.report().splitlines()[0] == (
        'big.csv: row 50000, column amount: "-0.01" must be 0 or more'
    )
    assert result.error_count == 1
    assert snapshot(seeded) == before
    # and the same file without the bad row loads in full
    path.write_bytes(_orders_file(50_000))
    ok = load_file(seeded, path, "orders")
    assert ok.ok, ok.report()
    assert ok.rows_added == 50_000
    assert rows(seeded, "SELECT count(*) FROM orders") == [(50_002,)]


def test_a_failure_while_writing_rolls_everything_back(seeded, monkeypatch):
    before = snapshot(seeded)

    def broken(con):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "bump_data_version", broken)
    result = load(seeded, b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n")
    assert not result.ok
    assert result.report().splitlines()[0] == (
        "orders.csv: writing failed and was rolled back; the database is unchanged (disk full)"
    )
    monkeypatch.undo()
    assert snapshot(seeded) == before


def test_success_writes_history_and_bumps_the_data_version(con):
    data = b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n,,,\n"
    version = store.data_version(con)
    result = load(con, data)
    assert result.ok
    assert store.data_version(con) == version + 1 == result.data_version
    history = con.execute(
        "SELECT load_id, dataset, file_name, checksum, mode, rows_in_file, rows_added, "
        "rows_updated, rows_skipped, loaded_by FROM load_history"
    ).fetchall()
    assert history == [
        (result.load_id, "orders", "orders.csv", hashlib.sha256(data).hexdigest(), "append",
         2, 1, 0, 1, None)
    ]  # fmt: skip


def test_failure_bumps_nothing_and_writes_no_history(con):
    version = store.data_version(con)
    assert not load(con, NEGATIVE_AMOUNT).ok
    assert store.data_version(con) == version
    assert rows(con, "SELECT count(*) FROM load_history") == [(0,)]


def test_loading_the_same_file_again_warns(con):
    data = b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n"
    assert load(con, data, mode="upsert").ok
    again = load(con, data, mode="upsert")
    assert again.ok
    assert again.warnings[0].code == "already_loaded"
    assert again.report().startswith(
        "orders.csv: this exact file was loaded into orders before (load 1 at "
    )


def test_dry_run_counts_and_writes_nothing(seeded):
    before = snapshot(seeded)
    data = b"order_id,customer_id,order_date,amount\nO1,C1,2024-01-05,1\nN5,C1,2024-01-05,1\n"
    result = load(seeded, data, mode="upsert", dry_run=True)
    assert result.ok and not result.committed
    assert (result.rows_added, result.rows_updated) == (1, 1)
    assert result.summary() == (
        "orders.csv -> orders (upsert, checked only): 1 rows would be added, 1 updated, "
        "0 skipped; nothing was written"
    )
    assert snapshot(seeded) == before


# -- sources and bad input never raise ------------------------------------------------------


def test_load_file_reads_a_path_and_names_the_file(con, tmp_path):
    path = tmp_path / "january orders.csv"
    path.write_bytes(ORDERS_BASE)
    result = load_file(con, path, "orders")
    assert result.ok
    assert (
        result.summary()
        == "january orders.csv -> orders (append): 2 rows added, 0 updated, 0 skipped"
    )
    assert result.checksum == hashlib.sha256(ORDERS_BASE).hexdigest()


def test_glob_characters_in_a_path_read_that_file_only(con, tmp_path):
    (tmp_path / "orders[1].csv").write_bytes(
        b"order_id,customer_id,order_date,amount\nA,C1,2024-01-01,1\n"
    )
    (tmp_path / "orders1.csv").write_bytes(
        b"order_id,customer_id,order_date,amount\nB,C1,2024-01-01,1\n"
    )
    assert load_file(con, tmp_path / "orders[1].csv", "orders").ok
    assert rows(con, "SELECT order_id FROM orders") == [("A",)]


def test_load_bytes_accepts_a_file_object(con):
    result = load_bytes(con, io.BytesIO(ORDERS_BASE), "upload/orders.csv", "orders")
    assert result.ok
    assert result.file_name == "orders.csv"
    assert rows(con, "SELECT count(*) FROM orders") == [(2,)]


@pytest.mark.parametrize(
    ("make_path", "dataset", "options", "expected"),
    [
        (lambda p: p / "missing.csv", "orders", {}, "missing.csv: the file does not exist"),
        (lambda p: p, "orders", {}, "this is a folder, not a file"),
        (lambda p: p / "x.csv", "nope", {},
         'x.csv: unknown dataset "nope"; known datasets: customers'),
        (lambda p: p / "x.csv", "orders", {"mode": "merge"},
         'x.csv: unknown load mode "merge"; use append, replace or upsert'),
        (lambda p: p / "x.csv", "orders", {"encoding": "ebcdic"},
         'x.csv: encoding "ebcdic" is not supported; use one of: utf-8, windows-1251, '),
        (lambda p: p / "x.csv", "orders", {"delimiter": "::"},
         'x.csv: the delimiter must be one character other than a quote or a line break, not "::"'),
    ],
    ids=["missing", "folder", "unknown-dataset", "unknown-mode", "encoding", "delimiter"],
)  # fmt: skip
def test_bad_input_is_a_result_not_an_exception(
    con, tmp_path, make_path, dataset, options, expected
):
    (tmp_path / "x.csv").write_bytes(ORDERS_BASE)
    result = load_file(con, make_path(tmp_path), dataset, LoadOptions(**options))
    assert isinstance(result, LoadResult)
    assert not result.ok
    assert expected in result.report()
    assert rows(con, "SELECT count(*) FROM orders") == [(0,)]


def test_the_load_leaves_the_callers_session_alone(con):
    assert load(con, ORDERS_BASE).ok
    temp = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name LIKE 'cx_%'"
    ).fetchone()[0]
    assert temp == 0


LINE_TOO_LONG = (
    b"order_id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n"
    + b"N2,C1,2024-01-01,"
    + b"9" * 3_000_000
    + b"\nN3,C1,2024-01-01,-1\n"
)
DAY_FIRST_DATES = b"order_id;customer_id;order_date;amount\nN1;C1;2024-31-01;5\n"
ID_HEADER = b"id,customer_id,order_date,amount\nN1,C1,2024-01-01,5\n"

REFUSED_WITH_OPTIONS = [
    ("DECIMAL_COMMA_READ_WITH_A_DOT", DECIMAL_COMMA, {"decimal": "."},
     ['orders.csv: row 1, column amount: "12,50" is not a number; write decimals with a dot, '
      "or load with the decimal comma option"]),
    ("NOT_UTF8_READ_AS_UTF8", NOT_UTF8, {"encoding": "utf-8"},
     ["orders.csv: line 2: is not valid utf-8 text; choose the file's encoding (for example "
      "windows-1251) or save it as UTF-8"]),
    ("LINE_TOO_LONG", LINE_TOO_LONG, {},
     ["orders.csv: line 3: the line is too long to be a CSV record",
      'orders.csv: row 3, column amount: "-1" must be 0 or more']),
    ("DATE_FORMAT_MISMATCH", DAY_FIRST_DATES, {"date_format": "%d.%m.%Y"},
     ['orders.csv: row 1, column order_date: "2024-31-01" is not a date written dd.mm.yyyy']),
    ("DECIMAL_IS_DELIMITER", ORDERS_BASE, {"decimal": ","},
     ['orders.csv: the decimal separator "," cannot also be the delimiter']),
    ("MAPPING_TO_NOWHERE", ID_HEADER, {"mapping": {"id": "order_no"}},
     ["orders.csv: the mapping id=order_no names no column of orders (its columns: order_id, "
      "customer_id, order_date, amount, channel, device, campaign_id)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "options", "expected"),
    [case[1:] for case in REFUSED_WITH_OPTIONS],
    ids=[case[0] for case in REFUSED_WITH_OPTIONS],
)
def test_refused_with_options(seeded, data, options, expected):
    before = snapshot(seeded)
    result = load(seeded, data, **options)
    lines = result.report().splitlines()
    assert not result.ok
    for line in expected:
        assert line in lines, result.report()
    assert snapshot(seeded) == before


def test_latin1_override_reads_a_single_byte_file(con):
    result = load(con, NOT_UTF8, encoding="latin-1")
    assert result.ok, result.report()
    assert rows(con, "SELECT customer_id FROM orders") == [("Caf\u00e9",)]


def test_an_unnamed_trailing_column_is_a_warning(con):
    result = load(con, b"order_id,customer_id,order_date,amount,\nN1,C1,2024-01-01,5,\n")
    assert result.ok
    assert result.report() == (
        "orders.csv: line 1: field 5 of the header has no name; its values are ignored"
    )
    assert rows(con, "SELECT count(*) FROM orders") == [(1,)]
