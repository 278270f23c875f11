"""What a caller may ask of a load. Every detection has an override; None means "auto"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cxdash.schema import DEFAULT_WORKSHOP

MODES = ("append", "replace", "upsert")

# Delimiters the sniffer chooses among, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")
DECIMALS = (".", ",")

# Encodings the reader handles today (DuckDB reads these natively). The analyst
# issue adds detection (charset_normalizer) and Windows-1251 and friends.
ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-8-sig": "utf-8",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-1": "latin-1",
}

AUTO = "auto"


@dataclass(frozen=True)
class LoadOptions:
    """How to load one file.

    mode:        append (new keys only), replace (the dataset, or for workshop
                 artefacts the file's workshops, is emptied first) or upsert.
    encoding:    None/"auto" detects; else one of ENCODINGS.
    delimiter:   None/"auto" sniffs among , ; tab |; else one character.
    decimal:     None/"auto" means "." for now; "," reads 1,5 as 1.5.
    date_format: None/"auto" means ISO (YYYY-MM-DD); else a strptime format
                 such as "%d.%m.%Y" for the dataset's date columns.
    mapping:     source header -> canonical column, applied before the
                 built-in header normalisation.
    workshop:    the workshop artefact rows belong to when the file has no
                 workshop column (or leaves it empty).
    loaded_by:   recorded in the load history.
    dry_run:     validate and count, write nothing.
    max_issues:  how many issues the report lists; the rest are counted.
    """

    mode: str = "append"
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    date_format: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    workshop: str = DEFAULT_WORKSHOP
    loaded_by: str | None = None
    dry_run: bool = False
    max_issues: int = 100


def given(value: str | None) -> str | None:
    """The override a caller gave, or None when it asked for detection."""
    # No strip(): a tab is a real delimiter, not blank.
    if value is None or value == "" or (isinstance(value, str) and value.lower() == AUTO):
        return None
    return value
