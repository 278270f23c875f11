"""Reading the file into a typed staging table, in DuckDB, in one pass, without pandas.

One ``CREATE TEMP TABLE cx_rows AS SELECT <conversions> FROM read_csv(...)``
on the load's own cursor parses every field as VARCHAR, trims it, converts it
to the column's type (rules.py) and flags blank records, in a single scan of
the file. Every later check, and the insert, read this table, never the file.

The read_csv options are explicit, never sniffed by DuckDB (detection is
ours, so it can be overridden and explained):

- ``auto_detect=false`` with ``columns={'c0': 'VARCHAR', ...}`` (one per header
  field, names generated here) and ``all_varchar=true``: every value arrives as
  text; the conversions decide what it is, and a failed one is a finding, not
  an exception.
- ``header=true``, ``skip``: blank lines before the header and the header
  itself are skipped; the header's texts were mapped already.
- ``delim`` / ``quote='"'`` / ``escape='"'``: RFC 4180 quoting.
- ``strict_mode=true``, ``null_padding=false``: a record with too few or too
  many fields, or a broken quote, is an error, never silently padded or cut.
- ``nullstr=''``, ``allow_quoted_nulls=true`` (DuckDB's defaults, spelled
  out): an empty field, quoted or not, is NULL.
- ``store_rejects=true`` (which implies ignore_errors) with ``rejects_table``:
  instead of stopping at the first bad record the reader sets each aside with
  its record number, byte position and error type, so one read reports them
  all. ``rejects_limit`` caps what is kept for a file that is wrong everywhere.
- ``compression='none'``, ``encoding``: read the bytes the detection looked at
  (UTF-8 or Latin-1; other encodings are transcoded to UTF-8 first).

The file path (and delimiter, encoding) are bound parameters: ``read_csv``
accepts prepared parameters for them. DuckDB still treats ``* ? [`` in a path
as a glob, so such paths are read through a plainly named link.

The staging table's ``rowid`` follows the file's order (insertion order is
preserved), so data row N is rowid N - 1 when no record was set aside; see
``Staged.row_of`` for when some were.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from cxdash.ingest.result import Detected
from cxdash.ingest.sqltext import bind

ROWS = "cx_rows"
REJECTS = "cx_rejects"
REJECT_SCANS = "cx_reject_scans"
REJECTS_LIMIT = 1000

_GLOB = re.compile(r"[*?\[\]{}]")


def field_name(position: int) -> str:
    """The staging column of the file's field at ``position`` (0-based)."""
    return f"c{position}"


@dataclass(frozen=True)
class Reject:
    """A record the reader set aside."""

    line: int  # physical line of the file where the record starts (1 = header)
    row: int  # data row it would have been (records after the header, from 1)
    kind: str  # DuckDB's error type, e.g. MISSING COLUMNS
    found: int | None  # fields found, for a wrong field count
    text: str  # DuckDB's message


@dataclass
class Staged:
    records: int  # data records the reader kept (blank rows included)
    rejects: list[Reject] = field(default_factory=list)
    capped: bool = False  # the reader stopped recording rejects at REJECTS_LIMIT
    _reject_rows: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reject_rows = sorted(r.row for r in self.rejects)

    @property
    def rows_in_file(self) -> int:
        return self.records + len(self.rejects)

    def row_of(self, rowid: int) -> int:
        """Data row number (from 1) of the staging row ``rowid``.

        Rejected records are missing from the staging table, so every one
        before a row shifts it by one.
        """
        row = rowid + 1
        if not self._reject_rows:
            return row
        # Smallest row such that row - (rejects at or before it) == rowid + 1.
        for reject in self._reject_rows:
            if reject <= row:
                row += 1
            else:
                break
        return row


@contextmanager
def readable_path(path: Path):
    """A path DuckDB reads literally: the file itself, or a link to it without glob characters."""
    resolved = path.resolve()
    if not _GLOB.search(str(resolved)):
        yield resolved
        return
    folder = tempfile.mkdtemp(prefix="cxdash-load-")
    link = Path(folder) / "source.csv"
    try:
        try:
            os.symlink(resolved, link)
        except OSError:
            shutil.copyfile(resolved, link)
        yield link
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def text_field(position: int) -> str:
    """The trimmed text of field ``position``, NULL when empty: what conversions read."""
    return f"s{position}"


def trimmed(expr: str) -> str:
    """``expr`` without surrounding spaces and tabs, NULL when nothing is left.

    trim() only runs on values that need it: a LIKE test is several times
    cheaper than trim(x, chars) on every value of a large file.
    """
    needs = f"{expr} LIKE ' %' OR {expr} LIKE '% ' OR {expr} LIKE '\t%' OR {expr} LIKE '%\t'"
    return f"nullif(CASE WHEN {needs} THEN trim({expr}, ' \t') ELSE {expr} END, '')"


def texts_sql(width: int, trim: bool = True) -> str:
    """The trimmed text of every field (``s0, s1, ...``), NULL when empty.

    ``trim`` False when no value can start or end with a space or tab (the file
    has none after its first line, see guard.py): the fields are then taken as
    read, since the reader gives NULL for an empty field, quoted or not
    (``nullstr``, ``allow_quoted_nulls``), and only trimming can make one empty.
    """
    if not trim:
        return ", ".join(f"{field_name(i)} AS {text_field(i)}" for i in range(width))
    return ", ".join(f"{trimmed(field_name(i))} AS {text_field(i)}" for i in range(width))


def blank_sql(width: int) -> str:
    """True for a record with no value at all."""
    return "(" + " AND ".join(f"{text_field(i)} IS NULL" for i in range(width)) + ")"


def reader_sql(width: int) -> str:
    """The read_csv call: every field as text, malformed records set aside (see above)."""
    columns = ", ".join(f"'{field_name(i)}': 'VARCHAR'" for i in range(width))
    return f"""read_csv(
                $path,
                delim = $delimiter,
                quote = '"',
                escape = '"',
                header = true,
                skip = $skip,
                auto_detect = false,
                all_varchar = true,
                columns = {{{columns}}},
                strict_mode = true,
                null_padding = false,
                nullstr = '',
                allow_quoted_nulls = true,
                compression = 'none',
                encoding = $encoding,
                store_rejects = true,
                rejects_table = '{REJECTS}',
                rejects_scan = '{REJECT_SCANS}',
                rejects_limit = {REJECTS_LIMIT}
            )"""


def converted_sql(width: int, projection: list[str], trim: bool = True) -> str:
    """One pass over the file: parse, trim, convert (``projection``), flag blank rows."""
    select = ", ".join([*projection, f"{blank_sql(width)} AS _blank"])
    return f"""
        SELECT {select}
        FROM (
            SELECT {texts_sql(width, trim)}
            FROM {reader_sql(width)}
        )
    """


def staging_sql(width: int, projection: list[str], trim: bool = True) -> str:
    """The staging table: the file's records converted, in file order."""
    return f"CREATE TEMP TABLE {ROWS} AS {converted_sql(width, projection, trim)}"


def reader_params(path: Path, detected: Detected, encoding: str) -> dict:
    """The reader's bound parameters; ``path`` as readable_path gives it."""
    return {
        "path": str(path),
        "delimiter": detected.delimiter,
        "encoding": encoding,
        "skip": detected.skip,
    }


def stage(
    cur: duckdb.DuckDBPyConnection,
    path: Path,
    detected: Detected,
    projection: list[str],
    params: dict,
    encoding: str = "utf-8",
    trim: bool = True,
) -> Staged:
    """Read the file into the staging table; collect the records set aside.

    ``encoding`` is what DuckDB reads: utf-8 or latin-1 (other encodings arrive
    transcoded to UTF-8, see encoding.py); ``trim`` see texts_sql.
    """
    width = max(len(detected.header), 1)
    sql = staging_sql(width, projection, trim)
    with readable_path(path) as readable:
        values = {**params, **reader_params(readable, detected, encoding)}
        cur.execute(sql, bind(sql, values))
    records = cur.execute(f"SELECT count(*) FROM {ROWS}").fetchone()[0]
    found = cur.execute(
        f"""
        SELECT line, line_byte_position, error_type, error_message
        FROM {REJECTS}
        ORDER BY line
        """
    ).fetchall()
    # DuckDB may log one record several times (once per extra field, say):
    # keep one per record with the true field count (most for too many,
    # least for too few).
    first: dict[int, tuple[int, str, str]] = {}  # line -> (byte position, kind, message)
    fields: dict[int, int] = {}
    for line, position, kind, message in found:
        first.setdefault(line, (position, kind, message or kind))
        count = re.search(r"Found: (\d+)", message or "")
        if count:
            n = int(count.group(1))
            pick = max if kind == "TOO MANY COLUMNS" else min
            fields[line] = pick(n, fields.get(line, n))
    lines = sorted(first)
    starts = physical_lines(path, [max(first[n][0] - 1, 0) for n in lines])
    rejects = [
        Reject(
            line=physical,
            row=n - 1 - detected.skip,  # DuckDB counts records from the file's start
            kind=first[n][1],
            found=fields.get(n),
            text=first[n][2],
        )
        for n, physical in zip(lines, starts, strict=True)
    ]
    return Staged(records=records, rejects=rejects, capped=len(found) >= REJECTS_LIMIT)


def physical_lines(path: Path, positions: list[int]) -> list[int]:
    """Line numbers (from 1) of the records starting near byte ``positions``.

    DuckDB reports where a rejected record starts give or take its line break
    (a CR LF, blank lines before it); skipping breaks from the position lands
    on the record's first character. Lines are counted by LF, or by CR in a
    file without LF. One streaming pass, only as far as the last position.
    """
    if not positions:
        return []
    wanted = sorted(set(positions))
    found: dict[int, int] = {}
    newline = None
    offset = before = i = 0
    with open(path, "rb") as handle:
        while i < len(wanted):
            chunk = handle.read(1 << 20)
            if not chunk:
                break
            if newline is None:
                newline = b"\n" if b"\n" in chunk or b"\r" not in chunk else b"\r"
            end = offset + len(chunk)
            while i < len(wanted) and wanted[i] < end:
                p = max(wanted[i] - offset, 0)
                while p < len(chunk) and chunk[p] in (0x0A, 0x0D):
                    p += 1
                if p == len(chunk):
                    break  # the breaks go on into the next chunk
                found[wanted[i]] = before + chunk.count(newline, 0, p) + 1
                i += 1
            before += chunk.count(newline)
            offset = end
    for pos in wanted[i:]:
        found[pos] = before + 1
    return [found[p] for p in positions]
