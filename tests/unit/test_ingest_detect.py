"""Detection: real exports as Excel in Tashkent and scripts in Berlin write them.

A corpus of messy files, one per kind, each as inline bytes named for what it
is: encodings, delimiters, decimal commas, date formats, header synonyms and
which dataset a file belongs to. Each either loads exactly (the stored values
are checked) or is refused with the message that says what to fix.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cxdash.ingest import LoadOptions, guess_dataset, inspect, load_bytes, load_file
from cxdash.ingest.encoding import detect_encoding
from cxdash.ingest.formats import detect_date_format, detect_decimal
from cxdash.ingest.mapping import _SYNONYMS, normalise
from cxdash.ingest.templates import template_csv
from cxdash.schema import DATASETS


def load(con, data: bytes, dataset: str | None = "orders", name: str = "export.csv", **options):
    return load_bytes(con, data, name, dataset, LoadOptions(**options))


def orders(con) -> list[tuple]:
    return con.execute(
        "SELECT order_id, customer_id, order_date, amount, channel FROM orders ORDER BY order_id"
    ).fetchall()


# -- files that load, and what detection says about them ----------------------------------

WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES = (
    "Номер заказа;Клиент;Дата заказа;Сумма;Канал\r\n"
    "З-1;Иванов Иван;31.01.2024;1 234,50;магазин\r\n"
    "З-2;Петров;01.02.2024;99,9;web\r\n"
).encode("cp1251")
UTF8_BOM_SEMICOLON_DECIMAL_COMMA = (
    "\ufefforder_id;customer_id;order_date;amount;channel\n"
    "O-1;Ташкент;2024-01-31;1234,5;магазин\nO-2;Б;2024-02-01;99,9;web\n"
).encode()
WIN1252_GERMAN_EXCEL = (
    "Bestellnummer;Kunde;Datum;Betrag;Kanal\r\n"
    "B-1;Müller GmbH;31.01.2024;1.234,50;Geschäft\r\n"
    "B-2;Straße AG;01.02.2024;99,90;web\r\n"
).encode("cp1252")
KOI8R_TAB_DELIMITED = (
    "order_id\tcustomer_id\torder_date\tamount\tchannel\n"
    "K-1\tСмирнова\t2024-01-31\t1234.5\tмагазин\nK-2\tКузнецов\t2024-02-01\t99.9\tweb\n"
).encode("koi8_r")
UTF16_UNICODE_TEXT_FROM_EXCEL = (
    "order_id\tcustomer_id\torder_date\tamount\tchannel\r\n"
    "U-1\tАлишер\t31.01.2024\t1234,5\tмагазин\r\nU-2\tBobur\t01.02.2024\t99,9\tweb\r\n"
).encode("utf-16")
US_SLASH_DATES_UNAMBIGUOUS = (
    b"order_id,customer_id,order_date,amount,channel\n"
    b"S-1,C1,1/31/2024,1234.5,store\nS-2,C2,2/1/2024,99.9,web\n"
)
DAY_FIRST_SLASH_DATES = (
    b"order_id,customer_id,order_date,amount,channel\n"
    b"S-1,C1,31/01/2024,1234.5,store\nS-2,C2,01/02/2024,99.9,web\n"
)
SYNONYM_HEADERS_EN = (
    b"Order No,Customer,Order Date,Total,Sales channel,Notes\n"
    b"E-1,C1,2024-01-31,1234.5,store,call back\nE-2,C2,2024-02-01,99.9,web,\n"
)
SYNONYM_HEADERS_RU = (
    "№ заказа;Покупатель;Дата;Итого;Канал продаж\n"
    "Р-1;C1;31.01.2024;1234,5;store\nР-2;C2;01.02.2024;99,9;web\n"
).encode()
SYNONYM_HEADERS_UZ = (
    b"Buyurtma raqami;Mijoz;Sana;Summa;Kanal\n"
    b"B-1;C1;31.01.2024;1234,5;store\nB-2;C2;01.02.2024;99,9;web\n"
)
NO_BREAK_SPACE_THOUSANDS = (
    "order_id;customer_id;order_date;amount;channel\n"
    "N-1;C1;31.01.2024;1\u00a0234,50;store\nN-2;C2;01.02.2024;99,90;web\n"
).encode()
DATES_WITH_MIDNIGHT_TIME = (
    b"order_id;customer_id;order_date;amount;channel\n"
    b"M-1;C1;31.01.2024 0:00;1234,5;store\nM-2;C2;01.02.2024 00:00:00;99,9;web\n"
)

JAN_31, FEB_1 = dt.date(2024, 1, 31), dt.date(2024, 2, 1)

LOADS = [
    ("WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES", WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES,
     ("windows-1251", ";", ",", "dd.mm.yyyy"),
     [("З-1", "Иванов Иван", JAN_31, 1234.5, "магазин"), ("З-2", "Петров", FEB_1, 99.9, "web")]),
    ("UTF8_BOM_SEMICOLON_DECIMAL_COMMA", UTF8_BOM_SEMICOLON_DECIMAL_COMMA,
     ("utf-8", ";", ",", "yyyy-mm-dd"),
     [("O-1", "Ташкент", JAN_31, 1234.5, "магазин"), ("O-2", "Б", FEB_1, 99.9, "web")]),
    ("WIN1252_GERMAN_EXCEL", WIN1252_GERMAN_EXCEL,
     ("windows-1252", ";", ",", "dd.mm.yyyy"),
     [("B-1", "Müller GmbH", JAN_31, 1234.5, "Geschäft"),
      ("B-2", "Straße AG", FEB_1, 99.9, "web")]),
    ("KOI8R_TAB_DELIMITED", KOI8R_TAB_DELIMITED,
     ("koi8-r", "\t", ".", "yyyy-mm-dd"),
     [("K-1", "Смирнова", JAN_31, 1234.5, "магазин"), ("K-2", "Кузнецов", FEB_1, 99.9, "web")]),
    ("UTF16_UNICODE_TEXT_FROM_EXCEL", UTF16_UNICODE_TEXT_FROM_EXCEL,
     ("utf-16", "\t", ",", "dd.mm.yyyy"),
     [("U-1", "Алишер", JAN_31, 1234.5, "магазин"), ("U-2", "Bobur", FEB_1, 99.9, "web")]),
    ("US_SLASH_DATES_UNAMBIGUOUS", US_SLASH_DATES_UNAMBIGUOUS,
     ("utf-8", ",", ".", "mm/dd/yyyy"),
     [("S-1", "C1", JAN_31, 1234.5, "store"), ("S-2", "C2", FEB_1, 99.9, "web")]),
    ("DAY_FIRST_SLASH_DATES", DAY_FIRST_SLASH_DATES,
     ("utf-8", ",", ".", "dd/mm/yyyy"),
     [("S-1", "C1", JAN_31, 1234.5, "store"), ("S-2", "C2", FEB_1, 99.9, "web")]),
    ("SYNONYM_HEADERS_EN", SYNONYM_HEADERS_EN,
     ("utf-8", ",", ".", "yyyy-mm-dd"),
     [("E-1", "C1", JAN_31, 1234.5, "store"), ("E-2", "C2", FEB_1, 99.9, "web")]),
    ("SYNONYM_HEADERS_RU", SYNONYM_HEADERS_RU,
     ("utf-8", ";", ",", "dd.mm.yyyy"),
     [("Р-1", "C1", JAN_31, 1234.5, "store"), ("Р-2", "C2", FEB_1, 99.9, "web")]),
    ("SYNONYM_HEADERS_UZ", SYNONYM_HEADERS_UZ,
     ("utf-8", ";", ",", "dd.mm.yyyy"),
     [("B-1", "C1", JAN_31, 1234.5, "store"), ("B-2", "C2", FEB_1, 99.9, "web")]),
    ("NO_BREAK_SPACE_THOUSANDS", NO_BREAK_SPACE_THOUSANDS,
     ("utf-8", ";", ",", "dd.mm.yyyy"),
     [("N-1", "C1", JAN_31, 1234.5, "store"), ("N-2", "C2", FEB_1, 99.9, "web")]),
    ("DATES_WITH_MIDNIGHT_TIME", DATES_WITH_MIDNIGHT_TIME,
     ("utf-8", ";", ",", "dd.mm.yyyy"),
     [("M-1", "C1", JAN_31, 1234.5, "store"), ("M-2", "C2", FEB_1, 99.9, "web")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "how", "stored"), [c[1:] for c in LOADS], ids=[c[0] for c in LOADS]
)
def test_export_is_detected_and_loads_exactly(con, data, how, stored):
    result = load(con, data, dataset=None)
    assert result.ok, result.report()
    assert result.dataset == "orders" and result.dataset_detected
    d = result.detected
    assert (d.encoding, d.delimiter, d.decimal, d.date_format_text) == how
    assert {"encoding", "delimiter", "decimal", "date_format"} <= d.auto
    assert orders(con) == stored


def test_the_done_when_file_reports_its_mapping(con):
    result = load(con, WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES, dataset=None, dry_run=True)
    assert result.columns == {
        "Номер заказа": "order_id",
        "Клиент": "customer_id",
        "Дата заказа": "order_date",
        "Сумма": "amount",
        "Канал": "channel",
    }
    assert result.summary() == (
        "export.csv -> orders (append, checked only): 2 rows would be added, 0 updated, "
        "0 skipped; nothing was written"
    )


def test_preview_shows_the_first_rows_as_stored(con):
    result = load(con, WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES, dry_run=True, preview_rows=1)
    assert result.preview.to_dict("records") == [
        {
            "order_id": "З-1",
            "customer_id": "Иванов Иван",
            "order_date": "2024-01-31",
            "amount": 1234.5,
            "channel": "магазин",
        }
    ]
    assert orders(con) == []


def test_non_ascii_far_into_a_large_file_is_found(con, tmp_path):
    # The first 256 KB are plain ASCII; the only Cyrillic is near the end.
    rows = [f"A{i};C{i};31.01.2024;1,5;web\n" for i in range(20_000)]
    rows.append("A-last;Ёлкин;01.02.2024;2,5;магазин\n")
    path = tmp_path / "late_cyrillic.csv"
    path.write_bytes(("order_id;customer_id;order_date;amount;channel\n" + "".join(rows)).encode(
        "cp1251"
    ))  # fmt: skip
    result = load_file(con, path, "orders")
    assert result.ok, result.report()
    assert result.detected.encoding == "windows-1251"
    assert con.execute("SELECT customer_id FROM orders WHERE order_id = 'A-last'").fetchone() == (
        "Ёлкин",
    )


ZONED_AND_DOTTED_TIMESTAMPS = (
    b"ticket_id;opened_at;resolved_at;channel\n"
    b"T1;31.01.2024 14:30;2024-01-31T22:00:00+05:00;phone\n"
    b"T2;01.02.2024 09:05:07;01.02.2024 9:30;chat\n"
)


def test_timestamps_in_the_files_date_format_and_with_a_zone(con):
    result = load(con, ZONED_AND_DOTTED_TIMESTAMPS, dataset=None)
    assert result.ok, result.report()
    assert result.dataset == "tickets"
    assert result.detected.date_format_text == "dd.mm.yyyy"
    assert con.execute(
        "SELECT ticket_id, CAST(opened_at AS VARCHAR), CAST(resolved_at AS VARCHAR) "
        "FROM tickets ORDER BY 1"
    ).fetchall() == [
        ("T1", "2024-01-31 14:30:00", "2024-01-31 17:00:00"),
        ("T2", "2024-02-01 09:05:07", "2024-02-01 09:30:00"),
    ]


# -- files that are refused, each with what to fix ------------------------------------------

AMBIGUOUS_SLASH_DATES = (
    b"order_id,customer_id,order_date,amount\nA1,C1,03/04/2025,5\nA2,C1,01/02/2025,6\n"
)
DOT_DECIMALS_IN_A_DECIMAL_COMMA_FILE = (
    b"order_id;customer_id;order_date;amount\nD1;C1;2024-01-01;12,5\nD2;C1;2024-01-01;1.5\n"
)
INVALID_BYTE_FOR_THE_ENCODING = (
    "customer_id;signup_date\nИван;2024-01-01\nПётр;2024-01-02\n".encode("cp1251")
    + b"\x98;2024-01-03\n"
)
PDF_FILE = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
DATASET_NOT_RECOGNISABLE = b"foo,bar,baz\n1,2,3\n"

REFUSED = [
    ("AMBIGUOUS_SLASH_DATES", AMBIGUOUS_SLASH_DATES, "orders", {},
     'export.csv: dates such as "03/04/2025" can be read as dd/mm/yyyy or as mm/dd/yyyy; '
     "choose the date format"),
    ("DOT_DECIMALS_IN_A_DECIMAL_COMMA_FILE", DOT_DECIMALS_IN_A_DECIMAL_COMMA_FILE, "orders", {},
     'export.csv: row 2, column amount: "1.5" is not a number; this file writes decimals with '
     'a comma (choose "." as the decimal separator if it uses dots)'),
    ("INVALID_BYTE_FOR_THE_ENCODING", INVALID_BYTE_FOR_THE_ENCODING, "customers",
     {"encoding": "windows-1251"},
     "export.csv: line 4: is not valid windows-1251 text (byte 57 of the file); choose the "
     "file's encoding or save it as UTF-8"),
    ("PDF_FILE", PDF_FILE, "orders", {},
     "export.csv: this is a PDF document, not a CSV file; export the data as CSV and load that"),
    ("DATASET_NOT_RECOGNISABLE", DATASET_NOT_RECOGNISABLE, None, {},
     "export.csv: line 1: cannot tell which dataset this file belongs to from its header "
     "(foo, bar, baz); choose the dataset (one of: customers, orders, campaigns, touchpoints, "
     "tickets, surveys, kpi_targets, trends, journey_notes, barriers, milestones, raci, "
     "insights, tech_stack, practices, maturity)"),
    ("UNSUPPORTED_ENCODING", b"order_id\nx\n", "orders", {"encoding": "utf-32"},
     'export.csv: encoding "utf-32" is not supported; use one of: utf-8, windows-1251, '
     "windows-1252, koi8-r, cp866, latin-1, iso-8859-15, windows-1250, windows-1254, "
     "windows-1257, iso-8859-5"),
    ("NOT_A_DATE_FORMAT", b"order_id\nx\n", "orders", {"date_format": "day first"},
     'export.csv: "day first" is not a date format; write it like dd.mm.yyyy, mm/dd/yyyy or '
     "yyyy-mm-dd"),
    ("MAPPING_NAMES_A_MISSING_HEADER", b"order_id,customer_id,order_date,amount\n", "orders",
     {"mapping": {"Total": "amount"}},
     'export.csv: line 1: the mapping names a column "Total" that the header does not have '
     "(the header has: order_id, customer_id, order_date, amount)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "dataset", "options", "expected"),
    [c[1:] for c in REFUSED],
    ids=[c[0] for c in REFUSED],
)
def test_refused_with_what_to_fix(con, data, dataset, options, expected):
    result = load(con, data, dataset, **options)
    assert not result.ok
    assert expected in result.report().splitlines(), result.report()
    assert con.execute("SELECT count(*) FROM load_history").fetchone() == (0,)


@pytest.mark.parametrize(
    ("date_format", "stored"),
    [("dd/mm/yyyy", dt.date(2025, 4, 3)), ("mm/dd/yyyy", dt.date(2025, 3, 4)),
     ("%m/%d/%Y", dt.date(2025, 3, 4))],
)  # fmt: skip
def test_ambiguous_dates_load_once_the_format_is_chosen(con, date_format, stored):
    result = load(con, AMBIGUOUS_SLASH_DATES, date_format=date_format)
    assert result.ok, result.report()
    assert con.execute("SELECT order_date FROM orders WHERE order_id = 'A1'").fetchone() == (
        stored,
    )


def test_each_detection_can_be_overridden(con):
    # Read as Windows-1251 with a semicolon, but the file says otherwise: every
    # setting below is the caller's, not the detector's.
    data = "a|b|c|d\nX1|Ц|2024-31-01|7.5\n".encode("cp1251")
    result = load(
        con,
        data,
        encoding="cp1251",
        delimiter="pipe",
        decimal=".",
        date_format="yyyy-dd-mm",
        mapping={"a": "order_id", "b": "customer_id", "c": "order_date", "d": "amount"},
    )
    assert result.ok, result.report()
    assert result.detected.auto == frozenset()
    assert orders(con) == [("X1", "Ц", JAN_31, 7.5, None)]


def test_a_mapping_can_ignore_a_column(con):
    result = load(con, SYNONYM_HEADERS_EN, mapping={"Sales channel": ""})
    assert result.ok, result.report()
    assert "Sales channel" in result.ignored_columns
    assert {r[4] for r in orders(con)} == {None}


def test_a_synonym_never_takes_a_column_named_exactly(con):
    data = b"order_id,Order No,customer_id,order_date,amount\nX1,legacy-9,C1,2024-01-31,5\n"
    result = load(con, data)
    assert result.ok, result.report()
    assert result.report() == (
        'export.csv: column Order No: looks like order_id, which the column "order_id" fills '
        "already; ignored (map it to load it instead)"
    )
    assert orders(con) == [("X1", "C1", JAN_31, 5.0, None)]


# -- the detectors on their own ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("Номер;Клиент\n1;Иванов Иван\n", "cp1251", "windows-1251"),
        ("order_id;customer_id\nO1;Ташкент\n", "cp1251", "windows-1251"),
        ("order_id;customer_id\nO1;Ўзбекистон\n", "cp1251", "windows-1251"),
        ("Kunde;Ort\nMüller;Köln\n", "cp1252", "windows-1252"),
        ("name\nZoë Señor\n", "latin-1", "windows-1252"),
        ("Номер;Клиент\n1;Иванов Иван\n", "koi8_r", "koi8-r"),
        ("Номер;Клиент\n1;Иванов Иван\n", "cp866", "cp866"),
        ("plain ascii\n", "ascii", "utf-8"),
        ("Номер;Клиент\n1;Иванов\n", "utf-8", "utf-8"),
    ],
)
def test_encoding_detection(text, codec, expected):
    assert detect_encoding(text.encode(codec), True) == expected


def test_a_utf8_character_cut_at_the_end_of_a_sample_is_still_utf8():
    assert detect_encoding("Иван".encode()[:-1], complete=False) == "utf-8"


@pytest.mark.parametrize(
    ("values", "delimiter", "expected"),
    [
        (["12,50", "3"], ";", ","),
        (["12.50", "3"], ";", "."),
        (["1.234,56"], "\t", ","),
        (["1 234.5"], "\t", "."),
        (["1,234", "5"], ",", "."),
        (["1.234", "5"], ";", ","),
        (["7"], ",", "."),
    ],
)
def test_decimal_detection(values, delimiter, expected):
    assert detect_decimal(values, delimiter) == expected


@pytest.mark.parametrize(
    ("values", "date_format", "ambiguous"),
    [
        (["31.01.2024", "01.02.2024"], "%d.%m.%Y", None),
        (["31.01.24"], "%d.%m.%y", None),
        (["12/25/2024", "01/02/2024"], "%m/%d/%Y", None),
        (["25/12/2024", "01/02/2024"], "%d/%m/%Y", None),
        (["03/04/2025", "01/02/2025"], "%d/%m/%Y", "03/04/2025"),
        (["2024-01-31", "2024-01-31T10:00:00+05:00"], None, None),
        (["2024/01/31"], "%Y/%m/%d", None),
        (["1/31/2024 2:30 PM"], "%m/%d/%Y", None),
        ([], None, None),
    ],
)
def test_date_format_detection(values, date_format, ambiguous):
    guess = detect_date_format(values)
    assert (guess.date_format, guess.ambiguous) == (date_format, ambiguous)


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_template_header_is_recognised_as_its_dataset(name):
    header = tuple(template_csv(name).decode().strip().split(","))
    assert guess_dataset(header) == name


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (("Номер заказа", "Клиент", "Дата", "Сумма"), "orders"),
        (("Order ID", "Customer", "Order Date", "Total", "Notes"), "orders"),
        (("Buyurtma raqami", "Mijoz", "Sana", "Summa"), "orders"),
        (("Номер заказа", "Клиент", "Дата", "Итог к оплате"), "orders"),  # amount to map
        (("customer_id", "signup_date", "segment"), "customers"),
        (("Номер заказа", "Клиент", "Дата"), "orders"),  # not customers: it has an order id
        (("Dear team",), None),
    ],
)
def test_dataset_detection_from_headers(header, expected):
    assert guess_dataset(header) == expected


@pytest.mark.parametrize("name", list(DATASETS))
def test_no_synonym_means_two_columns_of_one_dataset(name):
    # _SYNONYMS keeps one column per text; check the raw table did not ask for two.
    from cxdash.ingest import synonyms

    seen: dict[str, str] = {}
    ds = DATASETS[name]
    for column, texts in synonyms.COLUMNS.items():
        if column not in ds.column_names:
            continue
        for text in texts:
            key = normalise(text)
            assert seen.setdefault(key, column) == column, (name, text)
            assert key not in ds.column_names or key == column, (name, text)
    assert set(_SYNONYMS[name].values()) <= set(ds.column_names)


def test_inspect_reads_only_the_head(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(WIN1251_SEMICOLON_DECIMAL_COMMA_DOTTED_DATES)
    found = inspect(path)
    assert found.dataset == "orders" and found.dataset_detected
    assert found.mapping == (
        ("Номер заказа", "order_id"),
        ("Клиент", "customer_id"),
        ("Дата заказа", "order_date"),
        ("Сумма", "amount"),
        ("Канал", "channel"),
    )
    assert found.detected.encoding == "windows-1251"
    assert inspect(tmp_path / "missing.csv").refused.code == "not_found"
