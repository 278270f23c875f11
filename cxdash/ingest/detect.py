"""Stage 1, detect: how to read the file, from its first bytes only.

Finds (or takes from the options) the encoding, a byte-order mark, the
delimiter and the header. Files that are not text CSV at all (empty, binary,
spreadsheets, archives, UTF-16) are refused here with a clear reason.

The analyst issue extends this stage: charset_normalizer for single-byte
encodings, decimal comma and dd.mm.yyyy detection. Each is a field of
``Detected`` with an override in ``LoadOptions`` already.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cxdash.ingest.options import DECIMALS, DELIMITERS, ENCODINGS, LoadOptions, given
from cxdash.ingest.result import Detected

# Enough for the header and a sample of rows to sniff the delimiter.
HEAD_BYTES = 256 * 1024
SNIFF_ROWS = 50

UTF8_BOM = b"\xef\xbb\xbf"
_SIGNATURES = (
    (b"PK\x03\x04", "spreadsheet"),  # xlsx, ods, zip
    (b"\xd0\xcf\x11\xe0", "spreadsheet"),  # legacy xls
    (b"\x1f\x8b", "compressed"),  # gzip
    (b"\xff\xfe", "utf16"),
    (b"\xfe\xff", "utf16"),
)


class RefusedError(Exception):
    """Detection cannot go on: ``code`` and ``params`` name the reason."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def read_head(path: Path) -> tuple[bytes, bool]:
    """The first HEAD_BYTES of the file and whether that is all of it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES + 1)
    except FileNotFoundError:
        raise RefusedError("not_found") from None
    except IsADirectoryError:
        raise RefusedError("is_directory") from None
    except PermissionError:
        raise RefusedError("unreadable", reason="permission denied") from None
    except OSError as exc:
        raise RefusedError("unreadable", reason=exc.strerror or str(exc)) from None
    return head[:HEAD_BYTES], len(head) <= HEAD_BYTES


def detect(head: bytes, complete: bool, options: LoadOptions) -> Detected:
    """Work out how to read a file that starts with ``head``."""
    for signature, code in _SIGNATURES:
        if head.startswith(signature):
            raise RefusedError(code)
    bom = head.startswith(UTF8_BOM)
    body = head[len(UTF8_BOM) :] if bom else head
    if not body.strip():
        raise RefusedError("empty_file")
    if b"\x00" in body:
        raise RefusedError("binary_file")

    encoding = _encoding(options)
    text = _decode(body, encoding, complete)
    if not complete:
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

    delimiter = _delimiter(options) or sniff_delimiter(text)
    decimal = _decimal(options, delimiter)
    header = parse_header(text, delimiter)
    return Detected(
        encoding=encoding,
        bom=bom,
        delimiter=delimiter,
        decimal=decimal,
        date_format=given(options.date_format),
        header=header,
        skip=skip,
    )


def _encoding(options: LoadOptions) -> str:
    wanted = given(options.encoding)
    if wanted is None:
        return "utf-8"
    try:
        return ENCODINGS[wanted.strip().lower().replace("_", "-")]
    except KeyError:
        raise RefusedError("unsupported_encoding", encoding=wanted) from None


def _decode(body: bytes, encoding: str, complete: bool) -> str:
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(body) - 4:
            # A character cut at the end of the head, not a bad file.
            return body[: exc.start].decode(encoding)
        # Let the reader name the lines; decode leniently to find the header.
        return body.decode(encoding, errors="replace")


def _delimiter(options: LoadOptions) -> str | None:
    wanted = given(options.delimiter)
    if wanted is None:
        return None
    if wanted.lower() in ("tab", "\\t"):
        wanted = "\t"
    if len(wanted) != 1 or wanted in '"\r\n':
        raise RefusedError("bad_delimiter", delimiter=wanted)
    return wanted


def _decimal(options: LoadOptions, delimiter: str) -> str:
    wanted = given(options.decimal) or "."
    if wanted not in DECIMALS:
        raise RefusedError("bad_decimal", decimal=wanted)
    if wanted == delimiter:
        raise RefusedError("decimal_is_delimiter", decimal=wanted)
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
