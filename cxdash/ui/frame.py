"""Making sure every page runs inside the app's frame (cxdash/ui/shell.py, run by ``app.py``).

Streamlit picks its navigation mode per server process on the first script
run: because a ``pages/`` folder sits beside ``app.py``, a fresh server whose
very first request is a deep link (``/data?from=...``) runs ``pages/data.py``
alone in the legacy folder mode, without the frame's filters and set-up.
Each page therefore calls :func:`require` first: outside the frame it switches
the process to ``st.navigation`` mode and reruns, which lands on the same page
(page URLs match their file names, so both modes name the page alike).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_local = threading.local()


@contextmanager
def running() -> Iterator[None]:
    """Mark this thread's script run as going through the frame."""
    _local.active = True
    try:
        yield
    finally:
        _local.active = False


def require() -> None:
    """Called first by every page script: rerun through the frame when it was skipped."""
    if getattr(_local, "active", False):
        return
    PagesManager.uses_pages_directory = False
    st.rerun()
