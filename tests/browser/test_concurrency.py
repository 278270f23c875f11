"""Loads while the dashboard serves readers, in a real Chromium.

The server runs on a demo database of its own. While ``python -m cxdash load``
appends a large file, browser sessions keep reloading their pages: none may
show an error (a calm "data is being updated" notice is fine), the load must
succeed, and afterwards the pages show the new figures; a load killed half-way
changes nothing the page shows. Two analysts pressing Load at once both get
their rows. The multi-session test stops by itself: when the load has ended
and every page has rendered once more, or at its time bound.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cxdash import locking
from cxdash.bench.server import streamlit_server
from cxdash.kpis import CATALOG
from tests.browser.conftest import ARTIFACTS
from tests.processes import Command, cxdash, start_cxdash

# Generous for a busy machine; on a quiet one the test ends well within it.
_BOUND_SECONDS = 120
_UPLOAD = '[data-testid="stFileUploader"] input[type="file"]'
_PAGES = ["", "people", "insights", "technology", "execution"]


def _start_load(csv: Path, db: Path, *extra: str) -> subprocess.Popen:
    return start_cxdash(
        "load", str(csv), "--dataset", "orders", "--db", str(db), "--wait", "60", *extra
    )


def _nightly_file(db: Path, folder: Path, name: str, rows: int) -> Path:
    """Orders on the latest order date (inside the default period), for existing customers."""
    # The server holds the file: ask for it the way every command does.
    with locking.claim(db, read_only=True, wait=30) as con:
        day = con.execute("SELECT max(order_date) FROM orders").fetchone()[0]
        customers = [
            r[0] for r in con.execute("SELECT customer_id FROM customers LIMIT 500").fetchall()
        ]
    path = folder / f"{name}.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("order_id,customer_id,order_date,amount\n")
        for i in range(rows):
            out.write(f"{name}-{i},{customers[i % len(customers)]},{day},{1000 + i % 97}\n")
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server on a small demo database; yields (base URL, database path, scratch folder)."""
    folder = tmp_path_factory.mktemp("concurrency")
    db = folder / "cxdash.duckdb"
    built = cxdash("demo", "--scale", "small", "--db", str(db))
    assert built.returncode == 0, built.stderr
    with streamlit_server(folder / "streamlit.log", {"CXDASH_DB": str(db)}) as served:
        yield served.url, db, folder


def _settled(page: Page, timeout: float = 90_000) -> None:
    expect(page.locator("h1").first).to_be_visible(timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def _errors(page: Page) -> list[str]:
    """Error boxes and exceptions on the page (the calm update notice is an info box)."""
    found = page.get_by_test_id("stException").all_inner_texts()
    found += page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    return found


def _metrics(page: Page, count: int | None = None) -> list[str]:
    """The Overview's KPI values, once drawn (all ``count`` of them, when given)."""
    values = page.get_by_test_id("stMetricValue")
    expect(values.first).to_be_visible(timeout=60_000)
    if count is not None:
        expect(values).to_have_count(count, timeout=60_000)
    _settled(page)
    return values.all_inner_texts()


def test_a_command_line_load_while_serving_shows_no_error_and_then_the_new_data(served, browser):
    url, db, folder = served
    nightly = _nightly_file(db, folder, "night1", 400_000)
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    notice = page.get_by_text("The data is being updated")
    try:
        page.goto(url)
        _settled(page)
        before = _metrics(page, len(CATALOG))  # every card, not the first few drawn
        assert not _errors(page)

        # A load killed half-way: the reloaded page shows exactly the figures of before.
        killed = _start_load(nightly, db, "--progress")
        while "writing" not in (line := killed.stderr.readline()):  # its transaction begins
            assert line, "the load ended before it wrote"
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=30)
        page.reload()
        _settled(page)
        expect(notice).to_have_count(0, timeout=30_000)
        assert _metrics(page, len(before)) == before
        assert not _errors(page)

        # The load run to the end. Another command holds the file first, so the load
        # waits and the page, reloaded meanwhile, shows the update notice for sure.
        other = Command(db)
        load = _start_load(nightly, db)
        assert "waiting up to 60 s" in load.stderr.readline()  # said once, then waits
        page.reload()
        expect(notice).to_be_visible(timeout=60_000)
        assert not _errors(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "concurrency_during_load.png"))
        other.release()
        out, err = load.communicate(timeout=300)
        assert load.returncode == 0, err
        assert "waiting" not in err
        assert "400,000 rows added" in err
        # Without a reload, the page refreshes by itself and shows the new figures.
        expect(notice).to_have_count(0, timeout=60_000)
        after = _metrics(page, len(before))
        assert not _errors(page)
        assert after != before, "the figures did not change after the load"
        page.reload()
        _settled(page)
        assert _metrics(page, len(before)) == after
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "concurrency_after_load.png"))
    finally:
        context.close()


def test_two_analysts_loading_at_once_are_served_one_after_the_other(served, browser):
    url, db, folder = served
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1600}) for _ in range(2)]
    pages = [c.new_page() for c in contexts]
    with locking.claim(db, read_only=True, wait=30) as con:
        customers = [
            r[0] for r in con.execute("SELECT customer_id FROM customers LIMIT 100").fetchall()
        ]
    uploads = []
    for n in range(2):
        body = "".join(
            f"analyst{n}-{i},{customers[i % len(customers)]},2024-02-{1 + i % 28:02d},{i % 50}\n"
            for i in range(20_000)
        )
        uploads.append(
            (f"analyst{n}.csv", ("order_id,customer_id,order_date,amount\n" + body).encode())
        )
    try:
        for page, (name, data) in zip(pages, uploads, strict=True):
            page.goto(f"{url}/data")
            _settled(page)
            page.locator(_UPLOAD).set_input_files(
                files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
            )
        buttons = [p.get_by_role("button", name=re.compile("Load into orders")) for p in pages]
        for button in buttons:
            expect(button).to_be_enabled(timeout=120_000)
        for button in buttons:  # both analysts press Load at the same moment
            button.click()
        for page in pages:
            done = page.get_by_test_id("stAlertContentSuccess")
            expect(done.get_by_text(re.compile(r"20,000 rows added")).first).to_be_visible(
                timeout=120_000
            )
            assert not _errors(page)
        with locking.claim(db, read_only=True, wait=30) as con:
            history = con.execute(
                "SELECT file_name, rows_added FROM load_history "
                "WHERE file_name LIKE 'analyst%' ORDER BY file_name"
            ).fetchall()
            loaded = con.execute(
                "SELECT count(*) FROM orders WHERE order_id LIKE 'analyst%'"
            ).fetchone()[0]
        assert history == [("analyst0.csv", 20_000), ("analyst1.csv", 20_000)]
        assert loaded == 40_000
    finally:
        for context in contexts:
            context.close()


def test_twenty_sessions_browse_while_a_load_runs_without_an_error(served, browser):
    url, db, folder = served
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(4)]
    pages = [c.new_page() for c in contexts for _ in range(5)]
    started = time.monotonic()
    try:
        for n, page in enumerate(pages):
            page.goto(f"{url}/{_PAGES[n % len(_PAGES)]}", wait_until="commit")
        for page in pages:
            _settled(page, timeout=_BOUND_SECONDS * 1000)
        opened = time.monotonic() - started
        load = _start_load(_nightly_file(db, folder, "night2", 300_000), db)
        # The browsing stops by itself: after one round past the load's end, or at this bound.
        deadline = time.monotonic() + _BOUND_SECONDS
        rounds = renders = 0
        problems: list[str] = []
        # Every round reloads all twenty pages at once, then waits for each to settle;
        # it stops after one full round once the load has ended, or at the time bound.
        while time.monotonic() < deadline:
            running = load.poll() is None
            for page in pages:
                page.reload(wait_until="commit")
            for page in pages:
                _settled(page, timeout=max(deadline - time.monotonic(), 1) * 1000)
                problems += _errors(page)
                renders += 1
            rounds += 1
            if not running:
                break
        out, err = load.communicate(timeout=60)
        assert load.returncode == 0, err
        assert not problems, problems
        assert renders >= len(pages)  # every session rendered while or after the load ran
        print(
            f"twenty sessions opened in {opened:.0f} s; {rounds} rounds, {renders} renders "
            f"in {time.monotonic() - started - opened:.0f} s during and after the load"
        )
    finally:
        for context in contexts:
            context.close()
