"""What a caller may ask of a load. Every detection has an override; None means "auto"."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cxdash.schema import DEFAULT_WORKSHOP

MODES = ("append", "replace", "upsert")

# Delimiters the sniffer chooses among, in order of preference on a tie.
DELIMITERS = (",", ";", "\t", "|")
DECIMALS = (".", ",")

AUTO = "auto"

# The stages a load reports to LoadOptions.progress, in order.
PROGRESS_STAGES = ("detecting", "reading", "checking", "writing", "done")


@dataclass(frozen=True)
class LoadOptions:
    """How to load one file.

    mode:          append (new keys only), replace (the dataset, or for workshop
                   artefacts the file's workshops, is emptied first) or upsert.
    encoding:      None/"auto" detects (UTF-8, else the likeliest single-byte code
                   page); else any encoding name Python knows, e.g. windows-1251.
    delimiter:     None/"auto" sniffs among , ; tab |; else one character (or
                   "tab", "semicolon", "comma", "pipe").
    decimal:       None/"auto" reads the sample's numbers; else "." or ",".
    date_format:   None/"auto" reads the sample's dates; else dd.mm.yyyy style or
                   a strptime format such as "%d.%m.%Y", for the date columns and
                   the date part of timestamps (ISO values are always accepted).
    mapping:       source header -> canonical column ("" or None: ignore the
                   header), applied before the header names and synonyms.
    workshop:      the workshop artefact rows belong to when the file has no
                   workshop column (or leaves it empty).
    loaded_by:     recorded in the load history.
    dry_run:       validate and count, write nothing.
    max_issues:    how many issues the report lists; the rest are counted.
    preview_rows:  return the first rows as they would be stored (``preview``).
    skip_existing: append skips rows whose key is already there (counted as
                   skipped) instead of refusing the file.
    progress:      called as progress(fraction, stage) when a stage starts;
                   stage is one of PROGRESS_STAGES (catalog: ingest.progress.*).
    """

    mode: str = "append"
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    date_format: str | None = None
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    workshop: str = DEFAULT_WORKSHOP
    loaded_by: str | None = None
    dry_run: bool = False
    max_issues: int = 100
    preview_rows: int = 0
    skip_existing: bool = False
    progress: Callable[[float, str], None] | None = field(default=None, compare=False, repr=False)


def tell(options: LoadOptions, fraction: float, stage: str) -> None:
    """Report a stage to the caller's progress callback, if any."""
    if options.progress is not None:
        options.progress(fraction, stage)


def given(value: str | None) -> str | None:
    """The override a caller gave, or None when it asked for detection."""
    # No strip(): a tab is a real delimiter, not blank.
    if value is None or value == "" or (isinstance(value, str) and value.lower() == AUTO):
        return None
    return value
