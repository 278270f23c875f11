"""The server's start-up (cxdash/ui/serving.py), on real sockets of this process."""

from __future__ import annotations

import ast
import asyncio
import importlib
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.util import find_spec
from pathlib import Path

import pytest

from cxdash.ui import serving, transport

PAGES = Path(__file__).resolve().parents[2] / "pages"


def _imported_modules(source: str) -> set[str]:
    """The cxdash.ui modules a page imports (``from a.b import c``: a.b.c when c is a module)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cxdash.ui"):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                package = importlib.import_module(node.module)
                found.add(name if hasattr(package, "__path__") and find_spec(name) else node.module)
    return found


def test_start_up_imports_every_module_the_pages_import():
    imported = set().union(*(_imported_modules(p.read_text()) for p in PAGES.glob("*.py")))
    assert "cxdash.ui.steps.insights" in imported  # the walk sees the pages' imports
    # The shell imports the rest (frame, scope, text) itself.
    assert imported - {"cxdash.ui.frame", "cxdash.ui.scope", "cxdash.ui.text"} <= set(
        serving.WARM_MODULES
    )


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")
def test_start_up_sends_small_writes_at_once(monkeypatch, tmp_path):
    monkeypatch.setenv("CXDASH_DB", str(tmp_path / "none.duckdb"))  # nothing to warm up
    listener = socket.socket(family=socket.AF_INET)  # as Streamlit makes its own
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    monkeypatch.setattr(transport, "_done", False)

    async def start():
        async with serving.lifespan(None):
            return listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)

    try:
        assert not listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        # In a thread of its own: the browser tests may leave an event loop running in this one.
        with ThreadPoolExecutor(1) as worker:
            assert worker.submit(asyncio.run, start()).result()
        assert "cxdash.ui.shell" in sys.modules
    finally:
        listener.close()
