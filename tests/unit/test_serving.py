"""The server's start-up and first page (cxdash/ui/serving.py), on real ASGI apps and sockets."""

from __future__ import annotations

import ast
import asyncio
import importlib
import socket
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Route

from cxdash.ui import serving, transport

PAGES = Path(__file__).resolve().parents[2] / "pages"
PAGE = "<html><head><title>cxdash</title></head><body>" + "x" * 2000 + "</body></html>"
TAG = serving.load_early("PlotlyChart.test.js")


async def _page(_request):
    return HTMLResponse(PAGE)


async def _missing(_request):
    return HTMLResponse(PAGE, status_code=404)


async def _script(_request):
    return PlainTextResponse("console.log('</head>')", media_type="text/javascript")


# Gzip inside, as Streamlit compresses its pages behind the middleware cxdash adds.
_SERVER = GZipMiddleware(
    Starlette(routes=[Route("/", _page), Route("/missing", _missing), Route("/app.js", _script)]),
    minimum_size=500,
)


def _get(app, path: str, accept: str, encoding: str = "gzip, br") -> tuple[int, dict, bytes]:
    """One GET through ``app`` as ASGI: status, headers and the body as sent."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"accept", accept.encode()), (b"accept-encoding", encoding.encode())],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8501),
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    headers = {k.decode(): v.decode() for k, v in sent[0]["headers"]}
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return sent[0]["status"], headers, body


def test_a_page_asks_for_the_chart_library_in_its_head():
    status, headers, body = _get(
        serving.ChartLibraryFirst(_SERVER, "PlotlyChart.test.js"), "/", "text/html,*/*"
    )
    assert status == 200 and "content-encoding" not in headers
    assert body.count(TAG) == 1 and body.index(TAG) < body.index(b"</head>")
    assert int(headers["content-length"]) == len(body) == len(PAGE) + len(TAG)


def test_scripts_error_pages_and_unknown_chunks_pass_unchanged():
    with_tag = serving.ChartLibraryFirst(_SERVER, "PlotlyChart.test.js")
    _, headers, body = _get(with_tag, "/app.js", "*/*")
    assert body == b"console.log('</head>')"
    status, _, body = _get(with_tag, "/missing", "text/html", encoding="")
    assert status == 404 and TAG not in body
    # Without the chunk (another Streamlit build) nothing is edited, compression included.
    without = serving.ChartLibraryFirst(_SERVER, None)
    without.tag = None
    _, headers, _ = _get(without, "/", "text/html")
    assert headers["content-encoding"] == "gzip"


def test_the_installed_front_end_has_one_chart_library_chunk():
    chunk = serving.chart_library()
    assert chunk is not None and chunk.startswith("PlotlyChart.") and chunk.endswith(".js")
    assert (serving._CHUNKS / chunk).stat().st_size > 1_000_000  # the library itself


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
def test_start_up_sends_small_writes_at_once(monkeypatch):
    listener = socket.socket(family=socket.AF_INET)  # as Streamlit makes its own
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    monkeypatch.setattr(transport, "_done", False)

    async def start():
        async with serving.lifespan(None):
            return listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)

    try:
        assert not listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert asyncio.run(start())
        assert "cxdash.ui.shell" in sys.modules
    finally:
        listener.close()
