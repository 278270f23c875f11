"""The Plotly bundle cxdash's charts load, served by cxdash's own server.

``web/plotly.min.js`` holds plotly.js with only the trace types cxdash draws
(built from ``web/plotly/``; see its package.json). Its address carries a hash
of its content, so a browser keeps it for a year and fetches a new build at
once; it is sent compressed to any browser that accepts gzip.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PLOTLY_JS = Path(__file__).with_name("web") / "plotly.min.js"
URL = f"/_cxdash/plotly.{hashlib.sha256(PLOTLY_JS.read_bytes()).hexdigest()[:12]}.min.js"
_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "Vary": "Accept-Encoding",
}


@functools.cache
def contents(compressed: bool) -> bytes:
    raw = PLOTLY_JS.read_bytes()
    return gzip.compress(raw, mtime=0) if compressed else raw


async def _serve(request: Request) -> Response:
    compressed = "gzip" in request.headers.get("accept-encoding", "")
    headers = {**_HEADERS, "Content-Encoding": "gzip"} if compressed else _HEADERS
    return Response(contents(compressed), media_type="text/javascript", headers=headers)


ROUTE = Route(URL, _serve, methods=["GET"])
