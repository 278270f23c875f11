"""Stage 2, map: which field of the file feeds which column of the dataset.

Header texts are normalised (case, surrounding and inner spaces, hyphens) to
the canonical column names of the data model. An explicit mapping
(``LoadOptions.mapping``, the CLI's later ``--map SRC=DST``) wins over the
normalised name. The analyst issue adds header synonyms here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxdash.ingest.result import ERROR, WARNING, Issue
from cxdash.schema import Dataset

WORKSHOP = "workshop"
_SEPARATORS = re.compile(r"[\s\-]+")


def normalise(name: str) -> str:
    """``" Order ID "`` -> ``order_id``: the form header texts are compared in."""
    return _SEPARATORS.sub("_", name.replace("\ufeff", "").strip().lower()).strip("_")


@dataclass
class ColumnMap:
    """Field positions (0-based) of the file per canonical column."""

    dataset: Dataset
    width: int
    positions: dict[str, int] = field(default_factory=dict)
    header: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    usable: bool = True  # False when the header shares nothing with the dataset

    def has(self, column: str) -> bool:
        return column in self.positions

    @property
    def fills_workshop(self) -> bool:
        """Artefact rows get their workshop from the options where the file has none."""
        return self.dataset.kind == "artefact" and WORKSHOP in self.dataset.column_names

    def loaded_columns(self) -> tuple[str, ...]:
        """Columns the load writes, in data-model order."""
        names = []
        for name in self.dataset.column_names:
            if self.has(name) or (name == WORKSHOP and self.fills_workshop):
                names.append(name)
        return tuple(names)


def map_columns(
    dataset: Dataset, header: tuple[str, ...], mapping: dict[str, str], file_name: str
) -> tuple[ColumnMap, list[Issue]]:
    """Match the header to the dataset; issues for missing, repeated and extra columns."""
    issues: list[Issue] = []
    known = set(dataset.column_names)
    explicit: dict[str, str] = {}
    for source, target in (mapping or {}).items():
        canonical = normalise(target)
        if canonical not in known:
            issues.append(
                Issue(
                    ERROR,
                    "bad_mapping",
                    file_name,
                    params={
                        "source": source,
                        "target": target,
                        "dataset": dataset.name,
                        "columns": ", ".join(dataset.column_names),
                    },
                )
            )
            continue
        explicit[normalise(source)] = canonical

    cmap = ColumnMap(dataset, width=len(header), header=header)
    ignored = []
    for position, text in enumerate(header):
        key = normalise(text)
        target = explicit.get(key) or (key if key in known else None)
        if target is None:
            ignored.append(text)
            if key:
                issues.append(
                    Issue(
                        WARNING,
                        "extra_column",
                        file_name,
                        column=text.strip(),
                        params={"dataset": dataset.name},
                    )
                )
            else:
                issues.append(
                    Issue(
                        WARNING,
                        "unnamed_column",
                        file_name,
                        line=1,
                        params={"position": position + 1},
                    )
                )
            continue
        if target in cmap.positions:
            issues.append(
                Issue(
                    ERROR,
                    "duplicate_column",
                    file_name,
                    line=1,
                    column=target,
                    params={"first": cmap.positions[target] + 1, "second": position + 1},
                )
            )
            continue
        cmap.positions[target] = position
    cmap.ignored = tuple(ignored)

    if not cmap.positions:
        # Nothing matches: one plain error, not a warning per unknown column.
        cmap.usable = False
        issues = [i for i in issues if i.is_error]
        issues.append(
            Issue(
                ERROR,
                "no_known_columns",
                file_name,
                line=1,
                params={
                    "dataset": dataset.name,
                    "found": _listing(header),
                    "expected": ", ".join(dataset.column_names),
                },
            )
        )
        return cmap, issues

    for name in dataset.required:
        if cmap.has(name) or (name == WORKSHOP and cmap.fills_workshop):
            continue
        issues.append(
            Issue(
                ERROR, "missing_column", file_name, column=name, params={"found": _listing(header)}
            )
        )
    return cmap, issues


def _listing(header: tuple[str, ...], limit: int = 12) -> str:
    names = [h.strip() for h in header[:limit] if h.strip()]
    text = ", ".join(names) if names else "(nothing)"
    if len(header) > limit:
        text += f", … ({len(header)} columns)"
    return text
