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
from streamlit import config

PLOTLY_JS = Path(__file__).with_name("web") / "plotly.min.js"
_DIGEST = hashlib.sha256(PLOTLY_JS.read_bytes()).hexdigest()[:12]
_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "Vary": "Accept-Encoding",
}


def url() -> str:
    """The bundle's address, under ``server.baseUrlPath`` as Streamlit's own are.

    Streamlit leaves the routes an app adds where they are, so the base path is
    part of the route itself.
    """
    base = config.get_option("server.baseUrlPath").strip("/")
    return f"{'/' + base if base else ''}/_cxdash/plotly.{_DIGEST}.min.js"


@functools.cache
def contents(compressed: bool, /) -> bytes:
    raw = PLOTLY_JS.read_bytes()
    return gzip.compress(raw, mtime=0) if compressed else raw


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header admits gzip (``gzip;q=0`` refuses it)."""
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return False
    return False


async def _serve(request: Request) -> Response:
    compressed = accepts_gzip(request.headers.get("accept-encoding", ""))
    headers = {**_HEADERS, "Content-Encoding": "gzip"} if compressed else _HEADERS
    return Response(contents(compressed), media_type="text/javascript", headers=headers)


def route() -> Route:
    """The route that serves the bundle (made once the server's options are read)."""
    return Route(url(), _serve, methods=["GET"])
