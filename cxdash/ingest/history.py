"""The load history, and undoing the last load of a dataset.

Every committed load keeps, in the same transaction, the keys it wrote
(``undo_keys_<dataset>``) and the rows it overwrote or removed
(``undo_<dataset>``), see commit.py. Undo puts them back: rows with a key the
load wrote or overwrote are deleted, the rows as they were are inserted again,
all in one transaction. The table is then exactly as before the load, whatever
the mode (append: the added rows go; upsert: the updated rows get their old
values back and the added ones go; replace: the previous rows return).

Only the last load of a dataset can be undone, once: the backup is one level
deep (commit.py drops the previous one), which bounds its size to what one
load replaced. Loads made before the schema had undo (v1) keep no backup.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cxdash import store
from cxdash.schema import DATASETS

HISTORY_COLUMNS = (
    "load_id",
    "dataset",
    "file_name",
    "mode",
    "rows_in_file",
    "rows_added",
    "rows_updated",
    "rows_skipped",
    "rows_removed",
    "loaded_by",
    "loaded_at",
    "checksum",
    "undone_at",
    "undone_by",
)


# Columns a version-1 file (opened read-only, so not upgraded) does not have yet.
_V2_COLUMNS = {
    "rows_removed": "0",
    "undone_at": "NULL",
    "undone_by": "NULL",
    "undo_kept": "false",
}


def _columns(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> str:
    if store.current_version(con) >= 2:
        return ", ".join(names)
    return ", ".join(f"{_V2_COLUMNS[n]} AS {n}" if n in _V2_COLUMNS else n for n in names)


def history(
    con: duckdb.DuckDBPyConnection, dataset: str | None = None, limit: int = 200
) -> list[dict]:
    """The latest loads first, as dicts of HISTORY_COLUMNS plus ``undoable``."""
    undoable_ids = set(undoable(con).values())
    rows = con.execute(
        f"""
        SELECT {_columns(con, HISTORY_COLUMNS)}
        FROM load_history
        WHERE $dataset IS NULL OR dataset = $dataset
        ORDER BY load_id DESC
        LIMIT $limit
        """,
        {"dataset": dataset, "limit": int(limit)},
    ).fetchall()
    found = []
    for row in rows:
        entry = dict(zip(HISTORY_COLUMNS, row, strict=True))
        entry["undoable"] = entry["load_id"] in undoable_ids
        found.append(entry)
    return found


def undoable(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Dataset -> the load that undo would take back (its last load, when it kept a backup)."""
    if store.current_version(con) < 2:
        return {}  # a version-1 file kept no backups
    rows = con.execute(
        """
        SELECT dataset, load_id, undo_kept
        FROM load_history
        WHERE undone_at IS NULL
        QUALIFY row_number() OVER (PARTITION BY dataset ORDER BY load_id DESC) = 1
        """
    ).fetchall()
    return {dataset: load_id for dataset, load_id, kept in rows if kept}


@dataclass(frozen=True)
class UndoResult:
    """What undo did. ``code`` names the outcome (``undone`` or why not), for the catalog.

    rows_removed: rows the load had written (added or overwritten), now deleted;
    rows_restored: rows put back as they were before the load.
    """

    code: str
    dataset: str
    load_id: int | None = None
    file_name: str | None = None
    rows_removed: int = 0
    rows_restored: int = 0
    data_version: int | None = None

    @property
    def ok(self) -> bool:
        return self.code == "undone"

    def message(self, language: str = "en") -> str:
        from cxdash.i18n import t

        return t(
            f"ingest.undo.{self.code}",
            language,
            dataset=self.dataset,
            load_id=self.load_id or "",
            file=self.file_name or "",
            removed=f"{self.rows_removed:,}",
            restored=f"{self.rows_restored:,}",
        )


def undo_last(con: duckdb.DuckDBPyConnection, dataset: str, by: str | None = None) -> UndoResult:
    """Take back the last load of ``dataset``, all or nothing."""
    ds = DATASETS.get(dataset)
    if ds is None:
        return UndoResult("unknown_dataset", dataset)
    table, undo, undo_keys = ds.name, store.undo_table(ds.name), store.undo_keys_table(ds.name)
    columns = ", ".join(ds.column_names)
    keys = ", ".join(ds.key)
    match = " AND ".join(f"u.{k} = t.{k}" for k in ds.key)
    cur = con.cursor()
    try:
        cur.execute("SET TimeZone = 'UTC'")  # history times are UTC, as loads write them
        with store.transaction(cur):
            last = cur.execute(
                """
                SELECT load_id, file_name, undo_kept, undo_all FROM load_history
                WHERE dataset = $dataset AND undone_at IS NULL
                ORDER BY load_id DESC LIMIT 1
                """,
                {"dataset": table},
            ).fetchone()
            if last is None:
                return UndoResult("nothing_to_undo", dataset)
            load_id, file_name, kept, whole = last
            if not kept:
                return UndoResult("no_backup", dataset, load_id, file_name)
            params = {"load_id": load_id}
            # Rows with a key the load wrote or overwrote go; the earlier rows come back.
            touched = (
                f"SELECT {keys} FROM {undo_keys} WHERE load_id = $load_id "
                f"UNION SELECT {keys} FROM {undo} WHERE load_id = $load_id"
            )
            # A load that wrote the whole table (store.py v4) kept no keys: every row is its.
            written = f"EXISTS (SELECT 1 FROM ({touched}) u WHERE {match})"
            remove = f"DELETE FROM {table}" if whole else f"DELETE FROM {table} t WHERE {written}"
            removed = cur.execute(remove, {} if whole else params).fetchone()[0]
            restored = cur.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {undo} "
                f"WHERE load_id = $load_id",
                params,
            ).fetchone()[0]
            cur.execute(f"DELETE FROM {undo} WHERE load_id = $load_id", params)
            cur.execute(f"DELETE FROM {undo_keys} WHERE load_id = $load_id", params)
            cur.execute(
                "UPDATE load_history SET undone_at = current_timestamp, undone_by = $by, "
                "undo_kept = false WHERE load_id = $load_id",
                {"load_id": load_id, "by": by},
            )
            version = store.bump_data_version(cur)
    finally:
        cur.close()
    return UndoResult("undone", dataset, load_id, file_name, removed, restored, version)
