"""The app's database: one connection per server process, a cursor per call.

DuckDB allows one writing process per file, so the server keeps a single
connection and hands each script run its own cursor (cursors are safe to use
from the thread that made them).
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import streamlit as st

from cxdash import store
from cxdash.ui.text import tr

_first_run_lock = threading.Lock()

# Every write the app makes (loads, undos, artefact edits, maturity scores) takes
# this lock: DuckDB serialises writers anyway, the lock keeps two sessions' loads
# from interleaving and lets the second wait its turn instead of failing.
write_lock = threading.Lock()


def db_path() -> Path:
    return store.default_db_path().resolve()


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return store.connect(path)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the app's database, for this script run's thread."""
    return _connection(str(db_path())).cursor()


def data_version() -> int:
    with cursor() as cur:
        return store.data_version(cur)


def is_demo() -> bool:
    with cursor() as cur:
        row = cur.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return row is not None


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

            with cursor() as cur:
                build(cur, scale="small", seed=42, progress=progress)
            status.update(label=tr("app.first_run.done", path=str(path)), state="complete")
