"""The load pipeline: detect -> map -> validate (read into staging, then check) -> stage -> commit.

Nothing here raises to the caller: every outcome, including a file that is not
there or not a CSV at all, is a ``LoadResult``. All checks run before anything
is written; when any check fails nothing is written. The writing itself is one
transaction.

The whole load runs on its own cursor of the caller's connection: its
temporary tables and its TimeZone=UTC setting (which makes zone-less
timestamps stay as given) never touch the caller's session.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

import duckdb

from cxdash.ingest.commit import commit, replace_sql
from cxdash.ingest.detect import RefusedError, detect, read_head
from cxdash.ingest.mapping import map_columns
from cxdash.ingest.options import MODES, LoadOptions
from cxdash.ingest.result import ERROR, WARNING, Issue, LoadResult
from cxdash.ingest.rules import Plan
from cxdash.ingest.sqltext import bind
from cxdash.ingest.stage import stage
from cxdash.ingest.validate import FILE, Collector, Validator, header_order
from cxdash.schema import DATASETS

_CHUNK = 1 << 20


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: str | os.PathLike,
    dataset: str,
    options: LoadOptions | None = None,
) -> LoadResult:
    """Load the CSV file at ``path`` into ``dataset``, all or nothing."""
    path = Path(path)
    return _load(con, path, path.name or str(path), dataset, options or LoadOptions(), None)


def load_bytes(
    con: duckdb.DuckDBPyConnection,
    data: bytes | bytearray | memoryview | BinaryIO,
    file_name: str,
    dataset: str,
    options: LoadOptions | None = None,
) -> LoadResult:
    """Load CSV content (bytes or a binary file object, e.g. an upload) named ``file_name``.

    The content is spooled to a temporary file that DuckDB reads, then deleted.
    """
    name = Path(file_name).name or "upload.csv"
    digest = hashlib.sha256()
    handle, temp = tempfile.mkstemp(prefix="cxdash-upload-", suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(data, bytes | bytearray | memoryview):
                out.write(data)
                digest.update(data)
            else:
                for chunk in iter(lambda: data.read(_CHUNK), b""):
                    out.write(chunk)
                    digest.update(chunk)
        return _load(con, Path(temp), name, dataset, options or LoadOptions(), digest.hexdigest())
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _load(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    dataset: str,
    options: LoadOptions,
    checksum: str | None,
) -> LoadResult:
    started = time.perf_counter()
    result = LoadResult(file_name=name, dataset=dataset, mode=options.mode, dry_run=options.dry_run)
    out = Collector(name, max(options.max_issues, 1))
    try:
        _run(con, path, result, out, options, checksum)
    except RefusedError as refused:
        out.add(Issue(ERROR, refused.code, name, params=refused.params), (FILE,))
    except Exception as exc:  # a result, never a traceback
        out.add(Issue(ERROR, "internal", name, params={"reason": _first_line(exc)}), (FILE,))
    result.issues = out.issues()
    result.error_count = out.error_count
    result.warning_count = out.warning_count
    result.seconds = time.perf_counter() - started
    return result


def _run(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    result: LoadResult,
    out: Collector,
    options: LoadOptions,
    checksum: str | None,
) -> None:
    name = result.file_name
    # -- detect ----------------------------------------------------------------
    ds = DATASETS.get(result.dataset)
    if ds is None:
        raise RefusedError("unknown_dataset", dataset=result.dataset, known=", ".join(DATASETS))
    if options.mode not in MODES:
        raise RefusedError("unknown_mode", mode=options.mode)
    head, complete = read_head(path)
    detected = detect(head, complete, options)
    result.detected = detected

    # -- map ---------------------------------------------------------------------
    cmap, header_issues = map_columns(ds, detected.header, dict(options.mapping), name)
    for issue in header_issues:
        out.add(issue, header_order(ds.column_names, issue))
    result.columns = {detected.header[p]: c for c, p in cmap.positions.items()}
    result.ignored_columns = cmap.ignored
    if not cmap.usable:
        return

    # Hash while DuckDB reads (both mostly outside the GIL).
    pool = hashing = None
    if checksum is None:
        pool = ThreadPoolExecutor(max_workers=1)
        hashing = pool.submit(sha256_file, path)
    cur = con.cursor()
    try:
        _validate_and_commit(
            cur, path, result, out, options, cmap, detected, lambda: checksum or hashing.result()
        )
    finally:
        cur.close()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _validate_and_commit(
    cur, path, result, out, options, cmap, detected, checksum: Callable[[], str]
) -> None:
    name = result.file_name
    cur.execute("SET TimeZone = 'UTC'")
    # DuckDB draws a progress bar on standard output for long queries; the CLI keeps
    # standard output for machine-readable results.
    cur.execute("SET enable_progress_bar = false")

    # -- validate: read into staging, then check ----------------------------------
    plan = Plan(cmap, detected, options)
    staged = stage(cur, path, detected, plan.projection(), plan.params)
    check = Validator(cur, plan, staged, out)
    check.structure()
    rows = 0
    existing = 0
    if not staged.capped:
        rows = check.row_rules()
        check.duplicate_keys()
        if options.mode == "append":
            existing = check.existing_keys(report=True)
        elif options.mode == "upsert" and options.dry_run:
            existing = check.existing_keys(report=False)
        if out.error_count == 0:
            check.table_rules()
    result.rows_in_file = staged.rows_in_file
    if not staged.capped:
        result.rows_skipped = staged.records - rows

    if rows == 0 and not staged.rejects:
        if options.mode == "replace":
            out.add(Issue(ERROR, "replace_empty", name, params={"dataset": plan.table}), (FILE,))
        else:
            out.add(Issue(WARNING, "no_rows", name), (FILE,))

    result.checksum = checksum()
    before = cur.execute(
        "SELECT load_id, CAST(loaded_at AS VARCHAR) FROM load_history "
        "WHERE dataset = $dataset AND checksum = $checksum ORDER BY load_id DESC LIMIT 1",
        {"dataset": plan.table, "checksum": result.checksum},
    ).fetchone()
    if before:
        out.add(
            Issue(
                WARNING,
                "already_loaded",
                name,
                params={"dataset": plan.table, "load_id": before[0], "when": before[1][:19]},
            ),
            (FILE,),
        )
    if out.error_count:
        return

    # -- stage: what the load would do ----------------------------------------------
    if options.dry_run:
        result.rows_added = rows - existing
        result.rows_updated = existing
        if options.mode == "replace":
            sql = replace_sql(plan).replace("DELETE FROM", "SELECT count(*) FROM", 1)
            result.rows_removed = cur.execute(sql, bind(sql, plan.params)).fetchone()[0]
        return

    # -- commit ------------------------------------------------------------------------
    try:
        written = commit(
            cur,
            plan,
            file_name=name,
            checksum=result.checksum,
            rows_in_file=staged.rows_in_file,
            rows=rows,
            skipped=result.rows_skipped,
        )
    except Exception as exc:
        out.add(Issue(ERROR, "commit_failed", name, params={"reason": _first_line(exc)}), (FILE,))
        return
    result.committed = True
    result.rows_added = written.added
    result.rows_updated = written.updated
    result.rows_removed = written.removed
    result.load_id = written.load_id
    result.data_version = written.data_version
