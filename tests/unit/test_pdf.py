"""The PDF report: printed by headless Chromium, A4, each step on a new page, charts drawn.

Reads the PDF back with poppler's pdfinfo, pdftotext and pdftoppm (``make chromium``
installs them with Chromium).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cxdash import pdf, store
from cxdash.demo import build
from cxdash.i18n import t
from cxdash.opposite import STEPS

ROOT = Path(__file__).resolve().parents[2]
POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


@pytest.fixture(scope="module", autouse=True)
def _tools():
    assert pdf.chromium(), "Chromium is needed: run `make chromium`"
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"{missing} are needed to read PDFs back: run `make chromium`"


def _cxdash(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args], cwd=ROOT, capture_output=True, text=True, env=env
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "demo.duckdb"
    with store.connect(path) as con:
        build(con, scale="small", seed=3)
    return path


@pytest.fixture(scope="module")
def uzbek_pdf(demo_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf-out") / "hisobot.pdf"
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db), "--lang", "uz")
    assert done.returncode == 0, done.stderr
    assert f"report written to {out}" in done.stderr
    return out


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _pages(path: Path) -> int:
    info = _run("pdfinfo", str(path))
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def _page_text(path: Path, page: int) -> str:
    return _run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-")


def _colourful_pixels(path: Path, page: int, folder: Path) -> int:
    """Pixels of a page in clear colour (charts), not the greys and black of text and tables."""
    stem = folder / f"page-{page}"
    _run("pdftoppm", "-r", "40", "-png", "-singlefile", "-f", str(page), "-l", str(page),
         str(path), str(stem))  # fmt: skip
    with Image.open(f"{stem}.png") as image:
        rgb = np.asarray(image.convert("RGB"), dtype=int)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 60).sum())


def test_the_pdf_is_a4_and_in_uzbek(uzbek_pdf):
    assert uzbek_pdf.read_bytes().startswith(b"%PDF")
    assert "A4" in _run("pdfinfo", str(uzbek_pdf))
    first = _page_text(uzbek_pdf, 1)
    assert t("report.title", "uz") in first
    assert t("report.kpis", "uz") in first
    assert t("report.title", "en") not in first


def test_each_step_starts_a_new_page(uzbek_pdf):
    tops = [
        _page_text(uzbek_pdf, n).strip().splitlines()[0] for n in range(1, _pages(uzbek_pdf) + 1)
    ]
    for step in STEPS:
        assert t(step.text_key("title"), "uz") in tops, step.key


def test_the_charts_are_drawn_on_the_pages(uzbek_pdf, tmp_path):
    pages = _pages(uzbek_pdf)
    starts = {}
    for n in range(1, pages + 1):
        top = _page_text(uzbek_pdf, n).strip().splitlines()[0]
        for step in STEPS:
            if top == t(step.text_key("title"), "uz"):
                starts[step.number] = n
    # Step 3 opens with its questions, then the tickets by month chart (coloured bars).
    assert _colourful_pixels(uzbek_pdf, starts[3], tmp_path) > 2000
    # Step 8 opens with the NPS line against its target.
    assert _colourful_pixels(uzbek_pdf, starts[8], tmp_path) > 2000


def test_print_pdf_draws_a_plotly_chart(tmp_path):
    import plotly.graph_objects as go

    from cxdash.report.markup import Figures

    figure = go.Figure(go.Bar(x=["a", "b"], y=[3, 5], marker_color="#d62728"))
    html = f"<!DOCTYPE html><html><body>{Figures().html(figure)}</body></html>"
    out = tmp_path / "chart.pdf"
    out.write_bytes(pdf.print_pdf(html))
    assert _pages(out) == 1
    assert _colourful_pixels(out, 1, tmp_path) > 1000
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(pdf.print_pdf("<!DOCTYPE html><html><body><p>text</p></body></html>"))
    assert _colourful_pixels(empty, 1, tmp_path) == 0


def test_without_chromium_the_message_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pdf.PdfError, match="Chromium is needed") as raised:
        pdf.print_pdf("<p>x</p>")
    assert "make chromium" in str(raised.value) and ".html" in str(raised.value)


def test_cli_without_chromium_writes_nothing_and_shows_no_traceback(demo_db, tmp_path):
    out = tmp_path / "report.pdf"
    env = {**os.environ, "PATH": str(tmp_path)}
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db), env=env)
    assert done.returncode == 1
    assert "Chromium is needed" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_print_that_takes_too_long_is_stopped_with_a_message():
    # A page that never stops running scripts, and no virtual-time budget to end it.
    never = "<script>for (;;) {}</script>"
    with pytest.raises(pdf.PdfError, match="did not finish printing within 3 s"):
        pdf.print_pdf(never, timeout=3, wait_ms=600_000)
