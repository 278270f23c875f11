"""A real Streamlit server and a real Chromium for the browser tests.

The server runs in its own process group on a free loopback port against a
database file of its own, and is stopped by its process group in teardown.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cxdash.bench.server import CHROMIUM, LAUNCH_ARGS, ROOT, streamlit_server

ARTIFACTS = ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a running app whose database does not exist yet (first-run set-up runs)."""
    db = tmp_path_factory.mktemp("browser") / "cxdash.duckdb"
    log = tmp_path_factory.getbasetemp() / "streamlit.log"
    with streamlit_server(log, {"CXDASH_DB": str(db)}) as served:
        yield served.url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Chromium is missing: `make test` installs it (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(LAUNCH_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
