"""Sharing the database file between the dashboard and the command line.

DuckDB lets one process at a time open a file for writing, and a writable open
takes an exclusive lock on the file: while the dashboard holds it, no other
process can even read it. The two sides therefore take turns:

- A command (``load``, ``undo``, ``backup``, ``restore``, the reports) opens the
  file through :func:`claim`. While the file is taken it says once that it is
  waiting, and keeps a *claim marker* fresh beside the database
  (``<database>.claim``, touched several times a second) until the command is
  done. When the wait runs out it raises :class:`DatabaseBusyError` and has
  changed nothing.
- The dashboard holds its connection only while no fresh marker exists: it
  closes the connection as soon as no script run is using it and a command
  is waiting, and does not reopen while the marker stays fresh. Meanwhile it
  serves what it has cached and says the data is being updated.

A marker left by a command that was killed stops being fresh within
``FRESH_SECONDS`` and is then ignored, so a crash never blocks the dashboard.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from cxdash import store

# A marker touched within this many seconds means a command is waiting or working.
FRESH_SECONDS = 2.0
_TOUCH_EVERY = 0.25
_RETRY_EVERY = 0.2
# A wait this short goes unmentioned.
_QUIET_SECONDS = 1.0
DEFAULT_WAIT = 60.0


class DatabaseBusyError(Exception):
    """The database file stayed taken by another process for the whole wait."""


def marker_path(db: Path | str) -> Path:
    path = Path(db)
    return path.with_name(path.name + ".claim")


def claimed(db: Path | str, *, fresh: float = FRESH_SECONDS) -> bool:
    """A command is waiting for the file or working on it (its marker is fresh)."""
    try:
        age = time.time() - marker_path(db).stat().st_mtime
    except OSError:
        return False
    return age < fresh


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB refused to open the file because another process holds its lock."""
    return isinstance(exc, duckdb.IOException) and "Could not set lock" in str(exc)


def holder(exc: BaseException) -> str:
    """Who holds the lock, as DuckDB names it ("process 1234"), or "another process"."""
    found = re.search(r"PID (\d+)", str(exc))
    return f"process {found.group(1)}" if found else "another process"


class _Marker:
    """Keeps the claim marker fresh from a background thread until stopped."""

    def __init__(self, db: Path) -> None:
        self.path = marker_path(db)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cxdash-claim", daemon=True)

    def start(self) -> _Marker:
        self._touch()
        self._thread.start()
        return self

    def _touch(self) -> None:
        try:
            self.path.touch()
        except OSError:
            pass  # a read-only folder: the dashboard then yields only on its idle timeout

    def _run(self) -> None:
        while not self._stop.wait(_TOUCH_EVERY):
            self._touch()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        try:
            self.path.unlink()
        except OSError:
            pass


def open_waiting(
    path: Path | str,
    *,
    read_only: bool = False,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the database, retrying while another process holds its lock, up to ``wait`` seconds.

    ``on_wait`` is called once, with who holds the file, when it is still taken
    after a second (an idle dashboard lets go sooner, and then nothing is said).
    Raises DatabaseBusyError when the wait runs out.
    """
    started = time.monotonic()
    deadline = started + max(wait, 0.0)
    told = False
    while True:
        try:
            return store.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusyError(
                    f"database busy: {holder(exc)} kept {path} open for {wait:g} s; "
                    "nothing was changed. Try again later, or wait longer with --wait SECONDS"
                ) from None
            if not told and time.monotonic() - started >= _QUIET_SECONDS:
                told = True
                if on_wait is not None:
                    on_wait(holder(exc))
            time.sleep(_RETRY_EVERY)


@contextmanager
def claim(
    path: Path | str,
    *,
    read_only: bool = False,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The database for one command: asks the dashboard to let go, waits, and holds it.

    The claim marker stays fresh for the whole block, so the dashboard does not
    reopen the file until the command is done (see the module docstring).
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    marker = _Marker(path).start() if path.parent.exists() else None
    try:
        con = open_waiting(path, read_only=read_only, wait=wait, on_wait=on_wait)
        try:
            yield con
        finally:
            con.close()
    finally:
        if marker is not None:
            marker.stop()


@contextmanager
def held(
    path: Path | str,
    *,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[int]:
    """Keep every other user away from ``path`` for a block that replaces the file itself.

    Waits until no process holds the file, checkpoints it (so no write-ahead log
    is left beside it), reads its data version (what the block gets) and closes
    it; the marker stays fresh for the whole block, so the dashboard does not
    reopen the file meanwhile.
    """
    path = Path(path)
    marker = _Marker(path).start()
    try:
        con = open_waiting(path, wait=wait, on_wait=on_wait)
        try:
            con.execute("CHECKPOINT")
            version = store.data_version(con)
        finally:
            con.close()
        yield version
    finally:
        marker.stop()
