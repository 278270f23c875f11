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

from cxdash.schema import DATASETS, DEFAULT_WORKSHOP, create_table_sql

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


def _v3(con: duckdb.DuckDBPyConnection) -> None:
    """Workshops: the sessions a facilitator runs, and each one's notes and timer per step.

    The standing workshop (DEFAULT_WORKSHOP) and any other workshop that artefact
    rows already name become rows here, so the artefacts stay reachable.
    Participants are kept one per line.
    """
    con.execute(
        """
        CREATE TABLE workshops (
            name VARCHAR PRIMARY KEY,
            held_on DATE,
            facilitator VARCHAR,
            participants VARCHAR NOT NULL DEFAULT '',
            team VARCHAR,
            current_step INTEGER NOT NULL DEFAULT 1 CHECK (current_step BETWEEN 1 AND 8),
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )
        """
    )
    con.execute(
        """
        CREATE TABLE workshop_steps (
            workshop VARCHAR NOT NULL,
            step INTEGER NOT NULL CHECK (step BETWEEN 1 AND 8),
            notes VARCHAR NOT NULL DEFAULT '',
            decisions VARCHAR NOT NULL DEFAULT '',
            planned_minutes INTEGER NOT NULL DEFAULT 20,
            elapsed_seconds DOUBLE NOT NULL DEFAULT 0,
            timer_started_at TIMESTAMP,
            PRIMARY KEY (workshop, step)
        )
        """
    )
    named = " UNION ".join(
        f"SELECT workshop FROM {ds.name}" for ds in DATASETS.values() if ds.kind == "artefact"
    )
    con.execute(
        f"INSERT INTO workshops (name) SELECT $default UNION {named}",
        {"default": DEFAULT_WORKSHOP},
    )


# The big customer-data tables carry no PRIMARY KEY index (version 4): keeping the
# index up to date cost more than reading the file itself, on every load. Their keys
# stay unique all the same: the ingest step refuses a key twice in a file or already
# in the table (a set-based check it runs anyway to name the rows), and the demo
# generates unique keys. Small tables (KPI targets, workshop artefacts) keep theirs.
UNKEYED = frozenset(name for name, ds in DATASETS.items() if ds.kind == "customer")


def keyed(table: str) -> bool:
    """Whether ``table`` (a dataset) has a primary key that refuses duplicate keys."""
    return table not in UNKEYED


def dataset_table_sql(ds) -> str:
    """DDL of a dataset's table as this schema version keeps it (see UNKEYED)."""
    sql = create_table_sql(ds)
    if ds.name in UNKEYED:
        sql = sql.replace(f",\n    PRIMARY KEY ({', '.join(ds.key)})", "")
    return sql


def _v4(con: duckdb.DuckDBPyConnection) -> None:
    """Customer-data tables without their primary-key index (see UNKEYED).

    load_history gains ``undo_all``: the load wrote every row its table holds (an
    append into an empty table, a replace of a whole dataset), so undoing it empties
    the table and puts the backup back, and the load kept no list of the keys it
    wrote (a second copy of every key, as costly as a good part of the load).

    DuckDB cannot drop a primary key, so each table is copied into a new one
    without it, which then takes the old one's name and any extra index someone
    had added. DuckDB's progress bar would print on standard output (the CLI's
    machine-readable channel) during the copy of a large table, so it is off.
    """
    con.execute("ALTER TABLE load_history ADD COLUMN undo_all BOOLEAN DEFAULT false")
    con.execute("SET enable_progress_bar = false")
    for name in sorted(UNKEYED):
        ds = DATASETS[name]
        indexes = [
            sql
            for (sql,) in con.execute(
                "SELECT sql FROM duckdb_indexes() WHERE table_name = $t AND sql IS NOT NULL",
                {"t": name},
            ).fetchall()
        ]
        columns = ", ".join(ds.column_names)
        fresh = f"{name}_v4"
        con.execute(dataset_table_sql(ds).replace(f" {name} (", f" {fresh} (", 1))
        con.execute(f"INSERT INTO {fresh} SELECT {columns} FROM {name}")
        con.execute(f"DROP TABLE {name}")
        con.execute(f"ALTER TABLE {fresh} RENAME TO {name}")
        for sql in indexes:
            con.execute(sql)
    con.execute("RESET enable_progress_bar")


# Append-only: a released migration never changes; a new schema is a new entry.
MIGRATIONS: tuple[tuple[int, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    (1, _v1),
    (2, _v2),
    (3, _v3),
    (4, _v4),
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
    # DuckDB draws a progress bar on standard output for long statements; the
    # command line's standard output carries results (JSON) only.
    con.execute("SET enable_progress_bar = false")
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
