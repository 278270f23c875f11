"""HTML to PDF through headless Chromium, so the report's Plotly charts print as drawn.

Why Chromium and not a Python library: the charts are drawn by plotly.js in
the page, and only a browser runs it (HTML-to-PDF libraries without a script
engine would print empty boxes). Chromium is already what the browser tests
drive; a Python binding (Playwright) would add a run-time dependency for one
command line. Chromium is found on the PATH as ``chromium`` (Debian's package,
``make chromium``).

The page is printed from a temporary file with the network shut off, so what
prints is exactly the offline report. ``--virtual-time-budget`` lets the page's
scripts (Plotly drawing) finish before Chromium prints.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180
# The screen is as wide as the printed page's layout: A4 less the report's 12 mm
# margins is 703 px at 96 px per inch, and the print stylesheet zooms by 0.72, so
# charts drawn on this screen fit the page exactly.
PAGE_WIDTH_PX = 976
_QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--hide-scrollbars",
    # Nothing may be fetched: every host resolves to nowhere, no proxy reaches out.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
)


class PdfError(RuntimeError):
    """Printing failed; the message says why in words a user can act on."""


def chromium() -> str | None:
    """The Chromium executable on the PATH, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(html: str, *, timeout: float = TIMEOUT_SECONDS, wait_ms: int = 20000) -> bytes:
    """``html`` (a whole offline document) printed to PDF; raises :class:`PdfError`."""
    executable = chromium()
    if executable is None:
        raise PdfError(
            "Chromium is needed to write a PDF and was not found on this machine; "
            "install it (`make chromium`, or `apt-get install chromium`), "
            "or write the report as .html"
        )
    with tempfile.TemporaryDirectory(prefix="cxdash-pdf-") as folder:
        work = Path(folder)
        page, out = work / "report.html", work / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            executable,
            *_QUIET,
            f"--user-data-dir={work / 'profile'}",
            f"--window-size={PAGE_WIDTH_PX},1000",
            "--run-all-compositor-stages-before-draw",
            f"--virtual-time-budget={wait_ms}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        returncode, stderr = _run(command, timeout)
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            detail = stderr.strip().splitlines()[-1:] or ["no message"]
            raise PdfError(f"Chromium printed no PDF (exit {returncode}): {detail[0]}")
        return out.read_bytes()


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run Chromium in a process group of its own, so a timeout stops its helpers too."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as error:
        raise PdfError(f"Chromium could not be started ({command[0]}): {error}") from None
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(f"Chromium did not finish printing within {timeout:.0f} s") from None
    return process.returncode, stderr or ""
