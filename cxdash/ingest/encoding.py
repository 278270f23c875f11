"""Which text encoding a file is in, and a UTF-8 copy for DuckDB when it is not UTF-8.

Analysts bring exports from Excel in Tashkent (Windows-1251), Berlin (Windows-1252)
and scripts everywhere (UTF-8, with or without a byte-order mark). UTF-8 is tried
first and strictly: text that decodes as UTF-8 is UTF-8 (the chance that Cyrillic or
accented single-byte text happens to be valid UTF-8 is negligible). Anything else
goes to charset_normalizer, restricted to the single-byte encodings these users meet.

Why charset_normalizer and a tie-break of our own: on a short sample several
code pages decode the same bytes equally "cleanly" (a row with one Russian word is
plausible Windows-1251, KOI8-R or Greek; "Café" is the same bytes in
Windows-1252 and -1250). The detector ranks by how messy each decoding is; among
the decodings it finds about as clean as the best, we take the one our users most
likely have (PREFERENCE). Only the lines with non-ASCII bytes are given to the
detector: the rest says nothing about the encoding.

DuckDB's reader takes UTF-8 and Latin-1 natively; any other encoding is transcoded
to a temporary UTF-8 file in streaming chunks (an incremental decoder), so memory
stays bounded whatever the file's size. Line breaks are kept, so line numbers in
messages stay the file's own.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

UTF8 = "utf-8"
LATIN1 = "latin-1"

# Names shown to users (and accepted from them), by Python's codec name.
_DISPLAY = {
    "utf-8": UTF8,
    "utf-8-sig": UTF8,
    "latin-1": LATIN1,
    "iso8859-1": LATIN1,
    "cp1251": "windows-1251",
    "cp1252": "windows-1252",
    "cp1250": "windows-1250",
    "cp1253": "windows-1253",
    "cp1254": "windows-1254",
    "cp1257": "windows-1257",
    "koi8-r": "koi8-r",
    "koi8-u": "koi8-u",
    "cp866": "cp866",
    "iso8859-5": "iso-8859-5",
    "iso8859-15": "iso-8859-15",
    "iso8859-2": "iso-8859-2",
    "mac-cyrillic": "mac-cyrillic",
}

# The choices a screen offers, most common first.
COMMON = (
    UTF8,
    "windows-1251",
    "windows-1252",
    "koi8-r",
    "cp866",
    LATIN1,
    "iso-8859-15",
    "windows-1250",
    "windows-1254",
    "windows-1257",
    "iso-8859-5",
)

# Tie-break among equally clean decodings: what our users most likely have.
PREFERENCE = (
    "cp1251",
    "cp1252",
    "koi8-r",
    "cp866",
    "iso8859-15",
    "latin-1",
    "cp1250",
    "cp1254",
    "cp1257",
    "iso8859-5",
    "cp1253",
)
_CANDIDATES = [name.replace("-", "_") for name in PREFERENCE]

# How much messier than the best a decoding may be and still count as a tie.
_TIE = 0.02
# Bytes of non-ASCII lines handed to the detector.
_DETECT_BYTES = 64 * 1024
_CHUNK = 1 << 20
_WORD = re.compile(r"[^\W\d_]+")
# ASCII characters a CSV needs; an encoding must read them as themselves.
_ASCII_PROBE = (
    "order_id,;|\t\r\n\"' 0123456789.-:/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


class EncodingError(Exception):
    """The file is not valid text in ``encoding``: ``line`` and ``byte`` (from 1) locate it."""

    def __init__(self, encoding: str, line: int, byte: int) -> None:
        super().__init__(f"line {line} is not valid {encoding}")
        self.encoding = encoding
        self.line = line
        self.byte = byte


def codec_name(name: str) -> str | None:
    """Python's name for the encoding ``name`` (any common spelling), None when unknown."""
    try:
        return codecs.lookup(name.strip().lower().replace("_", "-")).name
    except LookupError:
        return None


def display_name(name: str) -> str:
    """The name users read: windows-1251 rather than cp1251."""
    codec = codec_name(name) or name
    return _DISPLAY.get(codec, codec)


def supported(name: str) -> str | None:
    """The display name of ``name`` when a CSV can be read in it, else None.

    Any encoding Python knows qualifies as long as it reads plain ASCII (delimiters,
    quotes, digits, line breaks) as itself: UTF-16 and EBCDIC do not.
    """
    codec = codec_name(name)
    if codec is None:
        return None
    if codec == "utf-8-sig":
        return UTF8
    try:
        if _ASCII_PROBE.encode(codec) != _ASCII_PROBE.encode("ascii"):
            return None
    except (UnicodeError, LookupError):
        return None
    return display_name(codec)


def non_ascii_lines(data: bytes, limit: int = _DETECT_BYTES) -> bytes:
    """The lines of ``data`` that hold a byte above 127, up to ``limit`` bytes."""
    found = []
    size = 0
    for line in data.splitlines(keepends=True):
        if max(line, default=0) > 127:
            found.append(line)
            size += len(line)
            if size >= limit:
                break
    return b"".join(found)


def _is_utf8(data: bytes, complete: bool) -> bool:
    try:
        data.decode(UTF8)
    except UnicodeDecodeError as exc:
        # A character cut at the end of an incomplete sample is not a fault.
        return not complete and exc.reason == "unexpected end of data"
    return True


def detect_encoding(sample: bytes, complete: bool) -> str | None:
    """The display name of the encoding ``sample`` is in; None when nothing fits.

    ``sample`` holds the bytes to judge (a file's head and any non-ASCII lines found
    further in); ``complete`` says whether it ends where the file ends.
    """
    if _is_utf8(sample, complete):
        return UTF8
    informative = non_ascii_lines(sample)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(informative, cp_isolation=_CANDIDATES))
    if not matches:
        # A few short lines can look too messy for every code page; more context helps.
        matches = list(from_bytes(sample[:_DETECT_BYTES], cp_isolation=_CANDIDATES))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied: set[str] = set()
    for match in matches:
        if match.chaos <= best + _TIE:
            tied.update(filter(None, (codec_name(c) for c in match.could_be_from_charset)))
            tied.add(codec_name(match.encoding) or match.encoding)
    ranked = [c for c in PREFERENCE if c in tied] or sorted(tied)

    def implausible(codec: str) -> int:
        return mixed_script_words(informative.decode(codec, errors="replace"))

    # A word that mixes alphabets ("Zoл", "Mьller") is what a wrong code page makes.
    return display_name(min(ranked, key=implausible))


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ", 1)[0]


def mixed_script_words(text: str) -> int:
    """How many words mix letters of two alphabets (Latin and Cyrillic, say)."""
    mixed = 0
    for word in _WORD.findall(text):
        if not word.isascii() and len({_script(c) for c in word if c.isalpha()}) > 1:
            mixed += 1
    return mixed


def native(encoding: str) -> bool:
    """DuckDB reads this encoding itself (no transcoding needed)."""
    return encoding in (UTF8, LATIN1)


@contextmanager
def utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """``path`` itself when DuckDB reads ``encoding``; else a temporary UTF-8 copy.

    Raises EncodingError naming the first line that is not valid ``encoding``.
    """
    if native(encoding):
        yield path
        return
    decoder = codecs.getincrementaldecoder(codec_name(encoding) or encoding)(errors="strict")
    handle, temp = tempfile.mkstemp(prefix="cxdash-utf8-", suffix=".csv")
    try:
        lines = 0
        offset = 0
        with open(path, "rb") as source, os.fdopen(handle, "wb") as out:
            while True:
                chunk = source.read(_CHUNK)
                final = not chunk
                try:
                    text = decoder.decode(chunk, final=final)
                except UnicodeDecodeError as exc:
                    start = max(min(exc.start, len(chunk)), 0)
                    line = lines + chunk.count(b"\n", 0, start) + 1
                    raise EncodingError(encoding, line, offset + start + 1) from None
                out.write(text.encode(UTF8))
                if final:
                    break
                lines += chunk.count(b"\n")
                offset += len(chunk)
        yield Path(temp)
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass
