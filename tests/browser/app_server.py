"""Starting an extra app server for the browser tests that need settings of their own.

The shared ``server`` fixture (conftest.py) runs the demo with sign-in off; a
test module that needs a users file or a database of its own starts one more
server with :func:`running_app`, in its own process group, stopped on exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.conftest import ROOT, _free_port, _wait_healthy


@contextmanager
def running_app(log: Path, env: dict[str, str]) -> Iterator[str]:
    """The base URL of ``streamlit run app.py`` with ``env`` added to this environment."""
    port = _free_port()
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process)
            yield url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
