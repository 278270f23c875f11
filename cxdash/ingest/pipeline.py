"""The load pipeline: detect -> map -> validate (read into staging, then check) -> stage -> commit.

Nothing here raises to the caller: every outcome, including a file that is not
there or not a CSV at all, is a ``LoadResult``. All checks run before the load
commits; when any check fails nothing is written. The writing itself is one
transaction.

The order of the checks is chosen for speed on large files. Row rules are one
aggregate scan of the staged rows. The customer-data tables have no primary-key
index (store.UNKEYED: maintaining it cost more than reading the file), so their
keys are checked here, set-based, before anything is written: a count of
distinct keys in the same scan for a key twice in the file (a GROUP BY names
the rows when there are any) and, for append, one anti-join against the table. The
small keyed tables (targets, artefacts) leave duplicates to their primary key
during the insert; only when it refuses, or the file is refused anyway, do the
key checks run to name the rows. Upsert and "skip existing" resolve conflicts
instead of refusing them, and dry runs write nothing, so those check keys up
front too.

An append into an empty customer-data table skips the staging table: the file
goes straight into the table in one pass, every row rule checked on the way and
the keys once it is in, all inside the load's transaction (direct.py). Anything
found there rolls it back unseen, and the steps above run instead to name the
problems.

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
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb

from cxdash import store
from cxdash.ingest import direct, guard
from cxdash.ingest.commit import KeyConflictError, commit, replace_sql
from cxdash.ingest.detect import RefusedError, detect, read_head, refine
from cxdash.ingest.encoding import EncodingError, native, utf8_copy
from cxdash.ingest.mapping import guess_dataset, map_columns, normalise
from cxdash.ingest.options import MODES, LoadOptions, tell
from cxdash.ingest.result import ERROR, WARNING, Detected, Issue, LoadResult
from cxdash.ingest.rules import Plan
from cxdash.ingest.sqltext import bind
from cxdash.ingest.stage import ROWS, stage
from cxdash.ingest.validate import FILE, Collector, Validator, header_order
from cxdash.schema import DATASETS, DATE, TIMESTAMP

_CHUNK = 1 << 20


def load_file(
    con: duckdb.DuckDBPyConnection,
    path: str | os.PathLike,
    dataset: str | None = None,
    options: LoadOptions | None = None,
    *,
    file_name: str | None = None,
    checksum: str | None = None,
) -> LoadResult:
    """Load the CSV file at ``path`` into ``dataset``, all or nothing.

    ``dataset`` None detects it from the header. ``file_name`` is the name
    messages and the history show (default: the path's name); ``checksum``
    its SHA-256 when the caller has it already (see ``spool``).
    """
    path = Path(path)
    name = Path(file_name).name if file_name else (path.name or str(path))
    return _load(con, path, name, dataset, options or LoadOptions(), checksum)


def spool(data: bytes | bytearray | memoryview | BinaryIO, folder: str | None = None):
    """Write content (bytes or a binary file object) to a temporary file, in chunks.

    Returns the file's path and SHA-256; the caller deletes the file.
    """
    digest = hashlib.sha256()
    handle, temp = tempfile.mkstemp(prefix="cxdash-upload-", suffix=".csv", dir=folder)
    with os.fdopen(handle, "wb") as out:
        if isinstance(data, bytes | bytearray | memoryview):
            out.write(data)
            digest.update(data)
        else:
            for chunk in iter(lambda: data.read(_CHUNK), b""):
                out.write(chunk)
                digest.update(chunk)
    return Path(temp), digest.hexdigest()


def load_bytes(
    con: duckdb.DuckDBPyConnection,
    data: bytes | bytearray | memoryview | BinaryIO,
    file_name: str,
    dataset: str | None = None,
    options: LoadOptions | None = None,
) -> LoadResult:
    """Load CSV content (bytes or a binary file object, e.g. an upload) named ``file_name``.

    The content is spooled to a temporary file that DuckDB reads, then deleted.
    """
    name = Path(file_name).name or "upload.csv"
    temp, digest = spool(data)
    try:
        return _load(con, temp, name, dataset, options or LoadOptions(), digest)
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass


@dataclass(frozen=True)
class Inspection:
    """What detection makes of a file from its first bytes, without reading it all.

    ``mapping`` pairs each header text with the column it loads into by name or
    synonym (None: ignored), before any explicit mapping; ``refused`` holds the
    issue when the file cannot be read as a CSV at all.
    """

    detected: Detected | None = None
    dataset: str | None = None
    dataset_detected: bool = False
    mapping: tuple[tuple[str, str | None], ...] = ()
    refused: Issue | None = None


def inspect(
    path: str | os.PathLike,
    dataset: str | None = None,
    options: LoadOptions | None = None,
    *,
    file_name: str | None = None,
) -> Inspection:
    """Detect how to read the file at ``path``, its dataset and the automatic mapping.

    Cheap (the first bytes only): screens call it to show what was detected
    before they run the full check (a dry run).
    """
    path = Path(path)
    name = Path(file_name).name if file_name else path.name
    options = options or LoadOptions()
    try:
        guard.check(path, scan=False)  # too large or not text: refused with a reason
        detected = detect(read_head(path), options=options)
        guessed = dataset not in DATASETS
        if guessed:
            dataset = guess_dataset(_mapped_header(detected.header, options))
        if dataset is None:
            return Inspection(detected)
        cmap, _ = map_columns(DATASETS[dataset], detected.header, {}, name)
        detected, _ = refine(detected, cmap, options, name)
    except RefusedError as refused:
        return Inspection(
            refused=Issue(ERROR, refused.code, name, line=refused.line, params=refused.params)
        )
    columns = {p: c for c, p in cmap.positions.items()}
    pairs = tuple((h, columns.get(i)) for i, h in enumerate(detected.header))
    return Inspection(detected, dataset, guessed, pairs)


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
    dataset: str | None,
    options: LoadOptions,
    checksum: str | None,
) -> LoadResult:
    started = time.perf_counter()
    result = LoadResult(
        file_name=name, dataset=dataset or "", mode=options.mode, dry_run=options.dry_run
    )
    out = Collector(name, max(options.max_issues, 1))
    try:
        _run(con, path, result, out, options, checksum)
    except RefusedError as refused:
        issue = Issue(ERROR, refused.code, name, line=refused.line, params=refused.params)
        out.add(issue, (FILE,))
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
    if result.dataset and result.dataset not in DATASETS:
        raise RefusedError("unknown_dataset", dataset=result.dataset, known=", ".join(DATASETS))
    if options.mode not in MODES:
        raise RefusedError("unknown_mode", mode=options.mode)
    tell(options, 0.0, "detecting")
    # Too large or not text: refused with a reason. The same read tells whether
    # values may need trimming.
    scanned = guard.check(path)
    detected = detect(read_head(path), options=options)
    result.detected = detected
    if not result.dataset:
        guessed = guess_dataset(_mapped_header(detected.header, options))
        if guessed is None:
            raise RefusedError(
                "unknown_dataset_header",
                line=1,
                found=", ".join(h.strip() for h in detected.header[:12] if h.strip()),
                known=", ".join(DATASETS),
            )
        result.dataset = guessed
        result.dataset_detected = True
    ds = DATASETS[result.dataset]

    # -- map ---------------------------------------------------------------------
    cmap, header_issues = map_columns(ds, detected.header, dict(options.mapping), name)
    for issue in header_issues:
        out.add(issue, header_order(ds.column_names, issue))
    result.columns = {detected.header[p]: c for c, p in cmap.positions.items()}
    result.ignored_columns = cmap.ignored
    if not cmap.usable:
        return
    detected, detect_issues = refine(detected, cmap, options, name)
    result.detected = detected
    for issue in detect_issues:
        out.add(issue, (FILE,))

    # Hash while DuckDB reads (both mostly outside the GIL).
    pool = hashing = None
    if checksum is None:
        pool = ThreadPoolExecutor(max_workers=1)
        hashing = pool.submit(sha256_file, path)
    cur = con.cursor()
    try:
        tell(options, 0.05, "reading")
        with utf8_copy(path, detected.encoding) as readable:
            reader_encoding = detected.encoding if native(detected.encoding) else "utf-8"
            _validate_and_commit(
                cur,
                readable,
                reader_encoding,
                result,
                out,
                options,
                cmap,
                detected,
                scanned.spaced,
                lambda: checksum or hashing.result(),
            )
    except EncodingError as bad:
        raise RefusedError(
            "bad_encoding_line", line=bad.line, encoding=bad.encoding, byte=bad.byte
        ) from None
    finally:
        cur.close()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _mapped_header(header: tuple[str, ...], options: LoadOptions) -> tuple[str, ...]:
    """The header with the caller's explicit mapping applied, for guessing the dataset."""
    explicit = {normalise(k): v for k, v in (options.mapping or {}).items()}
    return tuple((explicit[normalise(h)] or "") if normalise(h) in explicit else h for h in header)


def _validate_and_commit(
    cur, path, encoding, result, out, options, cmap, detected, trim, checksum: Callable[[], str]
) -> None:
    name = result.file_name
    mode = options.mode
    cur.execute("SET TimeZone = 'UTC'")
    # DuckDB draws a progress bar on standard output for long queries; the CLI keeps
    # standard output for machine-readable results.
    cur.execute("SET enable_progress_bar = false")

    plan = Plan(cmap, detected, options)
    if out.error_count == 0 and direct.eligible(plan):
        # Into a table that will hold the file's rows only: one pass, or the full check.
        try:
            written = direct.load(
                cur,
                path,
                plan,
                encoding=encoding,
                trim=trim,
                file_name=name,
                checksum=checksum,
            )
        except Exception as exc:
            reason = _first_line(exc)
            out.add(Issue(ERROR, "commit_failed", name, params={"reason": reason}), (FILE,))
            return
        if written is not None:
            result.checksum = checksum()
            _warn_if_loaded_before(cur, out, name, plan.table, result.checksum, written.load_id)
            result.rows_in_file = written.added
            _committed(result, written, options)
            return

    # -- validate: read into staging, then check ----------------------------------
    staged = stage(
        cur, path, detected, plan.projection(), plan.params, encoding=encoding, trim=trim
    )
    tell(options, 0.45, "checking")
    check = Validator(cur, plan, staged, out)
    check.structure()
    rows = 0
    existing = 0
    if not staged.capped:
        rows = check.row_rules()
        # Append and replace into a keyed table leave duplicate keys to the primary key
        # (see the module docstring); the rest, and files refused anyway, check them here.
        upfront = (
            options.dry_run
            or out.error_count
            or mode == "upsert"
            or options.skip_existing
            or not store.keyed(plan.table)
        )
        if upfront:
            check.duplicate_keys()
            if mode == "append":
                existing = check.existing_keys(report=not options.skip_existing)
            elif mode == "upsert" and options.dry_run:
                existing = check.existing_keys(report=False)
        if out.error_count == 0:
            check.table_rules()
    result.rows_in_file = staged.rows_in_file
    if not staged.capped:
        result.rows_skipped = staged.records - rows
    if options.preview_rows > 0:
        result.preview = _preview(cur, plan, options.preview_rows)

    if rows == 0 and not staged.rejects:
        if mode == "replace":
            out.add(Issue(ERROR, "replace_empty", name, params={"dataset": plan.table}), (FILE,))
        else:
            out.add(Issue(WARNING, "no_rows", name), (FILE,))

    result.checksum = checksum()
    _warn_if_loaded_before(cur, out, name, plan.table, result.checksum)
    if mode == "append" and options.skip_existing and existing:
        out.add(
            Issue(
                WARNING,
                "skipped_existing",
                name,
                params={"count": f"{existing:,}", "dataset": plan.table},
            ),
            (FILE,),
        )
    if out.error_count:
        return

    # -- stage: what the load would do ----------------------------------------------
    if options.dry_run:
        if mode == "append" and options.skip_existing:
            result.rows_added = rows - existing
            result.rows_skipped += existing
        else:
            result.rows_added = rows - existing
            result.rows_updated = existing
        if mode == "replace":
            sql = replace_sql(plan).replace("DELETE FROM", "SELECT count(*) FROM", 1)
            result.rows_removed = cur.execute(sql, bind(sql, plan.params)).fetchone()[0]
        return

    # -- commit ------------------------------------------------------------------------
    tell(options, 0.6, "writing")
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
    except KeyConflictError as conflict:
        # Name the rows the primary key refused.
        check.duplicate_keys()
        if mode == "append":
            check.existing_keys(report=True)
        if out.error_count == 0:
            reason = _first_line(conflict)
            out.add(Issue(ERROR, "commit_failed", name, params={"reason": reason}), (FILE,))
        return
    except Exception as exc:
        out.add(Issue(ERROR, "commit_failed", name, params={"reason": _first_line(exc)}), (FILE,))
        return
    _committed(result, written, options)


def _committed(result: LoadResult, written, options: LoadOptions) -> None:
    result.committed = True
    result.rows_added = written.added
    result.rows_updated = written.updated
    result.rows_removed = written.removed
    result.rows_skipped += written.skipped_existing
    result.load_id = written.load_id
    result.data_version = written.data_version
    tell(options, 1.0, "done")


def _warn_if_loaded_before(cur, out, name, table, checksum, load_id=None) -> None:
    """The already_loaded warning when this exact file was loaded before (and not undone).

    ``load_id``: this load, when it is committed already (not "before" itself).
    """
    before = cur.execute(
        "SELECT load_id, CAST(loaded_at AS VARCHAR) FROM load_history "
        "WHERE dataset = $dataset AND checksum = $checksum AND undone_at IS NULL "
        "AND ($load_id IS NULL OR load_id < $load_id) "
        "ORDER BY load_id DESC LIMIT 1",
        {"dataset": table, "checksum": checksum, "load_id": load_id},
    ).fetchone()
    if before:
        out.add(
            Issue(
                WARNING,
                "already_loaded",
                name,
                params={"dataset": table, "load_id": before[0], "when": before[1][:19]},
            ),
            (FILE,),
        )


def _preview(cur, plan: Plan, limit: int):
    """The first rows as they would be stored, in the data model's columns.

    Numbers and booleans keep their type; dates and timestamps are shown as
    their ISO text (a DataFrame would turn a date into a midnight timestamp).
    """
    shown = []
    for name in plan.columns():
        if plan.dataset.column(name).type in (DATE, TIMESTAMP):
            shown.append(f"CAST({name} AS VARCHAR) AS {name}")
        else:
            shown.append(name)
    columns = ", ".join(shown)
    return cur.execute(
        f"SELECT {columns} FROM {ROWS} WHERE NOT _blank ORDER BY rowid LIMIT $limit",
        {"limit": int(limit)},
    ).df()
