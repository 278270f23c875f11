"""What a load hands back: issues found and rows written. Pages and the CLI only present it.

Issues carry a code and the facts (file, line or row, column, value, params);
the words come from the translation catalog (keys ``ingest.*``), so the same
result renders in any language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from cxdash.i18n import DEFAULT_LANGUAGE, t

ERROR = "error"
WARNING = "warning"

# Longest value quoted in a message; longer ones are cut with an ellipsis.
_VALUE_CHARS = 60


def quote(value: object) -> str:
    """A value as a message shows it: in double quotes, escapes visible, cut when long."""
    text = str(value)
    if len(text) > _VALUE_CHARS:
        text = text[: _VALUE_CHARS - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class Issue:
    """One problem (error) or remark (warning) about a file.

    line:   a line of the file (1 = the header), for problems of the file's structure.
    row:    a data row, counting from 1 (the row after the header is row 1).
    column: the canonical column (or the header text of a column that has none).
    value:  the value as found in the file, trimmed; None when there is none.
    code:   which rule; the message is ``ingest.issue.<code>`` in the catalog.
    params: further facts the message needs (limits, choices, other values).
    """

    severity: str
    code: str
    file: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def reason(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message without its location."""
        values = dict(self.params)
        values["value"] = quote(self.value) if self.value is not None else '""'
        values.setdefault("column", self.column or "")
        return t(f"ingest.issue.{self.code}", language, **values)

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        """File, place and reason.

        E.g. ``orders.csv: row 3, column amount: "-5" must be 0 or more``.
        """
        text = self.reason(language)
        place = {"file": self.file, "text": text}
        if self.row is not None and self.column is not None:
            return t("ingest.at.row_column", language, row=self.row, column=self.column, **place)
        if self.row is not None:
            return t("ingest.at.row", language, row=self.row, **place)
        if self.line is not None and self.column is not None:
            return t("ingest.at.line_column", language, line=self.line, column=self.column, **place)
        if self.line is not None:
            return t("ingest.at.line", language, line=self.line, **place)
        if self.column is not None:
            return t("ingest.at.column", language, column=self.column, **place)
        return t("ingest.at.file", language, **place)

    def __str__(self) -> str:
        return self.message()


@dataclass(frozen=True)
class Detected:
    """How the file was read: what detection found or the caller overrode.

    ``date_format`` is a strptime format (None: ISO, yyyy-mm-dd); ``auto`` names
    the settings that were detected rather than given (encoding, delimiter,
    decimal, date_format; ``LoadResult.dataset_detected`` says it of the
    dataset); ``sample`` holds the first rows as parsed text, for detection only.
    """

    encoding: str
    bom: bool
    delimiter: str
    decimal: str
    date_format: str | None
    header: tuple[str, ...]
    skip: int = 0  # blank lines before the header
    auto: frozenset[str] = frozenset()
    sample: tuple[tuple[str, ...], ...] = field(default=(), compare=False, repr=False)

    @property
    def date_format_text(self) -> str:
        """The date format as people write it: dd.mm.yyyy."""
        from cxdash.ingest.formats import to_human

        return to_human(self.date_format)


@dataclass
class LoadResult:
    """The outcome of one load: ``ok`` when nothing blocked it.

    ``issues`` lists at most ``LoadOptions.max_issues`` issues, errors first by
    position in the file; ``error_count`` and ``warning_count`` count them all.
    """

    file_name: str
    dataset: str
    mode: str
    issues: list[Issue] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    rows_in_file: int = 0
    rows_added: int = 0
    rows_updated: int = 0
    rows_skipped: int = 0
    rows_removed: int = 0
    committed: bool = False
    dry_run: bool = False
    checksum: str | None = None
    load_id: int | None = None
    data_version: int | None = None
    detected: Detected | None = None
    # header text -> canonical column, for the columns that were loaded
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    seconds: float = 0.0
    # the first rows as they would be stored (LoadOptions.preview_rows), a DataFrame
    preview: Any = None
    # the dataset was detected from the header rather than given
    dataset_detected: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def hidden_count(self) -> int:
        """Issues counted but not listed."""
        return self.error_count + self.warning_count - len(self.issues)

    def issue_rows(self, language: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
        """The listed issues as table rows: severity, line, row, column, value, reason."""
        return [
            {
                "severity": issue.severity,
                "line": issue.line,
                "row": issue.row,
                "column": issue.column,
                "value": issue.value,
                "reason": issue.reason(language),
            }
            for issue in self.issues
        ]

    def report(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Every listed issue on its own line, then how many more there are."""
        lines = [issue.message(language) for issue in self.issues]
        if self.hidden_count > 0:
            total = self.error_count + self.warning_count
            lines.append(
                t(
                    "ingest.report.more",
                    language,
                    count=f"{self.hidden_count:,}",
                    total=f"{total:,}",
                )
            )
        if not self.ok:
            lines.append(t("ingest.report.nothing_loaded", language, file=self.file_name))
        return "\n".join(lines)

    def summary(self, language: str = DEFAULT_LANGUAGE) -> str:
        """One line: ``orders.csv -> orders (append): 1,000 rows added, 0 updated, 0 skipped``."""
        facts = {
            "file": self.file_name,
            "dataset": self.dataset,
            "mode": self.mode,
            "added": f"{self.rows_added:,}",
            "updated": f"{self.rows_updated:,}",
            "skipped": f"{self.rows_skipped:,}",
            "removed": f"{self.rows_removed:,}",
            "errors": f"{self.error_count:,}",
        }
        if not self.ok:
            return t("ingest.summary.refused", language, **facts)
        key = "ingest.summary.checked" if self.dry_run else "ingest.summary.loaded"
        text = t(key, language, **facts)
        if self.mode == "replace":
            text += t("ingest.summary.removed", language, **facts)
        return text
