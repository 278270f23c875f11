"""Backup and restore: a consistent copy of the database in a folder, and back.

A backup is DuckDB's ``EXPORT DATABASE`` in Parquet (the schema, sequences at
their current values, one file per table; readable by later DuckDB versions)
plus ``manifest.json``: the schema version, data version, time and the row
count of every table. The export is one statement, so one snapshot: the copy
is consistent even while the dashboard runs (the command line takes the file
in turn, see ``cxdash.locking``). It is written to ``DIR.partial`` and renamed
to ``DIR`` when complete, so a folder named DIR is never half a backup.

A restore is all or nothing: it imports the backup into a new file beside the
database, brings its schema up to date, checks every table's count against
the manifest, then swaps the new file in with one atomic rename. The database
it replaced stays beside it as ``<database>.before-restore``. The restored data
gets a data version the app has not seen, so every page shows it at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import duckdb

from cxdash import locking, store

MANIFEST = "manifest.json"
FORMAT = "cxdash-backup"
FORMAT_VERSION = 1
_PARTIAL = ".partial"
_RESTORING = ".restoring"
BEFORE_RESTORE = ".before-restore"


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why, nothing was changed."""


def _literal(path: Path) -> str:
    # EXPORT and IMPORT take no bound parameters: the folder goes in as a quoted literal.
    return "'" + str(path).replace("'", "''") + "'"


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table of the database (data, history, undo and bookkeeping tables)."""
    names = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    # The names come from the database's own catalog.
    return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def backup(con: duckdb.DuckDBPyConnection, out: Path | str) -> dict:
    """Write a consistent backup of ``con``'s database to the new folder ``out``; its manifest."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} already exists and is not an empty folder; name a new folder")
    partial = out.with_name(out.name + _PARTIAL)
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        # One transaction: the counts and the export see the same snapshot.
        with store.transaction(con):
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "schema_version": store.current_version(con),
                "data_version": store.data_version(con),
                "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "duckdb_version": duckdb.__version__,
                "counts": table_counts(con),
            }
            con.execute(f"EXPORT DATABASE {_literal(partial)} (FORMAT parquet)")
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            out.rmdir()
        partial.rename(out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def read_manifest(folder: Path | str) -> dict:
    """The manifest of the backup in ``folder``, checked: a clear BackupError when it is not one."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a cxdash backup (no {MANIFEST})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a cxdash backup manifest")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format {manifest.get('format_version')!r}; "
            f"this cxdash reads format {FORMAT_VERSION}"
        )
    schema = manifest.get("schema_version")
    counts = manifest.get("counts")
    if not isinstance(schema, int) or not isinstance(counts, dict):
        raise BackupError(f"{path} lacks the schema version or the table counts")
    if schema > store.SCHEMA_VERSION:
        raise BackupError(
            f"the backup has schema version {schema}, newer than this cxdash "
            f"({store.SCHEMA_VERSION}); upgrade cxdash to restore it"
        )
    for name in ("schema.sql", "load.sql"):
        if not (folder / name).is_file():
            raise BackupError(f"{folder} is incomplete: {name} is missing")
    _check_scripts(folder)
    return manifest


_COPY_FROM = re.compile(r"""COPY ("?\w+"?) FROM '[^']*\.parquet' \(FORMAT 'parquet'\);?\s*""")


def _check_scripts(folder: Path) -> None:
    """The backup's scripts only create objects and copy its Parquet files in.

    ``IMPORT DATABASE`` runs them as they are; a folder someone edited could
    otherwise make a restore read or write other files.
    """
    con = duckdb.connect()
    try:
        for name, allowed in (("schema.sql", "CREATE"), ("load.sql", "COPY")):
            text = (folder / name).read_text(encoding="utf-8")
            for statement in con.extract_statements(text):
                if statement.type.name != allowed or (
                    allowed == "COPY" and not _COPY_FROM.fullmatch(statement.query.strip())
                ):
                    first = statement.query.strip().splitlines()[0][:80]
                    raise BackupError(
                        f"{folder / name} holds a statement a backup never has: {first}"
                    )
    except (UnicodeDecodeError, duckdb.Error) as exc:
        raise BackupError(f"{folder} is not a readable backup: {exc}") from None
    finally:
        con.close()


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            pass


def _build(folder: Path, target: Path, manifest: dict) -> None:
    """Import the backup into the new file ``target`` and check it against the manifest."""
    _remove(target)
    con = duckdb.connect(str(target))
    try:
        con.execute(f"IMPORT DATABASE {_literal(folder.resolve())}")
        found = table_counts(con)
        for name, expected in manifest["counts"].items():
            if found.get(name) != expected:
                raise BackupError(
                    f"the backup is damaged: table {name} has {found.get(name, 0):,} rows, "
                    f"the manifest says {expected:,}"
                )
        store.migrate(con)
    finally:
        con.close()


def _set_version(target: Path, version: int) -> None:
    with duckdb.connect(str(target)) as con:
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('data_version', CAST($v AS VARCHAR))",
            {"v": version},
        )
        con.execute("CHECKPOINT")


def restore(
    folder: Path | str, db: Path | str, *, wait: float = locking.DEFAULT_WAIT, on_wait=None
) -> dict:
    """Replace the database ``db`` with the backup in ``folder``, all or nothing; its manifest."""
    folder, db = Path(folder), Path(db)
    manifest = read_manifest(folder)
    target = db.with_name(db.name + _RESTORING)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        try:
            _build(folder, target, manifest)
        except BackupError:
            raise
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0]
            raise BackupError(f"the backup in {folder} cannot be imported: {first}") from None
        if not db.exists():
            _set_version(target, int(manifest.get("data_version") or 0) + 1)
            os.replace(target, db)
            return manifest
        with locking.held(db, wait=wait, on_wait=on_wait) as live_version:
            backup_version = int(manifest.get("data_version") or 0)
            # Higher than any version the app saw of either: its caches cannot mix them up.
            _set_version(target, max(live_version, backup_version) + 1)
            before = db.with_name(db.name + BEFORE_RESTORE)
            _remove(before)
            os.link(db, before)
            # The checkpoint left no write-ahead log; one beside the new file would be replayed.
            db.with_name(db.name + ".wal").unlink(missing_ok=True)
            os.replace(target, db)
    finally:
        _remove(target)
    return manifest
