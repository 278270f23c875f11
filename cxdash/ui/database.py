"""The app's database: one connection per server process, lent out a cursor at a time.

DuckDB lets one process at a time open the file for writing, and a writable
open locks out every other process, the command line included. So the server
holds its connection only while it has use for it (see ``cxdash.locking``):

- each ``cursor()`` borrows the shared connection, opening it when closed;
- a watcher thread closes it when nothing borrows it and a command has asked
  for the file (a fresh claim marker) or it has been idle for a while;
- while a command holds the file, ``data_version()`` answers the last version
  this process saw, so pages are served from the result cache; a query the
  cache cannot answer raises ``DatabaseBusyError``, which the frame shows as a
  calm "data is being updated" notice that refreshes the page by itself.

Writes (loads, undos, edits) hold ``write_lock``: two sessions' loads run one
after the other, and a write waits up to ``WRITE_WAIT`` seconds for a command
to finish instead of failing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import duckdb
import streamlit as st

from cxdash import locking, store
from cxdash.kpis import facts
from cxdash.locking import DatabaseBusyError
from cxdash.ui.text import tr

_log = logging.getLogger(__name__)

__all__ = ["DatabaseBusyError", "cursor", "data_version", "write_lock"]

# Reopening the large demo (1.4 GB) costs 20-100 ms and throws away DuckDB's buffer
# cache, beyond a rerun's 50 ms budget: the connection stays open while readers come
# and go. Our commands ask for the file (the claim marker); the idle timeout only
# lets other tools in (e.g. the duckdb shell) when nobody has used the app for a while.
IDLE_SECONDS = 300.0
WRITE_WAIT = 120.0
_WATCH_EVERY = 0.2
_REFRESH_EVERY = 2.0

FACT_CHECK_THREAD = "cxdash-facts"  # rebuilds stale fact tables once per database opened
_first_run_lock = threading.Lock()
_local = threading.local()


class _WriteLock:
    """A lock whose holder's cursors wait for a command to finish instead of failing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> _WriteLock:
        self._lock.acquire()
        _local.writing = True
        return self

    def __exit__(self, *exc) -> None:
        _local.writing = False
        # The write may have changed them: read them again.
        _local.version = None
        _local.fact_verdicts = {}
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()


# Every write the app makes (loads, undos, artefact edits, maturity scores) takes
# this lock: DuckDB serialises writers anyway, the lock keeps two sessions' loads
# from interleaving and lets the second wait its turn instead of failing.
write_lock = _WriteLock()

# The server shares its memory with every session; DuckDB spills to disk beyond
# this instead of growing the process (budget: the server under 500 MB).
SERVER_MEMORY_LIMIT = "256MB"


class _Shared:
    """The process's connection, how many cursors borrow it, and when it was last used."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.con: duckdb.DuckDBPyConnection | None = None
        self.path: Path | None = None
        self.users = 0
        self.last_used = 0.0
        self.versions: dict[Path, int] = {}
        self.demo: dict[tuple[Path, int], bool] = {}
        self.facts_checked: set[Path] = set()
        self.watcher: threading.Thread | None = None

    def borrow(self, path: Path, wait: float) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + wait
        with self.changed:
            while True:
                try:
                    return self._borrow(path)
                except DatabaseBusyError:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise
                self.changed.wait(min(left, _WATCH_EVERY))

    def _borrow(self, path: Path) -> duckdb.DuckDBPyConnection:
        if self.con is not None and self.path != path:
            if self.users:
                raise DatabaseBusyError(f"{self.path} is still in use")
            self._close()
        if locking.claimed(path) and not (self.con is not None and _writing()):
            # A command waits for the file: lend nothing new so the connection
            # closes; a write already under way keeps its connection.
            if self.users == 0:
                self._close()
            raise DatabaseBusyError(f"{path} is being updated")
        if self.con is None:
            try:
                self.con = store.connect(path)
                self.con.execute("SET memory_limit = $limit", {"limit": SERVER_MEMORY_LIMIT})
            except duckdb.IOException as exc:
                if locking.is_lock_conflict(exc):
                    raise DatabaseBusyError(f"{path} is held by {locking.holder(exc)}") from None
                raise
            self.path = path
            self._watch()
        self.users += 1
        return self.con

    def give_back(self) -> None:
        with self.changed:
            self.users -= 1
            self.last_used = time.monotonic()
            if self.users == 0 and self.path is not None and locking.claimed(self.path):
                self._close()
            self.changed.notify_all()

    def _close(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            finally:
                self.con = None

    def _watch(self) -> None:
        if self.watcher is None or not self.watcher.is_alive():
            self.watcher = threading.Thread(target=self._run, name="cxdash-db-watch", daemon=True)
            self.watcher.start()

    def _run(self) -> None:
        """Close the idle connection when a command asks for the file, or after IDLE_SECONDS."""
        while True:
            time.sleep(_WATCH_EVERY)
            with self.changed:
                if self.con is None:
                    self.watcher = None
                    return
                if self.users:
                    continue
                idle = time.monotonic() - self.last_used > IDLE_SECONDS
                if idle or locking.claimed(self.path):
                    self._close()
                    self.changed.notify_all()


_shared = _Shared()


def close_connection(timeout: float = 60.0) -> None:
    """Close the process's connection once no cursor is out (the file is free afterwards).

    For the benchmark and tests, which need the file back at once; the app
    itself lets go when a command asks or after a while idle. Waits up to
    ``timeout`` seconds for cursors in use (a background rebuild of the fact
    tables may hold one), then closes regardless.
    """
    with _shared.changed:
        _shared.changed.wait_for(lambda: _shared.users == 0, timeout=timeout)
        _shared._close()


def _writing() -> bool:
    return getattr(_local, "writing", False)


def db_path() -> Path:
    return store.default_db_path().resolve()


@contextmanager
def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the app's database for this script run's thread, closed after the block.

    Raises DatabaseBusyError while a command holds the file; under ``write_lock``
    it first waits up to WRITE_WAIT seconds for the command to finish.
    """
    con = _shared.borrow(db_path(), WRITE_WAIT if _writing() else 0.0)
    try:
        cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()
    finally:
        _shared.give_back()


def data_version() -> int:
    """The data version; while a command holds the file, the last one this process saw.

    Pages, notices and panels ask for it a dozen times a run: inside a script
    run (after :func:`begin_run`) it is read once, and again after a write of
    this run (``write_lock``). Elsewhere every call reads it.
    """
    known = getattr(_local, "version", None)
    if known is not None:
        return known
    path = db_path()
    try:
        with cursor() as cur:
            version = store.data_version(cur)
    except DatabaseBusyError:
        if path not in _shared.versions:
            raise
        _local.stale = True
        return _shared.versions[path]
    _shared.versions[path] = version
    _check_facts_once(path)
    if getattr(_local, "in_run", False):
        _local.version = version
    return version


def _check_facts_once(path: Path) -> None:
    """Rebuild stale fact tables in the background, once per database the process opens.

    Loads and undos rebuild them as they go; a database built or restored by
    another version of the app may hold none or outdated ones. Meanwhile the
    KPIs are computed from the tables themselves, with the same numbers.
    """
    with _shared.changed:
        if path in _shared.facts_checked:
            return
        _shared.facts_checked.add(path)
    threading.Thread(target=_refresh_facts, name=FACT_CHECK_THREAD, daemon=True).start()


def _refresh_facts() -> None:
    try:
        with write_lock, cursor() as cur:
            facts.refresh_if_stale(cur)
    except Exception as failed:  # a background thread: nobody else would see it
        # Nothing is lost: the next start tries again, and the KPIs do without.
        _log.warning("fact tables not checked: %s", failed)


def is_demo() -> bool:
    """Whether the database holds the demo; remembered per data version (no query when known)."""
    key = (db_path(), data_version())
    if key not in _shared.demo:
        with cursor() as cur:
            row = cur.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
        _shared.demo[key] = row is not None
    return _shared.demo[key]


def begin_run() -> None:
    """Called by the frame at the start of each script run."""
    _local.stale = False
    _local.in_run = True
    _local.version = None
    _local.fact_verdicts = {}


def fact_verdicts() -> dict[str, bool] | None:
    """This script run's checks of the fact tables, shared by its reads; None outside a run."""
    return getattr(_local, "fact_verdicts", None) if getattr(_local, "in_run", False) else None


def fact_checks():
    """A block whose reads share this run's checks of the fact tables (facts.checks_once).

    Outside a script run it leaves whatever sharing the caller set up as it is.
    """
    verdicts = fact_verdicts()
    return nullcontext() if verdicts is None else facts.checks_once(verdicts)


def _available() -> bool:
    """The file is free again (the command finished): reading the version succeeds."""
    try:
        with cursor() as cur:
            _shared.versions[db_path()] = store.data_version(cur)
    except DatabaseBusyError:
        return False
    return True


@st.fragment(run_every=_REFRESH_EVERY)
def _refresh_when_free() -> None:
    if _available():
        st.rerun(scope="app")


def update_notice(slot) -> None:
    """When this run served cached figures because a command holds the file, say so in ``slot``."""
    if getattr(_local, "stale", False):
        with slot.container():
            st.info(tr("db.updating.cached"), icon=":material/hourglass_top:")
            _refresh_when_free()


def busy_notice(slot) -> None:
    """What a run shows in ``slot`` when it needed the database while a command held it.

    Never an error: the page refreshes by itself when the command is done.
    """
    with slot.container():
        st.info(tr("db.updating.wait"), icon=":material/hourglass_top:")
        _refresh_when_free()


def ensure_database() -> None:
    """On first run (no database file yet) build the small demo database, showing progress."""
    path = db_path()
    if path.exists():
        return
    from cxdash.demo import build

    with _first_run_lock:
        if path.exists() and data_version() > 0:
            return  # another session built it while this one waited
        with st.status(tr("app.first_run.title"), expanded=True) as status:
            bar = st.progress(0.0)

            def progress(fraction: float, message: str) -> None:
                bar.progress(min(max(fraction, 0.0), 1.0), text=message)

            with write_lock, cursor() as cur:
                build(cur, scale="small", seed=42, progress=progress)
            status.update(label=tr("app.first_run.done", path=str(path)), state="complete")
