"""Stage 1, detect: how to read the file, from a sample of it.

From the first bytes (plus, for a large file whose start is plain ASCII, the
non-ASCII lines of a few blocks further in): the encoding and byte-order mark,
the delimiter, the header and a sample of rows. Once the header is mapped to a
dataset, ``refine`` reads the sample's numbers and dates for the decimal
separator and the date format. Every detection has an override in
``LoadOptions``; ``Detected.auto`` says which settings were detected.

Files that are not text CSV at all (empty, binary, spreadsheets, archives) are
refused here with a clear reason.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path

from cxdash.ingest import encoding as enc
from cxdash.ingest.formats import (
    detect_date_format,
    detect_decimal,
    to_human,
    to_strptime,
    valid_date_format,
)
from cxdash.ingest.mapping import ColumnMap
from cxdash.ingest.options import DECIMALS, DELIMITERS, LoadOptions, given
from cxdash.ingest.result import ERROR, WARNING, Detected, Issue
from cxdash.schema import DATE, INTEGER, NUMBER, TIMESTAMP

# Enough for the header and a sample of rows.
HEAD_BYTES = 256 * 1024
SNIFF_ROWS = 50
SAMPLE_ROWS = 2000
# Blocks read further into a large file whose head is plain ASCII.
_PROBES = 8
_PROBE_BYTES = 64 * 1024

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SIGNATURES = (
    (b"PK\x03\x04", "spreadsheet"),  # xlsx, ods, zip
    (b"\xd0\xcf\x11\xe0", "spreadsheet"),  # legacy xls
    (b"\x1f\x8b", "compressed"),  # gzip
    (b"%PDF", "pdf"),
)


class RefusedError(Exception):
    """Detection cannot go on: ``code`` and ``params`` name the reason (``line`` the place)."""

    def __init__(self, code: str, line: int | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.params = params


@dataclass(frozen=True)
class Head:
    """What detection reads of a file."""

    data: bytes  # the first HEAD_BYTES
    complete: bool  # ``data`` is the whole file
    further: bytes = b""  # non-ASCII lines from further in, when the head is all ASCII


def read_head(path: Path) -> Head:
    """The first HEAD_BYTES of the file, and non-ASCII lines further in when the head has none."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(HEAD_BYTES + 1)
            complete = len(data) <= HEAD_BYTES
            data = data[:HEAD_BYTES]
            further = b""
            if not complete and data.isascii():
                further = _probe(handle, os.fstat(handle.fileno()).st_size)
    except FileNotFoundError:
        raise RefusedError("not_found") from None
    except IsADirectoryError:
        raise RefusedError("is_directory") from None
    except PermissionError:
        raise RefusedError("unreadable", reason="permission denied") from None
    except OSError as exc:
        raise RefusedError("unreadable", reason=exc.strerror or str(exc)) from None
    return Head(data, complete, further)


def _probe(handle, size: int) -> bytes:
    """Whole lines with non-ASCII bytes from blocks spread over the rest of the file."""
    found = []
    for k in range(1, _PROBES + 1):
        start = HEAD_BYTES + (size - HEAD_BYTES - _PROBE_BYTES) * k // _PROBES
        handle.seek(max(start, HEAD_BYTES))
        block = handle.read(_PROBE_BYTES)
        if block.isascii():
            continue
        lines = block.split(b"\n")[1:-1]  # the first and last may be cut
        found.append(enc.non_ascii_lines(b"\n".join(lines) + b"\n"))
    return b"".join(found)


def detect(
    head: Head | bytes, complete: bool = True, options: LoadOptions | None = None
) -> Detected:
    """Work out how to read a file that starts with ``head``."""
    if isinstance(head, bytes):
        head = Head(head, complete)
    options = options or LoadOptions()
    data = head.data
    for signature, code in _SIGNATURES:
        if data.startswith(signature):
            raise RefusedError(code)
    auto = set()
    utf16 = data.startswith(_UTF16_BOMS)
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    if not utf16:
        if not body.strip():
            raise RefusedError("empty_file")
        if b"\x00" in body:
            raise RefusedError("binary_file")

    encoding = _encoding(options)
    if encoding is None:
        auto.add("encoding")
        if utf16:
            encoding = "utf-16"
        elif bom:
            encoding = enc.UTF8
        else:
            encoding = enc.detect_encoding(body + b"\n" + head.further, head.complete)
            if encoding is None:
                raise RefusedError("unknown_encoding", choices=", ".join(enc.COMMON))
    text = _decode(body, encoding, head.complete)
    if not text.strip():
        raise RefusedError("empty_file")
    if not head.complete:
        # Drop the last, probably cut, line so the sniffer sees whole rows.
        cut = max(text.rfind("\n"), text.rfind("\r"))
        if cut > 0:
            text = text[:cut]

    # Blank lines before the header are skipped (the reader is told how many).
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    text = "".join(lines[skip:])

    delimiter = _delimiter(options)
    if delimiter is None:
        auto.add("delimiter")
        delimiter = sniff_delimiter(text)
    rows = _rows(text, delimiter, SAMPLE_ROWS + 1)
    header = tuple(rows[0]) if rows else ()
    return Detected(
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        decimal=".",
        date_format=None,
        header=header,
        skip=skip,
        auto=frozenset(auto),
        sample=tuple(tuple(r) for r in rows[1:]),
    )


def refine(detected: Detected, cmap: ColumnMap, options: LoadOptions, file_name: str):
    """The decimal separator and date format, from the sample's values of typed columns.

    Returns the completed ``Detected`` and the issues detection raises (dates that
    could be read day-first or month-first are an error until a format is chosen).
    """
    issues: list[Issue] = []
    auto = set(detected.auto)
    ds = cmap.dataset

    def values(types: tuple[str, ...]):
        positions = [p for c, p in cmap.positions.items() if ds.column(c).type in types]
        for row in detected.sample:
            for p in positions:
                if p < len(row) and (value := row[p].strip()):
                    yield value

    decimal = given(options.decimal)
    if decimal is None:
        auto.add("decimal")
        decimal = detect_decimal(values((NUMBER, INTEGER)), detected.delimiter)
        if decimal == detected.delimiter:
            decimal = "."
    elif decimal not in DECIMALS:
        raise RefusedError("bad_decimal", decimal=decimal)
    elif decimal == detected.delimiter:
        raise RefusedError("decimal_is_delimiter", decimal=decimal)

    wanted = given(options.date_format)
    if wanted is not None:
        date_format = to_strptime(wanted)
        if date_format is not None and not valid_date_format(date_format):
            raise RefusedError("bad_date_format", date_format=wanted)
    else:
        auto.add("date_format")
        guess = detect_date_format(values((DATE, TIMESTAMP)))
        date_format = guess.date_format
        if guess.ambiguous:
            issues.append(
                Issue(
                    ERROR,
                    "ambiguous_dates",
                    file_name,
                    value=guess.ambiguous,
                    params={
                        "day_first": to_human(date_format),
                        "month_first": to_human(swap_day_month(date_format)),
                    },
                )
            )
        elif guess.mixed:
            issues.append(
                Issue(
                    WARNING,
                    "mixed_dates",
                    file_name,
                    value=guess.mixed[1],
                    params={"first": guess.mixed[0], "date_format": to_human(date_format)},
                )
            )
    return replace(detected, decimal=decimal, date_format=date_format, auto=frozenset(auto)), issues


def swap_day_month(date_format: str) -> str:
    """``%d/%m/%Y`` -> ``%m/%d/%Y``."""
    return date_format.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def _encoding(options: LoadOptions) -> str | None:
    wanted = given(options.encoding)
    if wanted is None:
        return None
    name = enc.supported(wanted)
    if name is None:
        raise RefusedError("unsupported_encoding", encoding=wanted, choices=", ".join(enc.COMMON))
    return name


def _decode(body: bytes, encoding: str, complete: bool) -> str:
    codec = enc.codec_name(encoding) or encoding
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(body) - 4:
            # A character cut at the end of the head, not a bad file.
            return body[: exc.start].decode(codec, errors="replace")
        # Let the reader name the lines; decode leniently to find the header.
        return body.decode(codec, errors="replace")


def _delimiter(options: LoadOptions) -> str | None:
    wanted = given(options.delimiter)
    if wanted is None:
        return None
    wanted = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}.get(
        wanted.lower(), wanted
    )
    if len(wanted) != 1 or wanted in '"\r\n':
        raise RefusedError("bad_delimiter", delimiter=wanted)
    return wanted


def _rows(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"')
    rows: list[list[str]] = []
    try:
        for row in reader:
            if row:
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass  # an unclosed quote in the sample; the reader reports it by line
    return rows


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the header into most fields, consistently across rows.

    Score: share of sample rows with as many fields as the header, then the
    header's field count. A file none of them splits is read with a comma
    (one column), which the mapping stage then reports plainly.
    """
    best, best_score = ",", (0.0, 1)
    for candidate in DELIMITERS:
        rows = _rows(text, candidate, SNIFF_ROWS)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows if len(r) == width) / len(rows)
        score = (consistent, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def parse_header(text: str, delimiter: str) -> tuple[str, ...]:
    rows = _rows(text, delimiter, 1)
    return tuple(rows[0]) if rows else ()
