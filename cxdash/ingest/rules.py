"""The SQL of a load: how a text field becomes a typed value, and the rules rows must keep.

Read this file to know what a load accepts. read_csv delivers every field as
text; a value is trimmed of spaces and tabs, and an empty one is missing.
Then, per column type of the data model, in the same pass (stage.py):

- DATE       YYYY-MM-DD (also Y-M-D without zero padding, or with a midnight
             time); with a ``date_format`` (dd.mm.yyyy, say) that format first,
             perhaps followed by a midnight time, then ISO.
- TIMESTAMP  ISO date and time, with or without a zone (Z, +02, +05:30, or a
             zone name). A zoned value is converted to UTC; a value without a
             zone is kept as given. Stored without a zone. (The load's cursor
             runs with TimeZone=UTC so "without a zone" means "as given".) With
             a ``date_format``, its date part followed by HH:MM[:SS] (or a 12-hour
             time with AM/PM) is read first, as given.
- DOUBLE     a finite number with the file's decimal separator ("." or ","),
             digits perhaps grouped by spaces ("1 234,5"), or by dots when the
             decimal separator is a comma ("1.234,5").
- INTEGER    a finite whole number (3 or 3.0, not 3.5), written as DOUBLE.
- BOOLEAN    true/false, yes/no, 1/0, any case.
- VARCHAR    with choices: one of them, any case, stored as the model spells it.

Rules, each a predicate over the typed rows; a row matching one is an error:
required value missing, value of the wrong type, below min / above max,
ordered pair reversed (later < earlier). Keys unique within the file, keys
new to the table (append) and the RACI rule are checked in validate.py.

Identifiers come only from the data model or are generated here; values from
the user (workshop, date format) are bound parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxdash.ingest.formats import time_formats
from cxdash.ingest.mapping import WORKSHOP, ColumnMap
from cxdash.ingest.options import LoadOptions
from cxdash.ingest.result import Detected
from cxdash.ingest.sqltext import literal
from cxdash.ingest.stage import ROWS, text_field
from cxdash.schema import BOOLEAN, DATE, INTEGER, NUMBER, TEXT, TIMESTAMP, Column

_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")
_INT_MAX = 2_147_483_647


# Digit groups: "1 234" (space, no-break space, narrow no-break space) for either
# decimal separator, and "1.234" when the decimal separator is a comma.
_SPACES = "\u0020\u00a0\u202f"
_GROUPED = {
    ".": (rf"[+-]?\d{{1,3}}([{_SPACES}]\d{{3}})+(\.\d+)?", f"[{_SPACES}]"),
    ",": (rf"[+-]?\d{{1,3}}([.{_SPACES}]\d{{3}})+(,\d+)?", f"[.{_SPACES}]"),
}


def _number(text: str, decimal: str) -> str:
    """SQL reading a number written with ``decimal``; NULL when it is not one.

    The plain form is one cast; only values it refuses are tried with digit groups.
    With a decimal comma a value holding a dot must be a grouped number ("1.234,5"):
    "1.5" is refused rather than read as one and a half.
    """
    pattern, groups = _GROUPED[decimal]
    if decimal == ",":
        plain = (
            f"CASE WHEN strpos({text}, '.') = 0 "
            f"THEN TRY_CAST(replace({text}, ',', '.') AS DOUBLE) END"
        )
        ungrouped = f"replace(regexp_replace({text}, {literal(groups)}, '', 'g'), ',', '.')"
    else:
        plain = f"TRY_CAST({text} AS DOUBLE)"
        ungrouped = f"regexp_replace({text}, {literal(groups)}, '', 'g')"
    return (
        f"coalesce({plain}, CASE WHEN regexp_full_match({text}, {literal(pattern)}) "
        f"THEN TRY_CAST({ungrouped} AS DOUBLE) END)"
    )


def _in_years(value: str, type_: str = TIMESTAMP) -> str:
    """``value`` (a DATE or TIMESTAMP) lies in the years 1 to 9999.

    A range test on the value itself: cheaper than year() on every value of a file.
    """
    if type_ == DATE:
        return f"{value} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31'"
    return f"{value} BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999'"


def _iso_date(text: str) -> str:
    value = f"TRY_CAST({text} AS DATE)"
    # A date, not a date and time: allow a time part only when it is midnight.
    return (
        f"CASE WHEN {_in_years(value, DATE)} AND (length({text}) <= 10 "
        f"OR CAST({value} AS TIMESTAMP) = TRY_CAST({text} AS TIMESTAMP)) THEN {value} END"
    )


def _iso_timestamp(text: str) -> str:
    value = f"(TRY_CAST({text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')"
    return f"CASE WHEN {_in_years(value)} THEN {value} END"


def conversion(column: Column, text: str, detected: Detected) -> str:
    """SQL turning the trimmed text ``text`` into the column's type; NULL when it cannot."""
    if column.type == TEXT:
        if not column.choices:
            return text
        whens = " ".join(f"WHEN {literal(c.lower())} THEN {literal(c)}" for c in column.choices)
        return f"CASE lower({text}) {whens} END"
    if column.type == DATE:
        if not detected.date_format:
            return _iso_date(text)
        # The format (a midnight time may follow, as spreadsheets write it), else ISO.
        parsed = f"TRY_STRPTIME({text}, $date_formats)"
        return (
            f"CASE WHEN {parsed} IS NULL THEN {_iso_date(text)} "
            f"WHEN {parsed} = date_trunc('day', {parsed}) AND {_in_years(parsed)} "
            f"THEN CAST({parsed} AS DATE) END"
        )
    if column.type == TIMESTAMP:
        if not detected.date_format:
            return _iso_timestamp(text)
        # The date part in the file's format and a time (zone-less: kept as given), else ISO.
        parsed = f"TRY_STRPTIME({text}, $time_formats)"
        return (
            f"CASE WHEN {parsed} IS NULL THEN {_iso_timestamp(text)} "
            f"WHEN {_in_years(parsed)} THEN {parsed} END"
        )
    if column.type == NUMBER:
        value = _number(text, detected.decimal)
        return f"CASE WHEN isfinite({value}) THEN {value} END"
    if column.type == INTEGER:
        value = _number(text, detected.decimal)
        return (
            f"CASE WHEN isfinite({value}) AND {value} = trunc({value}) "
            f"AND abs({value}) <= {_INT_MAX} THEN CAST({value} AS INTEGER) END"
        )
    if column.type == BOOLEAN:
        whens = " ".join(f"WHEN '{v}' THEN true" for v in _TRUE)
        whens += " " + " ".join(f"WHEN '{v}' THEN false" for v in _FALSE)
        return f"CASE lower({text}) {whens} END"
    raise ValueError(f"no conversion for type {column.type}")


def type_code(column: Column, detected: Detected) -> str | None:
    """The issue code for a value the conversion refuses; None for plain text."""
    if column.type == TEXT:
        return "not_choice" if column.choices else None
    if column.type == DATE:
        return "not_date_format" if detected.date_format else "not_date"
    if column.type == TIMESTAMP and detected.date_format:
        return "not_timestamp_format"
    return {
        TIMESTAMP: "not_timestamp",
        NUMBER: "not_number",
        INTEGER: "not_integer",
        BOOLEAN: "not_boolean",
    }[column.type]


def _limit(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Rule:
    """Rows matching ``predicate`` break the rule; each is one issue at ``column``."""

    code: str
    column: str
    predicate: str
    params: dict = field(default_factory=dict, hash=False)
    other: str | None = None  # a second column whose value the message shows


@dataclass
class Plan:
    """Everything the SQL of one load depends on.

    The staging table (stage.py) holds, per record of the file in file order
    (rowid 0 = data row 1): each loaded column typed (named as in the data
    model), the trimmed text of each converted column (``raw_<column>``, for
    messages) and ``_blank`` for records with no value at all.
    """

    cmap: ColumnMap
    detected: Detected
    options: LoadOptions

    @property
    def dataset(self):
        return self.cmap.dataset

    @property
    def table(self) -> str:
        return self.dataset.name  # from the data model

    @property
    def params(self) -> dict:
        fmt = self.detected.date_format
        return {
            "workshop": self.options.workshop,
            "date_formats": [fmt, f"{fmt} %H:%M", f"{fmt} %H:%M:%S"] if fmt else None,
            "time_formats": time_formats(fmt) if fmt else None,
        }

    def columns(self) -> tuple[str, ...]:
        return self.cmap.loaded_columns()

    def key_ready(self) -> bool:
        return all(c in self.columns() for c in self.dataset.key)

    def _converted(self, name: str) -> bool:
        column = self.dataset.column(name)
        return not (column.type == TEXT and not column.choices)

    def text_of(self, name: str) -> str:
        """The staging column holding ``name`` as the file wrote it (trimmed)."""
        return f"raw_{name}" if self._converted(name) else name

    def projection(self) -> list[str]:
        """The staging table's columns, as SQL over the trimmed fields."""
        select = []
        for name in self.columns():
            if name == WORKSHOP and self.cmap.fills_workshop:
                text = text_field(self.cmap.positions[name]) if self.cmap.has(name) else "NULL"
                select.append(f"coalesce({text}, CAST($workshop AS VARCHAR)) AS {name}")
                continue
            text = text_field(self.cmap.positions[name])
            if self._converted(name):
                select.append(f"{text} AS {self.text_of(name)}")
            select.append(f"{conversion(self.dataset.column(name), text, self.detected)} AS {name}")
        return select

    def rows_sql(self) -> str:
        """The staged rows that are not blank, with ``_rid`` (0 = first record after the header)."""
        return f"SELECT rowid AS _rid, * FROM {ROWS} WHERE NOT _blank"

    def rules(self) -> list[Rule]:
        """The row rules for the columns the file has, in column order."""
        found: list[Rule] = []
        loaded = set(self.columns())
        for column in self.dataset.columns:
            name = column.name
            if name not in loaded or (name == WORKSHOP and self.cmap.fills_workshop):
                continue
            text = self.text_of(name)
            if column.required:
                found.append(Rule("required", name, f"{text} IS NULL"))
            code = type_code(column, self.detected)
            if code:
                params = {}
                if column.choices:
                    params["choices"] = ", ".join(column.choices)
                if self.detected.date_format:
                    params["date_format"] = self.detected.date_format_text
                found.append(Rule(code, name, f"{text} IS NOT NULL AND {name} IS NULL", params))
            if column.min is not None and column.max is not None:
                found.append(
                    Rule(
                        "out_of_range",
                        name,
                        f"({name} < {column.min} OR {name} > {column.max})",
                        {"min": _limit(column.min), "max": _limit(column.max)},
                    )
                )
            elif column.min is not None:
                found.append(
                    Rule("below_min", name, f"{name} < {column.min}", {"min": _limit(column.min)})
                )
            elif column.max is not None:
                found.append(
                    Rule("above_max", name, f"{name} > {column.max}", {"max": _limit(column.max)})
                )
        for later, earlier in self.dataset.ordered:
            if later in loaded and earlier in loaded:
                found.append(
                    Rule(
                        "before",
                        later,
                        f"{later} < {earlier}",
                        {"other_column": earlier},
                        other=earlier,
                    )
                )
        return found
