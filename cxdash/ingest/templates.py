"""What a file for each dataset looks like: a CSV template and a data dictionary.

The template is the header row a load matches exactly (UTF-8, comma-delimited).
The dictionary explains each column: type, whether it is required, the rules a
load checks and what it means, in the reader's language (descriptions live in
the catalog under ``dictionary.<dataset>.<column>``).
"""

from __future__ import annotations

import csv
import io

from cxdash.i18n import DEFAULT_LANGUAGE, t
from cxdash.schema import DATASETS, Column, Dataset

WORKSHOP = "workshop"


def template_columns(ds: Dataset) -> tuple[str, ...]:
    """The columns a file carries: all of the data model's but the workshop bookkeeping."""
    if ds.kind == "artefact":
        return tuple(c for c in ds.column_names if c != WORKSHOP)
    return ds.column_names


def template_csv(name: str) -> bytes:
    """The header row of a CSV file for dataset ``name``."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(template_columns(DATASETS[name]))
    return out.getvalue().encode("utf-8")


def _number(value: float) -> str:
    return f"{value:g}"


def rules(ds: Dataset, column: Column, language: str = DEFAULT_LANGUAGE) -> str:
    """The checks a load makes on ``column``, in words."""
    found = []
    # Within a workshop, for artefacts: the workshop is not in the file.
    key_columns = [k for k in ds.key if k in template_columns(ds)]
    if column.name in key_columns:
        key = "dictionary.rule.key" if len(key_columns) == 1 else "dictionary.rule.key_part"
        found.append(t(key, language, key=" + ".join(key_columns)))
    if column.min is not None and column.max is not None:
        found.append(
            t("dictionary.rule.range", language, min=_number(column.min), max=_number(column.max))
        )
    elif column.min is not None:
        found.append(t("dictionary.rule.min", language, min=_number(column.min)))
    elif column.max is not None:
        found.append(t("dictionary.rule.max", language, max=_number(column.max)))
    if column.choices:
        found.append(t("dictionary.rule.choices", language, choices=", ".join(column.choices)))
    for later, earlier in ds.ordered:
        if later == column.name:
            found.append(t("dictionary.rule.not_before", language, other=earlier))
    if ds.name == "raci" and column.name == "role":
        found.append(t("dictionary.rule.raci", language))
    return "; ".join(found)


def dictionary(name: str, language: str = DEFAULT_LANGUAGE) -> list[dict[str, str]]:
    """One row per template column: column, type, required, rules, description."""
    ds = DATASETS[name]
    rows = []
    for column_name in template_columns(ds):
        column = ds.column(column_name)
        rows.append(
            {
                "column": column.name,
                "type": t(f"dictionary.type.{column.type}", language),
                "required": t(
                    "dictionary.required" if column.required else "dictionary.optional", language
                ),
                "rules": rules(ds, column, language),
                "description": t(f"dictionary.{ds.name}.{column.name}", language),
            }
        )
    return rows
