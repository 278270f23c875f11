"""Loading the KPI SQL files and running them with the active filters.

Each file under ``sql/`` holds the SQL of one concern, readable on its own.
Filters enter a file only through markers, which are replaced by the condition
:func:`cxdash.filters.predicate` generates from the data model; every value
(dates, filter values) is a bound ``$param``:

- ``{filter:DATASET:ALIAS}``: every active filter (segment, region, channel);
- ``{channel_filter:DATASET:ALIAS}``: the channel filter only, for a subquery
  that looks at more rows of a customer already selected by segment and region
  (repeating the customers lookup there would be correct but slow);
- ``{source:DATASET}``: the table to read the dataset from: the dataset itself,
  or a copy carrying the customer's segment and region (``sources``, see
  cxdash/kpis/facts.py), whose filter markers then test those columns.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from cxdash.filters import Filters, predicate
from cxdash.schema import DATASETS

SQL_DIR = Path(__file__).parent / "sql"

_MARKER = re.compile(r"\{(filter|channel_filter):(\w+):(\w+)\}")
_PARAM = re.compile(r"\$(\w+)")
_COMMENT = re.compile(r"--[^\n]*")
_COLUMN = re.compile(r"\{column:(\w+)\}")
_SOURCE = re.compile(r"\{source:(\w+)\}")


@cache
def template(name: str) -> str:
    """The text of ``sql/<name>.sql``, filter markers still in place."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def render(
    name: str, filters: Filters, sources: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """The SQL of ``name`` with its markers replaced, and the filter parameters.

    ``sources`` names a copy to read for a dataset (``{source:DATASET}``); the
    copy carries segment and region, so its filters test those columns.
    """
    params: dict[str, Any] = {}
    sources = sources or {}

    def splice(match: re.Match) -> str:
        kind, dataset, alias = match.groups()
        if dataset not in DATASETS:  # a typo in a .sql file, never user input
            raise ValueError(f"{name}.sql: unknown dataset {dataset!r} in filter marker")
        applied = filters if kind == "filter" else Filters(channels=filters.channels)
        if dataset in sources:
            by_customer = Filters(segments=applied.segments, regions=applied.regions)
            own, values = predicate("customers", by_customer, alias)
            channel, channel_values = predicate(dataset, Filters(channels=applied.channels), alias)
            params.update(values | channel_values)
            return f"(({own}) AND ({channel}))"
        condition, values = predicate(dataset, applied, alias)
        params.update(values)
        return f"({condition})"

    def source(match: re.Match) -> str:
        dataset = match.group(1)
        if dataset not in DATASETS:
            raise ValueError(f"{name}.sql: unknown dataset {dataset!r} in source marker")
        table = sources.get(dataset, dataset)
        if not table.isidentifier():
            raise ValueError(f"{table!r} is not a table name")
        return table

    return _SOURCE.sub(source, _MARKER.sub(splice, template(name))), params


def _plain(value: Any) -> Any:
    """JSON-friendly Python values: DECIMAL (should a source column be one) becomes float."""
    return float(value) if isinstance(value, Decimal) else value


def fetch(
    con: duckdb.DuckDBPyConnection,
    name: str,
    filters: Filters,
    params: dict[str, Any],
    columns: dict[str, str] | None = None,
    sources: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Run ``sql/<name>.sql`` under ``filters`` and return its rows as dicts.

    ``params`` may carry more values than the file uses (one dict of period
    bounds serves every file); only the ones the SQL names outside comments are
    bound, because DuckDB refuses surplus parameters. ``columns`` fills
    ``{column:KEY}`` markers with column names the caller picks in code (for
    the fact tables, which of two columns answers under the filters), never
    with anything from a user. ``sources`` fills ``{source:DATASET}`` markers
    (see :func:`render`).
    """
    sql, values = render(name, filters, sources)
    for key, column in (columns or {}).items():
        if not column.isidentifier():
            raise ValueError(f"{column!r} is not a column name")
        sql = sql.replace(f"{{column:{key}}}", column)
    unfilled = _COLUMN.findall(_COMMENT.sub("", sql))
    if unfilled:
        raise KeyError(f"{name}.sql needs a column for {unfilled}")
    values.update(params)
    used = set(_PARAM.findall(_COMMENT.sub("", sql)))  # comments name parameters too
    missing = used - values.keys()
    if missing:
        raise KeyError(f"{name}.sql needs parameters {sorted(missing)}")
    result = con.execute(sql, {k: v for k, v in values.items() if k in used})
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, map(_plain, row), strict=True)) for row in result.fetchall()]


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day``, for half-open timestamp bounds."""
    return dt.datetime.combine(day, dt.time())
