"""Markup in a shared link is shown as typed by Streamlit's real Markdown renderer.

The URL's filter values are named in the app's notices (Markdown): a crafted
link must not turn them into a link, an image, coloured text, an icon or HTML.
Only the URL changes, so the shared server's data (and other tests) are untouched.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.app.test_hostile_text import build_hostile
from tests.browser.app_server import running_app
from tests.browser.conftest import ARTIFACTS

_WORD_JOINER = "\u2060"
_VALUES = [
    "[click](javascript:alert(1))",
    "![x](http://127.0.0.1:9/x.png)",
    ":red[x] **bold** :material/warning: `code`",
    '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>',
]
_BAD_DATE = "<script>alert(1)</script>"


def test_link_values_show_as_typed_in_the_notices(server, page: Page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    query = urlencode([("from", _BAD_DATE), *(("segment", v) for v in _VALUES)])
    page.goto(f"{server}/overview?{query}")
    notices = page.get_by_test_id("stAlertContentWarning")
    expect(notices).to_have_count(1 + len(_VALUES), timeout=90_000)
    shown = [text.replace(_WORD_JOINER, "") for text in notices.all_inner_texts()]
    for value in (_BAD_DATE, *_VALUES):
        assert any(value in text for text in shown), (value, shown)
    # Nothing in the notices became markup: no link, image, code, emphasis or icon of the data.
    for selector in (
        "a",
        "img",
        "code",
        "strong",
        "em",
        "script",
        "span[data-testid='stIconMaterial']",
    ):
        for index in range(notices.count()):
            body = notices.nth(index).locator("[data-testid='stMarkdownContainer']")
            expect(body.locator(selector)).to_have_count(0)
    assert not dialogs


# -- hostile links: impossible dates, SQL fragments, script tags, path tricks ------------------

_HOSTILE_URL = [
    ("from", "2024-13-45"),
    ("segment", "' OR 1=1 --"),
    ("channel", "<script>alert(1)</script>"),
    ("lang", "../../etc/passwd"),
]


def _watch_dialogs(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _settled(page: Page) -> None:
    """Wait until the script run is over (the "running" widget has gone) and charts drew."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)
    page.wait_for_timeout(1000)


def _no_error_box(page: Page) -> None:
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_hostile_url_parameters_are_ignored_with_a_notice(server, page: Page):
    dialogs = _watch_dialogs(page)
    page.goto(f"{server}/overview?{urlencode(_HOSTILE_URL)}")
    notices = page.get_by_test_id("stAlertContentWarning")
    # One notice per hostile value, the language included.
    expect(notices).to_have_count(4, timeout=90_000)
    shown = " ".join(notices.all_inner_texts()).replace(_WORD_JOINER, "")
    for name, value in _HOSTILE_URL:
        assert value in shown, (name, shown)
    expect(notices.locator("script")).to_have_count(0)
    # The page itself runs as without the link: English, figures drawn, no error.
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=90_000)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    _settled(page)
    _no_error_box(page)
    assert "etc/passwd" not in page.url
    assert not dialogs


def test_path_tricks_serve_no_file(server, page: Page):
    dialogs = _watch_dialogs(page)
    for trick in ("/..%2F..%2Fetc/passwd", "/data/..%2F..%2Fapp.py", "/static/..%2F..%2Fapp.py"):
        answer = page.goto(f"{server}{trick}")
        assert answer is not None and answer.status == 400, trick
        body = page.content()
        assert "root:" not in body and "import streamlit" not in body, trick
    # An unknown page name gets Streamlit's "page not found" notice and the Overview.
    page.goto(f"{server}/passwd")
    expect(page.get_by_role("dialog")).to_contain_text("Page not found", timeout=90_000)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=90_000)
    _no_error_box(page)
    assert not dialogs


# -- markup in the team's text and the customers' comments -------------------------------------

_IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A server of its own on a database with markup in the artefacts and the comments."""
    folder = tmp_path_factory.mktemp("hostile-browser")
    db = build_hostile(folder / "hostile.duckdb")
    env = {"CXDASH_DB": str(db), "CXDASH_USERS": str(folder / "no-users.toml")}
    with running_app(folder / "streamlit.log", env) as url:
        yield url


@pytest.mark.parametrize("path", ["people", "insights", "orientation"])
def test_markup_in_artefacts_and_comments_shows_as_text(hostile_server, page: Page, path):
    dialogs = _watch_dialogs(page)
    page.goto(f"{hostile_server}/{path}")
    expect(
        page.get_by_test_id("stMetric").or_(page.get_by_test_id("stDataFrame")).first
    ).to_be_visible(timeout=90_000)
    _settled(page)
    _no_error_box(page)
    # No element the data named was made: no image, script, link to javascript: or iframe.
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] script")).to_have_count(0)
    expect(page.locator('a[href^="javascript:"]')).to_have_count(0)
    expect(page.locator("[data-testid='stMain'] iframe")).to_have_count(0)
    assert not dialogs


def test_the_team_text_reads_as_typed(hostile_server, page: Page):
    dialogs = _watch_dialogs(page)
    page.goto(f"{hostile_server}/people")
    # The journey notes are Markdown: the place where markup would come alive.
    shown = page.get_by_test_id("stMarkdownContainer").filter(has_text=_IMG)
    expect(shown.first).to_be_visible(timeout=90_000)
    _settled(page)
    expect(shown.first).to_be_visible()
    # For the reader of the artefacts; a late redraw may swap the element, so a retry.
    for _ in range(3):
        try:
            shown.first.screenshot(path=str(ARTIFACTS / "hostile_journey_note.png"), timeout=10_000)
            break
        except PlaywrightError:
            page.wait_for_timeout(1000)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert not dialogs


def test_a_survey_comment_with_markup_reads_as_typed(hostile_server, page: Page):
    dialogs = _watch_dialogs(page)
    page.goto(f"{hostile_server}/insights")
    search = page.get_by_label("Search survey comments")
    expect(search).to_be_visible(timeout=90_000)
    search.fill("onerror")
    search.press("Enter")
    # The comments grid (the page's first) lists the matches. It draws on a canvas; the cell
    # texts sit in the grid's hidden table for screen readers, as plain text.
    comments = page.get_by_test_id("stDataFrame").first
    expect(page.get_by_text("comments in the period match", exact=False)).to_be_visible(
        timeout=60_000
    )
    cells = comments.locator("[role='gridcell']").filter(has_text="onerror")
    expect(cells.first).to_have_text(_IMG, timeout=60_000)
    comments.screenshot(path=str(ARTIFACTS / "hostile_survey_comments.png"))
    expect(page.locator('img[src="x"]')).to_have_count(0)
    _no_error_box(page)
    assert not dialogs
