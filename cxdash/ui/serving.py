"""How the server serves cxdash: its start-up, and the HTML page it sends first.

``app.py`` hands these to ``st.App``, which ``streamlit run app.py`` serves.

- Start-up (:func:`lifespan`), before the first browser connects: Nagle's
  algorithm off on the server's sockets (cxdash/ui/transport.py), and the
  frame and every page's modules imported, so that the first page view after
  a start does not wait for them.
- The HTML page (:class:`ChartLibraryFirst`): Streamlit's front end loads
  Plotly (a 4.7 MB script, about 0.7 s of the browser's main thread to run)
  only when the first chart arrives, after the server has answered. Every
  page of cxdash draws charts, so the page asks for it as soon as it is
  parsed: the browser runs it while it waits for the server's first answers.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator
from pathlib import Path

import streamlit
from starlette.middleware import Middleware

from cxdash.ui import transport

_CHUNKS = Path(streamlit.__file__).parent / "static" / "static" / "js"

# What a script run imports: the frame, and the modules the pages draw with
# (tests/unit/test_serving.py checks that every page's imports are here).
WARM_MODULES = (
    "cxdash.ui.shell",
    "cxdash.ui.overview",
    "cxdash.ui.workshop_flow",
    "cxdash.ui.settings_panel",
    "cxdash.ui.data_loading",
    "cxdash.ui.steps.orientation",
    "cxdash.ui.steps.people",
    "cxdash.ui.steps.processes",
    "cxdash.ui.steps.objectives",
    "cxdash.ui.steps.structure",
    "cxdash.ui.steps.insights",
    "cxdash.ui.steps.technology",
    "cxdash.ui.steps.execution",
)


def chart_library() -> str | None:
    """File name of the front end's Plotly chunk; None unless there is exactly one."""
    found = [p.name for p in _CHUNKS.glob("PlotlyChart.*.js")]
    return found[0] if len(found) == 1 else None


def load_early(chunk: str) -> bytes:
    """The tag that has the browser load and run ``chunk`` as soon as the page is parsed."""
    # Relative, as Streamlit's own script tags are: they follow server.baseUrlPath.
    # The front end later imports the same URL and finds the module ready.
    url = f"./static/js/{chunk}"
    return f'<script type="module">import("{url}");</script>'.encode()


class ChartLibraryFirst:
    """ASGI middleware: each HTML page sent gets :func:`load_early`'s tag in its head."""

    def __init__(self, app, chunk: str | None = None) -> None:
        self.app = app
        chunk = chunk or chart_library()
        self.tag = load_early(chunk) if chunk else None

    async def __call__(self, scope, receive, send) -> None:
        if self.tag is None or not _asks_for_a_page(scope):
            await self.app(scope, receive, send)
            return
        # The page is 8 KB: asked for uncompressed, it can be edited.
        headers = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        started: dict = {}
        body: list[bytes] = []

        async def edit(message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)  # sent with the body, whose length may change
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._send_page(started, b"".join(body), send)
            else:
                await send(message)

        await self.app({**scope, "headers": headers}, receive, edit)

    async def _send_page(self, started: dict, page: bytes, send) -> None:
        headers = list(started["headers"])
        kind = dict(headers).get(b"content-type", b"")
        if started["status"] == 200 and kind.startswith(b"text/html") and b"</head>" in page:
            page = page.replace(b"</head>", self.tag + b"</head>", 1)
            headers = [
                (k, str(len(page)).encode() if k == b"content-length" else v) for k, v in headers
            ]
        await send({**started, "headers": headers})
        await send({"type": "http.response.body", "body": page})


def _asks_for_a_page(scope) -> bool:
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    accept = dict(scope["headers"]).get(b"accept", b"")
    return b"text/html" in accept


def middleware() -> list[Middleware]:
    return [Middleware(ChartLibraryFirst)]


@contextlib.asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """Start-up: small writes sent at once, and a script run's modules imported."""
    transport.send_small_writes_at_once()
    for name in WARM_MODULES:
        importlib.import_module(name)
    yield
