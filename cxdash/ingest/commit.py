"""Stage 5, commit: apply the staged rows in one transaction, or not at all.

Inside one ``store.transaction``: (replace) delete the dataset's rows - for a
workshop artefact only the rows of the workshops in the file; insert the typed
rows (upsert: ``ON CONFLICT (key) DO UPDATE`` the columns the file has); write
the load_history row; bump the data version. Any failure rolls all of it back.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cxdash import store
from cxdash.ingest.rules import Plan
from cxdash.ingest.sqltext import bind


@dataclass(frozen=True)
class Written:
    added: int
    updated: int
    removed: int
    load_id: int
    data_version: int


def replace_sql(plan: Plan) -> str:
    if plan.cmap.fills_workshop:
        return (
            f"DELETE FROM {plan.table} "
            f"WHERE workshop IN (SELECT DISTINCT workshop FROM ({plan.rows_sql()}))"
        )
    return f"DELETE FROM {plan.table}"


def insert_sql(plan: Plan) -> str:
    columns = ", ".join(plan.columns())
    sql = f"INSERT INTO {plan.table} ({columns}) SELECT {columns} FROM ({plan.rows_sql()})"
    if plan.options.mode == "upsert":
        key = plan.dataset.key
        updates = [c for c in plan.columns() if c not in key]
        if updates:
            assignments = ", ".join(f"{c} = excluded.{c}" for c in updates)
            sql += f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {assignments}"
        else:
            sql += " ON CONFLICT DO NOTHING"
    return sql


HISTORY_SQL = """
    INSERT INTO load_history (
        dataset, file_name, checksum, mode,
        rows_in_file, rows_added, rows_updated, rows_skipped, loaded_by
    )
    VALUES ($dataset, $file_name, $checksum, $mode,
            $rows_in_file, $rows_added, $rows_updated, $rows_skipped, $loaded_by)
    RETURNING load_id
"""


def commit(
    cur: duckdb.DuckDBPyConnection,
    plan: Plan,
    *,
    file_name: str,
    checksum: str,
    rows_in_file: int,
    rows: int,
    skipped: int,
) -> Written:
    """Write the load; raises (after rolling back) when anything fails."""
    params = plan.params
    table = plan.table
    mode = plan.options.mode
    with store.transaction(cur):
        removed = 0
        if mode == "replace":
            sql = replace_sql(plan)
            removed = cur.execute(sql, bind(sql, params)).fetchone()[0]
        before = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        sql = insert_sql(plan)
        cur.execute(sql, bind(sql, params))
        after = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        added = after - before
        updated = rows - added if mode == "upsert" else 0
        if mode != "upsert" and added != rows:
            raise RuntimeError(f"{added} rows were written where {rows} were expected")
        load_id = cur.execute(
            HISTORY_SQL,
            {
                "dataset": table,
                "file_name": file_name,
                "checksum": checksum,
                "mode": mode,
                "rows_in_file": rows_in_file,
                "rows_added": added,
                "rows_updated": updated,
                "rows_skipped": skipped,
                "loaded_by": plan.options.loaded_by,
            },
        ).fetchone()[0]
        version = store.bump_data_version(cur)
    return Written(added, updated, removed, load_id, version)
