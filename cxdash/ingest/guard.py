"""Before detection: refuse files that are too large or are not text at all.

Detection (detect.py) already refuses what its first bytes give away: an
empty file, a workbook or ZIP archive, gzip, PDF, NUL bytes near the start.
This guard adds what those bytes do not catch, each with a reason that names
the file:

- a file larger than the caller's limit (the Data screen passes its upload
  limit; the command line has none);
- other well-known binary formats by their signature: images, archives,
  databases, programs;
- a start full of control characters (binary data without NUL bytes);
- a NUL byte anywhere in the file (binary data appended to, or inside, text),
  with the line it is on. UTF-16 text, which is full of NUL bytes, is left
  to detection.

The full scan reads the file once at disk speed (NUL is searched with memchr);
``inspect`` skips it and looks at the start only. The same read notes whether
values could need trimming at all (``Scanned``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cxdash.ingest.detect import _SIGNATURES as DETECTED_FORMATS
from cxdash.ingest.detect import HEAD_BYTES, RefusedError

_CHUNK = 4 << 20
_HEAD = 64 * 1024
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Start bytes of formats people export or rename by mistake; ``kind`` names them in messages.
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_BINARIES = (
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet"),
    (b"\x7fELF", "program (ELF)"),
    (b"{\\rtf", "RTF document"),
)
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_SHARE = 0.01
# What a line before the header may hold and still be blank, for Scanned.spaced.
_BLANKS = b" \t\r\n"


def human_size(size: int) -> str:
    """``1.5 MB``: sizes in messages, in binary units as file managers show them."""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value):,} {unit}" if unit == "bytes" else f"{value:,.1f} {unit}"
        value /= 1024
    return f"{size:,} bytes"


def check_size(size: int, max_bytes: int | None) -> None:
    """Refuse a file of ``size`` bytes over ``max_bytes`` (None: no limit)."""
    if max_bytes is not None and size > max_bytes:
        raise RefusedError("too_large", size=human_size(size), limit=human_size(max_bytes))


def check_head(head: bytes) -> None:
    """Refuse a start of a file that shows a binary format or binary data."""
    for signature, code in DETECTED_FORMATS:  # workbooks, gzip, PDF: detection's own reasons
        if head.startswith(signature):
            raise RefusedError(code)
    for signature, kind in _IMAGES:
        if head.startswith(signature):
            raise RefusedError("image", kind=kind)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise RefusedError("image", kind="WebP")
    for signature, kind in _BINARIES:
        if head.startswith(signature):
            raise RefusedError("not_text", kind=kind)
    if head[8:12] == b"DUCK":
        raise RefusedError("not_text", kind="DuckDB database")
    if head.startswith(_UTF16_BOMS):
        return
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls >= 8 and controls > len(head) * _CONTROL_SHARE:
        raise RefusedError("control_bytes")


@dataclass(frozen=True)
class Scanned:
    """What the guard's read of the whole file found besides reasons to refuse it.

    ``spaced``: a space or tab occurs after the file's first line that holds
    anything. When not, no value can start or end with one and the reader skips
    trimming (stage.texts_sql). True whenever the file was not read in full.
    """

    spaced: bool = True


def check(path: str | os.PathLike, *, max_bytes: int | None = None, scan: bool = True) -> Scanned:
    """Refuse the file at ``path`` when it is too large or not text; ``scan`` reads it all.

    Raises RefusedError (the pipeline turns it into an issue naming the file).
    A file that cannot be opened is left to detection, which says why.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        handle = open(path, "rb")
    except OSError:
        return Scanned()
    with handle:
        check_size(size, max_bytes)
        head = handle.read(_HEAD)
        check_head(head)
        if scan and not head.startswith(_UTF16_BOMS):
            handle.seek(0)
            return _scan(handle)
    return Scanned()


def _scan(handle) -> Scanned:
    """Refuse the file at the first NUL byte past detection's sample, naming its line.

    One in the sample is left to detection, which refuses the file as binary.
    The same read notes whether a space or tab follows the end of the first line
    that holds anything but blanks: the header starts on that line at the
    earliest, so every value lies after it (``Scanned.spaced``). Each test is a
    byte search at memory speed; lines are only counted when there is a NUL.
    """
    offset = 0
    started = False  # a byte other than a blank was seen: the first line has begun
    body_from: int | None = None  # where that line ends
    spaced = False
    buffer = bytearray(_CHUNK)  # one buffer for the whole file: no copy per chunk
    while size := handle.readinto(buffer):
        at = buffer.find(b"\x00", 0, size)
        if at >= 0:
            if offset + at < HEAD_BYTES:
                return Scanned()
            raise RefusedError("nul_byte", line=_line_of(handle, offset + at))
        if body_from is None:
            start = 0
            if not started:
                start = size - len(buffer[:size].lstrip(_BLANKS))
                started = start < size
            breaks = (buffer.find(b"\n", start, size), buffer.find(b"\r", start, size))
            ends = [e for e in breaks if e >= 0]
            if started and ends:
                body_from = offset + min(ends)
        if body_from is not None and not spaced:
            begin = max(body_from - offset, 0)
            spaced = buffer.find(b" ", begin, size) >= 0 or buffer.find(b"\t", begin, size) >= 0
        offset += size
    return Scanned(spaced)


def _line_of(handle, position: int) -> int:
    """The line (from 1) of the byte at ``position``."""
    handle.seek(0)
    lines = done = 0
    while done < position:
        chunk = handle.read(min(_CHUNK, position - done))
        if not chunk:
            break
        lines += chunk.count(b"\n")
        done += len(chunk)
    return lines + 1
