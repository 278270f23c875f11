"""How numbers and dates are written: the decimal separator and the date format.

Both are read from a sample of the file's rows (the values of the columns the
dataset types as numbers or dates), never from the locale of the machine: the
same file must load the same way in Tashkent and in Berlin.

Date formats are strptime patterns (``%d.%m.%Y``); people write and read them as
``dd.mm.yyyy``, so both spellings are accepted and messages show the second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# -- decimal separator --------------------------------------------------------------

# "12,50", "-3,1", "1 234,50", "1.234,5": a decimal comma beyond doubt.
_COMMA_DECIMAL = re.compile(r"[+-]?(\d+|\d{1,3}([ .\u00a0\u202f]\d{3})+),\d+")
# "12.50", "1 234.5": a decimal point, unless it could be a thousands group ("1.234").
_DOT_DECIMAL = re.compile(r"[+-]?(\d*|\d{1,3}([ \u00a0\u202f]\d{3})+)\.\d+")
_GROUPED_THREE = re.compile(r"[+-]?\d{1,3}([.,]\d{3})+")


def detect_decimal(values: Iterable[str], delimiter: str) -> str:
    """ "," when the sample's numbers use a decimal comma, else ".".

    A value such as "1,234" or "1.234" decides nothing (a thousands group or
    three decimals); "12,5" or "1.234,56" does, and the majority wins. With no
    deciding value (or a tie), a comma-delimited file reads "." (its decimal
    commas would need quotes) and a semicolon-delimited one, the choice of
    decimal-comma locales, reads ",".
    """
    comma = dot = 0
    for value in values:
        if _GROUPED_THREE.fullmatch(value) and value.count(",") + value.count(".") == 1:
            continue
        if _COMMA_DECIMAL.fullmatch(value):
            comma += 1
        elif _DOT_DECIMAL.fullmatch(value):
            dot += 1
    if comma != dot:
        return "," if comma > dot else "."
    return "," if delimiter == ";" else "."


# -- dates ----------------------------------------------------------------------------

ISO = None  # the default: YYYY-MM-DD, read by DuckDB's own cast


@dataclass(frozen=True)
class DateFamily:
    """A way of writing dates: a pattern for the date part and its strptime formats."""

    pattern: re.Pattern
    formats: tuple[str, ...]  # one, or (day-first, month-first) when it may be either


_DATE_PART = r"(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
_FAMILIES = {
    ".": DateFamily(re.compile(_DATE_PART), ("%d.%m.%Y",)),
    "/": DateFamily(re.compile(_DATE_PART), ("%d/%m/%Y", "%m/%d/%Y")),
    "-": DateFamily(re.compile(_DATE_PART), ("%d-%m-%Y",)),
}
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_YEAR_FIRST_SLASH = re.compile(r"\d{4}/\d{1,2}/\d{1,2}")
# What may follow the date: a time, perhaps with seconds, AM/PM or a zone.
_REST = re.compile(
    r"([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s?[AaPp][Mm])?(\s?(Z|[+-]\d{2}(:?\d{2})?))?)?"
)

# Offered on screens and accepted everywhere, in the spelling people read.
COMMON_DATE_FORMATS = (
    "yyyy-mm-dd",
    "dd.mm.yyyy",
    "dd/mm/yyyy",
    "mm/dd/yyyy",
    "dd-mm-yyyy",
    "yyyy/mm/dd",
    "dd.mm.yy",
)

_HUMAN_TOKENS = (("yyyy", "%Y"), ("yy", "%y"), ("dd", "%d"), ("mm", "%m"), ("d", "%d"), ("m", "%m"))


def to_strptime(text: str) -> str | None:
    """``dd.mm.yyyy`` -> ``%d.%m.%Y``; a strptime format stays as it is; None for ISO."""
    text = text.strip()
    if "%" in text:
        return None if text in ("%Y-%m-%d",) else text
    lowered = text.lower()
    if lowered in ("iso", "yyyy-mm-dd"):
        return None
    out, i = "", 0
    while i < len(lowered):
        for token, code in _HUMAN_TOKENS:
            if lowered.startswith(token, i):
                out += code
                i += len(token)
                break
        else:
            out += text[i]
            i += 1
    return out


_FORMAT_PARTS = re.compile(r"%[dmYy]|[./\- ]")


def valid_date_format(fmt: str) -> bool:
    """A date format names the day, the month and the year once each, with separators."""
    parts = _FORMAT_PARTS.findall(fmt)
    codes = [p for p in parts if p.startswith("%")]
    years = codes.count("%Y") + codes.count("%y")
    return (
        "".join(parts) == fmt
        and codes.count("%d") == 1
        and codes.count("%m") == 1
        and years == 1
        and len(codes) == 3
    )


def to_human(fmt: str | None) -> str:
    """``%d.%m.%Y`` -> ``dd.mm.yyyy``; None (ISO) -> ``yyyy-mm-dd``."""
    if fmt is None:
        return "yyyy-mm-dd"
    out = fmt
    for code, token in (
        ("%Y", "yyyy"),
        ("%y", "yy"),
        ("%d", "dd"),
        ("%m", "mm"),
        ("%H", "HH"),
        ("%M", "MM"),
        ("%S", "SS"),
    ):
        out = out.replace(code, token)
    return out


@dataclass(frozen=True)
class DateGuess:
    """What the sample says about dates.

    ``date_format`` is the strptime format (None: ISO). ``ambiguous`` holds an
    example value when day-first and month-first both fit every value (then
    ``date_format`` is the day-first reading, which the caller must not use
    without asking). ``mixed`` holds two values written in different ways (the
    format follows the first; rows written the other way fail the row check).
    """

    date_format: str | None = ISO
    ambiguous: str | None = None
    mixed: tuple[str, str] | None = None


def detect_date_format(values: Iterable[str]) -> DateGuess:
    """The format of the date (or date-and-time) values of a sample.

    ISO values fit any file; the other values must share one way of writing
    the date part. For dd/mm/yyyy against mm/dd/yyyy a first number above 12
    means day-first, a second one above 12 month-first; when neither occurs the
    guess is ambiguous.
    """
    family: str | None = None
    first: str | None = None
    two_digit_year = False
    day_first: str | None = None  # a value only a day-first reading fits
    month_first: str | None = None
    example: str | None = None
    other: str | None = None
    for value in values:
        if _ISO_DATE.match(value) or _YEAR_FIRST_SLASH.match(value):
            if _YEAR_FIRST_SLASH.match(value) and family in (None, "y/"):
                family, first = "y/", first or value
            continue  # ISO fits any file
        found = _FAMILIES["."].pattern.match(value)
        if not found or not _REST.fullmatch(value[found.end() :]):
            continue  # not a date at all: the row check reports it
        sep = found.group("sep")
        if family is None:
            family, first = sep, value
        elif family != sep:
            other = other or value  # written another way: the row check reports it
            continue
        a, b = int(found.group("a")), int(found.group("b"))
        two_digit_year |= len(found.group("y")) == 2
        if a > 12:
            day_first = day_first or value
        elif b > 12:
            month_first = month_first or value
        elif example is None:
            example = value
    if family is None:
        return DateGuess()
    mixed = (first or "", other) if other else None
    if family == "y/":
        return DateGuess("%Y/%m/%d", mixed=mixed)
    formats = _FAMILIES[family].formats
    if two_digit_year:
        formats = tuple(f.replace("%Y", "%y") for f in formats)
    if len(formats) == 1:
        return DateGuess(formats[0], mixed=mixed)
    if day_first and month_first:
        return DateGuess(formats[0], mixed=(day_first, month_first))
    if month_first:
        return DateGuess(formats[1], mixed=mixed)
    if day_first:
        return DateGuess(formats[0], mixed=mixed)
    return DateGuess(formats[0], ambiguous=example or first, mixed=mixed)


def time_formats(date_format: str) -> list[str]:
    """The date-and-time formats tried for timestamps whose date part is ``date_format``."""
    return [
        f"{date_format} %H:%M:%S",
        f"{date_format} %H:%M",
        f"{date_format} %I:%M:%S %p",
        f"{date_format} %I:%M %p",
        f"{date_format}T%H:%M:%S",
        date_format,
    ]
