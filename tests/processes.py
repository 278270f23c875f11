"""The command line in a real process, and processes that hold the database file.

Shared by the tests that run ``python -m cxdash`` or need another process on
the file. Commands run with the repository as working directory and without
``CXDASH_DB``, so each test names its database with ``--db``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cxdash import store

REPO = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != store.ENV_DB}


def cxdash(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m cxdash ARGS`` to the end, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cxdash(*args: str) -> subprocess.Popen:
    """``python -m cxdash ARGS`` started, its output readable while it runs."""
    return subprocess.Popen(
        [sys.executable, "-m", "cxdash", *args],
        cwd=REPO,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# Opens the file for writing, says so, and keeps it until stdin closes.
_HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.read()
con.close()
"""

# A command's way in: asks the app to let go (the claim marker), then holds the file.
_CLAIMER = """
import sys
from cxdash import locking
with locking.claim(sys.argv[1], wait=60):
    print("held", flush=True)
    sys.stdin.read()
"""


class Holder:
    """Another process holding the database open for writing until released."""

    script = _HOLDER

    def __init__(self, db: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", self.script, str(db)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class Command(Holder):
    """A command in another process, holding the file the way ``load`` does."""

    script = _CLAIMER
