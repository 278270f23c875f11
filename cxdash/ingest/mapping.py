"""Stage 2, map: which field of the file feeds which column of the dataset.

Header texts are normalised (case, spaces, punctuation, Uzbek apostrophes) and
matched, in this order, by:

1. an explicit mapping (``LoadOptions.mapping``, the CLI's ``--map SRC=DST``, the
   Data screen's mapping table); mapping a header to nothing ignores it;
2. the canonical column name itself ("Order ID" is order_id);
3. a synonym (synonyms.py: "Total", "Сумма", "Summa" are amount).

A synonym never takes a column that an earlier rule already filled; such a
header is ignored with a warning that says which header filled the column.
``guess_dataset`` scores every dataset by the same matching.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from cxdash.ingest import synonyms
from cxdash.ingest.result import ERROR, WARNING, Issue
from cxdash.schema import DATASETS, Dataset

WORKSHOP = "workshop"
_APOSTROPHES = re.compile(r"[\'\u2018\u2019\u02bb\u02bc`]")
_NON_WORD = re.compile(r"[\W_]+")
# Targets that mean "do not load this header".
IGNORE = ("", "-", "ignore")


def normalise(name: str) -> str:
    """``" Order ID "`` -> ``order_id``: the form header texts are compared in."""
    text = name.replace("\ufeff", "").strip().casefold()
    text = text.replace("\u2116", " no ").replace("#", " no ")
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub("_", text).strip("_")


def _synonym_table(dataset: Dataset) -> dict[str, str]:
    """Normalised synonym -> column, for the columns ``dataset`` has."""
    table: dict[str, str] = {}
    for column, texts in synonyms.COLUMNS.items():
        if column in dataset.column_names:
            for text in texts:
                table.setdefault(normalise(text), column)
    for column, texts in synonyms.GENERIC.get(dataset.name, {}).items():
        for text in texts:
            table[normalise(text)] = column
    return table


_SYNONYMS = {name: _synonym_table(ds) for name, ds in DATASETS.items()}


def resolve(dataset: Dataset, text: str) -> tuple[str | None, bool]:
    """The column ``text`` names in ``dataset`` and whether by a synonym; (None, False) if none."""
    key = normalise(text)
    if key in dataset.column_names:
        return key, False
    target = _SYNONYMS[dataset.name].get(key)
    return target, target is not None


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
    dataset: Dataset,
    header: tuple[str, ...],
    mapping: Mapping[str, str | None],
    file_name: str,
) -> tuple[ColumnMap, list[Issue]]:
    """Match the header to the dataset; issues for missing, repeated and extra columns."""
    issues: list[Issue] = []
    known = set(dataset.column_names)
    explicit: dict[str, str | None] = {}
    for source, target in (mapping or {}).items():
        if target is None or target.strip().lower() in IGNORE:
            explicit[normalise(source)] = None
            continue
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

    present = {normalise(h) for h in header}
    for source in mapping or {}:
        if normalise(source) not in present:
            issues.append(
                Issue(
                    ERROR,
                    "mapping_source_missing",
                    file_name,
                    line=1,
                    params={"source": source, "found": _listing(header)},
                )
            )

    cmap = ColumnMap(dataset, width=len(header), header=header)
    ignored: list[str] = []
    by_synonym: dict[int, str] = {}
    # Explicit and exact names first, so that a synonym never takes their column.
    for position, text in enumerate(header):
        key = normalise(text)
        if key in explicit:
            target = explicit[key]
            if target is None:
                ignored.append(text)
                continue
        else:
            target, synonym = resolve(dataset, text)
            if synonym:
                by_synonym[position] = target
                continue
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
    for position, target in by_synonym.items():
        text = header[position]
        if target in cmap.positions:
            ignored.append(text)
            issues.append(
                Issue(
                    WARNING,
                    "synonym_taken",
                    file_name,
                    column=text.strip(),
                    params={"target": target, "other": header[cmap.positions[target]].strip()},
                )
            )
            continue
        cmap.positions[target] = position
    cmap.ignored = tuple(t for t in header if t in ignored)

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


def _foreign_keys(dataset: Dataset, header: tuple[str, ...]) -> bool:
    """Whether the header names the key of another dataset that ``dataset`` lacks.

    A file with an order ID is not a customer list, however well its customer
    columns match.
    """
    for other in DATASETS.values():
        if other is dataset or len(other.key) != 1 or other.key[0] in dataset.column_names:
            continue
        if any(resolve(other, h)[0] == other.key[0] for h in header):
            return True
    return False


def guess_dataset(header: tuple[str, ...], names: tuple[str, ...] | None = None) -> str | None:
    """The dataset a file with this header most likely belongs to, None when none fits.

    A dataset is a candidate when the header names no other dataset's key that
    it lacks. A candidate with every required column (an artefact's workshop may
    be missing: loads fill it) beats one without; then the one with most matched
    columns wins, then the one whose columns the header covers most. A candidate
    missing required columns still needs two matched columns and half of the
    required ones: the load then names what is missing, and the reader maps it.
    """
    best, best_score = None, (False, 0, 0.0)
    for name in names or tuple(DATASETS):
        ds = DATASETS[name]
        found = {c for c in (resolve(ds, h)[0] for h in header) if c}
        required = [c for c in ds.required if not (c == WORKSHOP and ds.kind == "artefact")]
        present = sum(1 for c in required if c in found)
        complete = present == len(required)
        if not found or _foreign_keys(ds, header):
            continue
        if not complete and (len(found) < 2 or present * 2 < len(required)):
            continue
        score = (complete, len(found), len(found) / len(ds.columns))
        if score > best_score:
            best, best_score = name, score
    return best
