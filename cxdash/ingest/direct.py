"""The one-pass load: a file appended to an empty table, straight from the file.

An append into an empty customer-data table needs no staging table: no key in
the table can clash with the file, and what the load writes is the whole table
(undo empties it, commit.py). So the file is read, converted and checked inside
the INSERT itself, in one pass as DuckDB's own read makes, instead of staging
every row and copying it again:

- the reader and the conversions are the staging table's own (stage.py, rules.py);
- every row rule is tested on each row as it streams past; the first row that
  breaks one stops the statement (error()), and so does a record with no value
  at all (the full check counts those as skipped);
- the reader's rejects table must stay empty;
- a key twice in the file is a key twice in the table: one count of distinct
  keys afterwards.

All of it runs in the load's transaction, and only then does the load take its
id and write its history (commit.py). When anything is found the transaction is
rolled back, nothing is written and no load id is used up, and the pipeline
runs the full check instead, which names every problem by row, column and
value: a file with problems costs one partial read more, a clean one is read
once. (A replace keeps a backup of the rows it removes before it writes, under
its load id, so it always takes the full check.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from cxdash import store
from cxdash.ingest.commit import Written, begin_load, finish_load, writes_whole_table
from cxdash.ingest.rules import Plan
from cxdash.ingest.sqltext import bind
from cxdash.ingest.stage import REJECTS, converted_sql, readable_path, reader_params
from cxdash.ingest.validate import TABLE_RULES


class _NeedsFullCheckError(Exception):
    """The file needs the full check: something in it may be refused, or the table is not empty."""


def eligible(plan: Plan) -> bool:
    """Whether a load may try the one pass (whether its table is empty is asked in ``load``).

    Dry runs and previews need the staging table; "skip existing" asks about rows
    already there; keyed tables and table rules check the table as a whole.
    """
    options = plan.options
    return (
        not options.dry_run
        and options.preview_rows <= 0
        and options.mode == "append"
        and not options.skip_existing
        and not store.keyed(plan.table)
        and plan.dataset.name not in TABLE_RULES
        and plan.key_ready()
    )


def insert_sql(plan: Plan, width: int, trim: bool) -> str:
    """The rows of the file, converted, into the table; error() at the first row a rule refuses."""
    columns = ", ".join(plan.columns())
    refused = " OR ".join(["_blank", *(f"({rule.predicate})" for rule in plan.rules())])
    return f"""
        INSERT INTO {plan.table} ({columns})
        SELECT {columns}
        FROM ({converted_sql(width, plan.projection(), trim)})
        WHERE CASE WHEN {refused} THEN error('the file needs the full check') ELSE true END
    """


def _duplicate_key_sql(plan: Plan) -> str:
    """True when a key is in the table twice (a NULL key is a row rule's business)."""
    key = plan.dataset.key
    if len(key) == 1:
        # Counting distinct keys is a little cheaper than grouping them.
        return f"SELECT count({key[0]}) <> count(DISTINCT {key[0]}) FROM {plan.table}"
    present = " AND ".join(f"{k} IS NOT NULL" for k in key)
    return (
        f"SELECT EXISTS (SELECT 1 FROM {plan.table} WHERE {present} "
        f"GROUP BY {', '.join(key)} HAVING count(*) > 1)"
    )


def load(
    cur: duckdb.DuckDBPyConnection,
    path: Path,
    plan: Plan,
    *,
    encoding: str,
    trim: bool,
    file_name: str,
    checksum: Callable[[], str],
) -> Written | None:
    """Load the file in one pass; None (nothing written) when it needs the full check.

    Raises, after rolling back, when writing itself fails.
    """
    table = plan.table
    width = max(len(plan.detected.header), 1)
    sql = insert_sql(plan, width, trim)
    try:
        with store.transaction(cur):
            if not writes_whole_table(cur, plan):
                raise _NeedsFullCheckError
            with readable_path(path) as readable:
                values = {**plan.params, **reader_params(readable, plan.detected, encoding)}
                try:
                    (rows,) = cur.execute(sql, bind(sql, values)).fetchone()
                except duckdb.Error:
                    raise _NeedsFullCheckError from None
            if rows == 0 or cur.execute(f"SELECT count(*) FROM {REJECTS}").fetchone()[0]:
                raise _NeedsFullCheckError
            if cur.execute(_duplicate_key_sql(plan)).fetchone()[0]:
                raise _NeedsFullCheckError
            written = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if written != rows:
                raise RuntimeError(f"{written} rows were written where {rows} were expected")
            load_id = begin_load(cur, plan)
            version = finish_load(
                cur,
                plan,
                load_id,
                {
                    "file_name": file_name,
                    "checksum": checksum(),
                    "mode": plan.options.mode,
                    "rows_in_file": rows,
                    "rows_added": rows,
                    "rows_updated": 0,
                    "rows_skipped": 0,
                    "rows_removed": 0,
                    "loaded_by": plan.options.loaded_by,
                    "undo_all": True,
                },
            )
    except _NeedsFullCheckError:
        return None
    return Written(rows, 0, 0, 0, load_id, version)
