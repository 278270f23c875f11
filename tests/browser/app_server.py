"""Starting an extra app server for the browser tests that need settings of their own.

The shared ``server`` fixture (conftest.py) runs the demo with sign-in off; a
test module that needs a users file or a database of its own starts one more
server with :func:`running_app`, in its own process group, stopped on exit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cxdash.bench.server import streamlit_server


@contextmanager
def running_app(log: Path, env: dict[str, str]) -> Iterator[str]:
    """The base URL of ``streamlit run app.py`` with ``env`` added to this environment."""
    with streamlit_server(log, env) as served:
        yield served.url
