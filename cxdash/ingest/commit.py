"""Stage 5, commit: apply the staged rows in one transaction, or not at all.

Inside one ``store.transaction``:

1. keep what undoing this load needs (store.py, v2): in ``undo_<dataset>`` the
   rows a replace removes or an upsert overwrites, whole; in
   ``undo_keys_<dataset>`` the keys the load writes, unless the table will hold
   the load's rows only (``undo_all``, store.py v4: undo then empties it). Only
   the last load of a dataset can be undone, so the previous load's backup is
   dropped first: the side tables never hold more than one load's worth. The
   cost is a copy of what the load replaces (for a replace, the dataset as it
   was) and one key per row written into a table that had rows already.
2. (replace) delete the dataset's rows - for a workshop artefact only the rows
   of the workshops in the file;
3. insert the typed rows. Into a table with a primary key (targets, artefacts)
   in key order (upsert: ``ON CONFLICT (key) DO UPDATE`` the columns the file
   has): the index takes sorted keys several times faster, and it refuses a key
   that is already there or twice in the file. The customer-data tables have no
   key index (store.UNKEYED): the pipeline checked the keys before, rows go in
   file order, and upsert is an UPDATE of the keys there plus an INSERT of the rest;
4. write the load_history row and bump the data version.

Any failure rolls all of it back; a violated key raises ``KeyConflictError`` so the
pipeline can report the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cxdash import store
from cxdash.ingest.rules import Plan
from cxdash.ingest.sqltext import bind


class KeyConflictError(Exception):
    """The primary key refused a row (a key already there, or twice in the file)."""


@dataclass(frozen=True)
class Written:
    added: int
    updated: int
    removed: int
    skipped_existing: int
    load_id: int
    data_version: int


def replace_scope(plan: Plan) -> str:
    """The WHERE clause of the rows a replace removes ('' for the whole dataset)."""
    if plan.cmap.fills_workshop:
        return f"WHERE workshop IN (SELECT DISTINCT workshop FROM ({plan.rows_sql()}))"
    return ""


def replace_sql(plan: Plan) -> str:
    return f"DELETE FROM {plan.table} {replace_scope(plan)}"


def _key_match(plan: Plan, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in plan.dataset.key)


def _unkeyed_write_sql(plan: Plan) -> list[str]:
    """The statements writing the rows into a table without a primary key (store.UNKEYED).

    The key checks ran before (pipeline.py), so a plain insert cannot land a key
    twice; upsert updates the rows whose key is there, then inserts the others,
    and "skip existing" inserts only the new keys, each a set-based join.
    """
    table = plan.table
    columns = ", ".join(plan.columns())
    rows = plan.rows_sql()
    new_only = f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {_key_match(plan, 't', 'r')})"
    insert = f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({rows}) r"
    if plan.options.mode == "upsert":
        updates = [c for c in plan.columns() if c not in plan.dataset.key]
        statements = []
        if updates:
            assignments = ", ".join(f"{c} = r.{c}" for c in updates)
            statements.append(
                f"UPDATE {table} AS t SET {assignments} FROM ({rows}) r "
                f"WHERE {_key_match(plan, 't', 'r')}"
            )
        return [*statements, f"{insert} {new_only}"]
    if plan.options.mode == "append" and plan.options.skip_existing:
        return [f"{insert} {new_only}"]
    return [insert]


def insert_sql(plan: Plan) -> str:
    columns = ", ".join(plan.columns())
    order = ", ".join(plan.dataset.key)
    sql = (
        f"INSERT INTO {plan.table} ({columns}) "
        f"SELECT {columns} FROM ({plan.rows_sql()}) ORDER BY {order}"
    )
    if plan.options.mode == "upsert":
        key = plan.dataset.key
        updates = [c for c in plan.columns() if c not in key]
        if updates:
            assignments = ", ".join(f"{c} = excluded.{c}" for c in updates)
            sql += f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {assignments}"
        else:
            sql += " ON CONFLICT DO NOTHING"
    elif plan.options.skip_existing:
        sql += " ON CONFLICT DO NOTHING"
    return sql


HISTORY_SQL = """
    INSERT INTO load_history (
        load_id, dataset, file_name, checksum, mode, rows_in_file,
        rows_added, rows_updated, rows_skipped, rows_removed, loaded_by, undo_kept, undo_all
    )
    VALUES ($load_id, $dataset, $file_name, $checksum, $mode, $rows_in_file,
            $rows_added, $rows_updated, $rows_skipped, $rows_removed, $loaded_by, true,
            $undo_all)
"""


def writes_whole_table(cur, plan: Plan) -> bool:
    """Whether the table will hold only this load's rows: undo then empties it (store.py v4).

    True for a replace of a customer-data table (the whole dataset goes) and an
    append into an empty one; such a load keeps no list of the keys it wrote.
    """
    if store.keyed(plan.table):
        return False
    mode = plan.options.mode
    if mode == "replace":
        return replace_scope(plan) == ""
    if mode == "append":
        return cur.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {plan.table})").fetchone()[0]
    return False


def _backup(cur, plan: Plan, load_id: int, keys_needed: bool = True) -> None:
    """Keep the rows this load will overwrite or remove, and (``keys_needed``) the keys it
    will write."""
    table = plan.table
    columns = ", ".join(plan.dataset.column_names)
    keys = ", ".join(plan.dataset.key)
    params = {**plan.params, "load_id": load_id}
    mode = plan.options.mode
    previous = None
    if mode == "replace":
        previous = f"SELECT {columns} FROM {table} {replace_scope(plan)}"
    elif mode == "upsert":
        previous = (
            f"SELECT {columns} FROM {table} t WHERE EXISTS "
            f"(SELECT 1 FROM ({plan.rows_sql()}) r WHERE {_key_match(plan, 't', 'r')})"
        )
    if previous:
        sql = (
            f"INSERT INTO {store.undo_table(table)} (load_id, {columns}) "
            f"SELECT $load_id, {columns} FROM ({previous})"
        )
        cur.execute(sql, bind(sql, params))
    if not keys_needed:
        return
    written = f"SELECT {keys} FROM ({plan.rows_sql()}) r"
    if mode == "append" and plan.options.skip_existing:
        # Rows whose key is there already are skipped, not written: undo keeps them.
        written += f" WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {_key_match(plan, 't', 'r')})"
    sql = (
        f"INSERT INTO {store.undo_keys_table(table)} (load_id, {keys}) "
        f"SELECT $load_id, {keys} FROM ({written})"
    )
    cur.execute(sql, bind(sql, params))


def begin_load(cur, plan: Plan) -> int:
    """Inside the load's transaction: take its load id and drop the previous load's backup.

    One level of undo per dataset. Sequences do not roll back: a load id is only
    taken once the load is going to be written.
    """
    table = plan.table
    load_id = cur.execute("SELECT nextval('load_history_id')").fetchone()[0]
    cur.execute(f"DELETE FROM {store.undo_table(table)}")
    cur.execute(f"DELETE FROM {store.undo_keys_table(table)}")
    cur.execute(
        "UPDATE load_history SET undo_kept = false WHERE dataset = $dataset AND undo_kept",
        {"dataset": table},
    )
    return load_id


def finish_load(cur, plan: Plan, load_id: int, facts: dict) -> int:
    """Write the load_history row (``facts``: its counts and names) and bump the data version."""
    cur.execute(HISTORY_SQL, {"load_id": load_id, "dataset": plan.table, **facts})
    return store.bump_data_version(cur)


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
        load_id = begin_load(cur, plan)
        whole = writes_whole_table(cur, plan)
        _backup(cur, plan, load_id, keys_needed=not whole)
        removed = 0
        if mode == "replace":
            sql = replace_sql(plan)
            removed = cur.execute(sql, bind(sql, params)).fetchone()[0]
        before = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        statements = [insert_sql(plan)] if store.keyed(table) else _unkeyed_write_sql(plan)
        # A table has no row order to keep: letting DuckDB write in any order lets it
        # write with every thread (the load's own cursor; its staging is done by now).
        cur.execute("SET preserve_insertion_order = false")
        try:
            for sql in statements:
                cur.execute(sql, bind(sql, params))
        except duckdb.ConstraintException as exc:
            raise KeyConflictError(str(exc)) from exc
        finally:
            cur.execute("RESET preserve_insertion_order")
        after = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        added = after - before
        updated = rows - added if mode == "upsert" else 0
        skipped_existing = rows - added if mode == "append" and plan.options.skip_existing else 0
        if mode != "upsert" and added + skipped_existing != rows:
            raise RuntimeError(f"{added} rows were written where {rows} were expected")
        version = finish_load(
            cur,
            plan,
            load_id,
            {
                "file_name": file_name,
                "checksum": checksum,
                "mode": mode,
                "rows_in_file": rows_in_file,
                "rows_added": added,
                "rows_updated": updated,
                "rows_skipped": skipped + skipped_existing,
                "rows_removed": removed,
                "loaded_by": plan.options.loaded_by,
                "undo_all": whole,
            },
        )
    return Written(added, updated, removed, skipped_existing, load_id, version)
