"""The Plotly bundle cxdash serves (cxdash/ui/bundle.py, cxdash/ui/web/)."""

from __future__ import annotations

import asyncio
import gzip
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import plotly
from starlette.applications import Starlette

from cxdash.ui import bundle

WEB = Path(bundle.__file__).with_name("web")


def registered_traces() -> set[str]:
    """The trace types web/plotly/entry.cjs puts in the bundle."""
    source = (WEB / "plotly" / "entry.cjs").read_text()
    return set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", source)) - {"core"}


def _get(path: str, accept_encoding: str | None) -> tuple[int, dict[str, str], bytes]:
    """One GET through a Starlette app serving cxdash's route, as the server would."""
    app = Starlette(routes=[bundle.route()])
    headers = [(b"accept-encoding", accept_encoding.encode())] if accept_encoding else []
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": headers,
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 1234),
        "root_path": "",
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    # In a thread of its own: the browser tests may run an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def test_the_bundle_is_served_compressed_to_browsers_that_accept_gzip():
    raw = bundle.PLOTLY_JS.read_bytes()
    status, headers, body = _get(bundle.url(), "gzip, deflate, br")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["content-type"].startswith("text/javascript")
    assert len(body) < len(raw) / 2
    assert gzip.decompress(body) == raw

    status, headers, body = _get(bundle.url(), None)
    assert status == 200 and "content-encoding" not in headers
    assert body == raw


def test_its_address_names_its_content_so_browsers_may_keep_it():
    status, headers, _ = _get(bundle.url(), "gzip")
    assert "immutable" in headers["cache-control"]
    assert headers["vary"] == "Accept-Encoding"
    # Another build is another address: a kept copy is never stale.
    digest = re.fullmatch(r"/_cxdash/plotly\.([0-9a-f]{12})\.min\.js", bundle.url()).group(1)
    import hashlib

    assert hashlib.sha256(bundle.PLOTLY_JS.read_bytes()).hexdigest().startswith(digest)
    assert _get("/_cxdash/plotly.000000000000.min.js", "gzip")[0] == 404


def test_a_refused_gzip_gets_the_plain_file():
    assert bundle.accepts_gzip("gzip, deflate, br") and bundle.accepts_gzip("br;q=1, gzip;q=0.5")
    assert bundle.accepts_gzip("*")
    assert not bundle.accepts_gzip("gzip;q=0") and not bundle.accepts_gzip("br, deflate")
    assert not bundle.accepts_gzip("")
    _, headers, body = _get(bundle.url(), "gzip;q=0, identity")
    assert "content-encoding" not in headers and body == bundle.PLOTLY_JS.read_bytes()


def test_the_bundle_follows_the_servers_base_path(monkeypatch):
    from streamlit import config

    monkeypatch.setattr(
        config, "get_option", lambda name: "/cx/" if name == "server.baseUrlPath" else None
    )
    assert re.fullmatch(r"/cx/_cxdash/plotly\.[0-9a-f]{12}\.min\.js", bundle.url())
    assert bundle.route().path == bundle.url()


def test_start_up_compresses_it_for_the_first_visitor(monkeypatch, tmp_path):
    monkeypatch.setenv("CXDASH_DB", str(tmp_path / "none.duckdb"))  # nothing else to warm up
    bundle.contents.cache_clear()
    with ThreadPoolExecutor(1) as pool:  # the browser tests may run a loop in this thread
        pool.submit(asyncio.run, _start_up()).result()
    assert bundle.contents.cache_info().currsize == 1
    _get(bundle.url(), "gzip")
    # The request found it made: no second compression.
    assert bundle.contents.cache_info().misses == 1 and bundle.contents.cache_info().hits >= 1


async def _start_up():
    from cxdash.ui import serving

    async with serving.lifespan(None):
        pass


def test_the_bundle_is_the_plotly_js_that_python_plotly_writes_figures_for():
    full = Path(plotly.__file__).with_name("package_data") / "plotly.min.js"
    python_side = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", full.read_text()[:500]).group(1)
    served = re.match(r"/\* plotly\.js v(\d+\.\d+\.\d+)", bundle.PLOTLY_JS.read_text()).group(1)
    assert served == python_side


def test_the_bundle_holds_every_trace_its_entry_registers():
    source = bundle.PLOTLY_JS.read_text()
    traces = registered_traces()
    assert {"bar", "heatmap", "pie"} <= traces
    # Each trace module names itself (name:"bar") in the minified bundle.
    assert {t for t in traces if f'name:"{t}"' not in source} == set()
    assert 'name:"sankey"' not in source  # and it is a partial bundle, not the whole of Plotly
