"""Opening the DuckDB file and keeping its schema current.

DuckDB allows one writing process per file. The app opens read-only
connections for browsing and short-lived writable ones for loads and edits;
the CLI opens one writable connection per command.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cxdash.schema import DATASETS, create_table_sql

DEFAULT_DB = Path("data") / "cxdash.duckdb"
ENV_DB = "CXDASH_DB"


def default_db_path() -> Path:
    """The database the app and CLI use when none is named: $CXDASH_DB, else data/cxdash.duckdb."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


_BOOKKEEPING = (
    """
    CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER NOT NULL,
        applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS meta (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    )
    """,
    "CREATE SEQUENCE IF NOT EXISTS load_history_id",
    """
    CREATE TABLE IF NOT EXISTS load_history (
        load_id BIGINT PRIMARY KEY DEFAULT nextval('load_history_id'),
        dataset VARCHAR NOT NULL,
        file_name VARCHAR NOT NULL,
        checksum VARCHAR NOT NULL,
        mode VARCHAR NOT NULL,
        rows_in_file BIGINT NOT NULL,
        rows_added BIGINT NOT NULL,
        rows_updated BIGINT NOT NULL,
        rows_skipped BIGINT NOT NULL,
        loaded_by VARCHAR,
        loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )
    """,
)


def _v1(con: duckdb.DuckDBPyConnection) -> None:
    for ddl in _BOOKKEEPING:
        con.execute(ddl)
    for ds in DATASETS.values():
        con.execute(create_table_sql(ds))
    con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', '0')")


UNDO_PREFIX = "undo_"
UNDO_KEYS_PREFIX = "undo_keys_"


def undo_table(dataset_name: str) -> str:
    """The side table of rows the last load of ``dataset_name`` overwrote or removed."""
    return UNDO_PREFIX + DATASETS[dataset_name].name


def undo_keys_table(dataset_name: str) -> str:
    """The side table of keys the last load of ``dataset_name`` wrote."""
    return UNDO_KEYS_PREFIX + DATASETS[dataset_name].name


def _side_table_sql(name: str, columns: list[tuple[str, str]]) -> str:
    cols = ",\n".join(f"    {column} {type_}" for column, type_ in columns)
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    load_id BIGINT NOT NULL,\n{cols}\n)"


def _v2(con: duckdb.DuckDBPyConnection) -> None:
    """Undo of the last load per dataset, and what a replace removed.

    load_history gains rows_removed, undo_kept (the backup below is still there),
    undone_at and undone_by. Each dataset gets two side tables without keys or
    constraints, filled in the load's own transaction: ``undo_<dataset>`` (its
    columns, nullable) for the rows as they were before the load overwrote or
    removed them, and ``undo_keys_<dataset>`` (its key columns) for the keys the
    load wrote. Keys have a table of their own because an append writes one per
    row: a narrow table costs half as much as the wide one. Loads made before
    this step keep no backup.
    """
    for column, type_ in (
        ("rows_removed", "BIGINT DEFAULT 0"),
        ("undo_kept", "BOOLEAN DEFAULT false"),
        ("undone_at", "TIMESTAMP"),
        ("undone_by", "VARCHAR"),
    ):
        con.execute(f"ALTER TABLE load_history ADD COLUMN {column} {type_}")
    for ds in DATASETS.values():
        columns = [(c.name, c.type) for c in ds.columns]
        keys = [(c.name, c.type) for c in ds.columns if c.name in ds.key]
        con.execute(_side_table_sql(UNDO_PREFIX + ds.name, columns))
        con.execute(_side_table_sql(UNDO_KEYS_PREFIX + ds.name, keys))


# Append-only: a released migration never changes; a new schema is a new entry.
MIGRATIONS: tuple[tuple[int, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    (1, _v1),
    (2, _v2),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema to SCHEMA_VERSION, each step in its own transaction."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"the database has schema version {version}, newer than this cxdash "
            f"({SCHEMA_VERSION}); upgrade cxdash to open it"
        )
    for target, step in MIGRATIONS:
        if target <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            step(con)
            con.execute("INSERT INTO schema_version (version) VALUES ($v)", {"v": target})
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        version = target
    return version


def connect(
    path: Path | str | None = None, *, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` (":memory:" for a scratch one).

    A writable connection creates the file, its folder and the schema when missing.
    """
    target = str(path if path is not None else default_db_path())
    if target != ":memory:" and not read_only:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(target, read_only=read_only)
    if not read_only:
        migrate(con)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block all-or-nothing."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A counter that changes whenever data changes; caches key on it."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) "
        "WHERE key = 'data_version'"
    )
    return data_version(con)


def row_count(con: duckdb.DuckDBPyConnection, dataset_name: str) -> int:
    # The table name comes from the data model, never from a user.
    table = DATASETS[dataset_name].name
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def dataset_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: row_count(con, name) for name in DATASETS}
