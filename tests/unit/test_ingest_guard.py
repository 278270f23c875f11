"""Files that are too large or not text are refused before detection, naming the file."""

from __future__ import annotations

import pytest

from cxdash import store
from cxdash.ingest import guard, inspect, load_file
from cxdash.ingest.detect import HEAD_BYTES, RefusedError

HEADER = b"order_id,customer_id,order_date,amount\n"


@pytest.fixture
def con(tmp_path):
    with store.connect(tmp_path / "cx.duckdb") as con:
        yield con


def orders(con) -> int:
    return con.execute("SELECT count(*) FROM orders").fetchone()[0]


def rows(n: int, start: int = 0) -> bytes:
    return b"".join(b"O%d,C1,2024-01-01,5\n" % i for i in range(start, start + n))


def refused(con, tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    result = load_file(con, path, "orders")
    assert not result.ok
    assert orders(con) == 0
    return result.report()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 20, "this is a PNG image, not a CSV file"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "this is a JPEG image, not a CSV file"),
        (b"GIF89a" + bytes(50), "this is a GIF image"),
        (b"SQLite format 3\x00" + bytes(100), "this is a SQLite database file, not a text CSV"),
        (b"PK\x03\x04" + bytes(64), "Excel workbook or a ZIP archive"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20 + b"a,b\n", "full of control characters"),
    ],
    ids=["png", "jpeg", "gif", "sqlite", "xlsx", "controls"],
)
def test_a_binary_file_renamed_csv_is_refused_naming_it(con, tmp_path, data, reason):
    report = refused(con, tmp_path, "export.csv", data)
    first = report.splitlines()[0]
    assert first.startswith("export.csv: ")
    assert reason in first
    assert "export.csv: nothing was loaded; the database is unchanged" in report


def test_a_nul_byte_past_the_sample_is_refused_with_its_line(con, tmp_path):
    body = rows(20_000)
    assert len(HEADER + body) > HEAD_BYTES
    data = HEADER + body + b"O-bad,C1,2024-01-0\x001,5\n" + rows(10, start=50_000)
    report = refused(con, tmp_path, "nightly.csv", data)
    assert report.splitlines()[0] == (
        "nightly.csv: line 20002: a NUL byte (binary data) is on this line, so this is not a "
        "text CSV file; export the data as CSV again"
    )


def test_utf16_text_with_its_nul_bytes_still_loads(con, tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes((HEADER + rows(3)).decode().encode("utf-16"))
    result = load_file(con, path, "orders")
    assert result.ok, result.report()
    assert orders(con) == 3


def test_inspect_refuses_an_image_before_any_check(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    found = inspect(path)
    assert found.refused is not None
    assert (
        found.refused.message()
        == "photo.csv: this is a PNG image, not a CSV file; load the data as a CSV file"
    )


def test_a_file_over_the_limit_is_refused_with_both_sizes(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(HEADER + rows(100_000))
    with pytest.raises(RefusedError) as raised:
        guard.check(path, max_bytes=1024 * 1024)
    assert raised.value.code == "too_large"
    assert raised.value.params == {"size": "2.2 MB", "limit": "1.0 MB"}
    guard.check(path, max_bytes=10 * 1024 * 1024)  # under the limit: no complaint


def test_sizes_read_as_people_write_them():
    assert guard.human_size(512) == "512 bytes"
    assert guard.human_size(1536) == "1.5 KB"
    assert guard.human_size(500 * 1024 * 1024) == "500.0 MB"


# -- whether values may need trimming (Scanned.spaced) ------------------------------------

SPACED = [
    (HEADER + rows(3), False),
    (b"Order ID,Customer ID,Order date,Amount\n" + rows(3), False),  # the header's own spaces
    (b"\n  \r\n" + HEADER + rows(3), False),  # blank lines before the header
    (HEADER + rows(3) + b"O9, C1,2024-01-01,5\n", True),
    (HEADER + rows(3) + b"O9,C1,2024-01-01,5\t\n", True),
    (HEADER + b"O9,C1,2024-01-01,5 ", True),  # at the very end
    (HEADER.replace(b"\n", b"\r") + b" O9,C1,2024-01-01,5\r", True),  # CR line breaks
    (b'order_id\tcustomer_id\n"O1\t"\tC1\n', True),  # a tab delimiter is a tab
]


@pytest.mark.parametrize(("data", "spaced"), SPACED)
def test_the_scan_notes_a_space_or_tab_after_the_first_line(tmp_path, data, spaced):
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    assert guard.check(path).spaced is spaced


@pytest.mark.parametrize("chunk", [1, 2, 5, 39, 40, 41])
@pytest.mark.parametrize(("data", "spaced"), SPACED[:4])
def test_the_scan_notes_spaces_across_chunk_boundaries(tmp_path, monkeypatch, chunk, data, spaced):
    monkeypatch.setattr(guard, "_CHUNK", chunk)
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    assert guard.check(path).spaced is spaced


def test_without_a_full_scan_values_are_always_trimmed(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(HEADER + rows(3))
    assert guard.check(path, scan=False).spaced is True
    path.write_bytes((HEADER + rows(3)).decode().encode("utf-16"))  # not scanned for NUL
    assert guard.check(path).spaced is True
