"""Sign-in in a real browser: a viewer cannot reach the upload; an analyst's load names them.

A server of its own runs with a users file (sign-in on) on a demo database of
its own, so the shared server stays the open demo.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cxdash import auth, store
from cxdash.demo import build
from tests.browser.app_server import running_app
from tests.browser.conftest import ARTIFACTS

PASSWORD = "browser-pass-1"
_ORDERS = b"order_id,customer_id,order_date,amount,channel\r\nBR-1,C-1,2024-05-01,10.50,web\r\n"


@pytest.fixture(scope="module")
def signin(tmp_path_factory):
    """The base URL of a server with sign-in on."""
    folder = tmp_path_factory.mktemp("signin")
    users = folder / "users.toml"
    auth.add("Vera", "viewer", PASSWORD, path=users)
    auth.add("Aziza", "analyst", PASSWORD, path=users)
    db = folder / "cxdash.duckdb"
    with store.connect(db) as con:
        build(con, scale="small", seed=7)
    env = {"CXDASH_DB": str(db), "CXDASH_USERS": str(users)}
    with running_app(folder / "streamlit.log", env) as url:
        yield url


def _sign_in(page: Page, name: str, password: str = PASSWORD) -> None:
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=90_000)
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def _nav(page: Page):
    return page.get_by_test_id("stSidebarNav")


def test_a_visitor_sees_only_the_sign_in_form(signin, page: Page):
    url = signin
    page.goto(f"{url}/data")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=90_000)
    expect(_nav(page)).to_have_count(0)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    _sign_in(page, "Vera", "wrong-password")
    expect(page.get_by_text("The name or password is wrong.")).to_be_visible(timeout=30_000)
    expect(_nav(page)).to_have_count(0)


def test_a_viewer_cannot_reach_the_upload(signin, page: Page):
    url = signin
    page.goto(url)
    _sign_in(page, "Vera")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Signed in as Vera · Viewer")).to_be_visible(timeout=90_000)
    # The menu has no Data screen for a viewer.
    expect(_nav(page).get_by_role("link", name="Overview")).to_be_visible()
    expect(_nav(page).get_by_role("link", name="Data")).to_have_count(0)
    # Typing its address opens a new session: sign in again, and the screen says no.
    page.goto(f"{url}/data")
    _sign_in(page, "Vera")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=90_000)
    expect(page.get_by_text("Your role (Viewer) can see what is loaded").first).to_be_visible()
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(page.locator("input[type='file']")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "viewer_data_screen.png"))
    # Signing out ends it: the form again, no menu, nothing of the Data screen.
    sidebar.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Your role (Viewer)")).to_have_count(0, timeout=30_000)
    expect(sidebar.get_by_text("Signed in as")).to_have_count(0)
    expect(_nav(page)).to_have_count(0)


def test_an_analyst_load_is_recorded_under_their_name(signin, page: Page):
    url = signin
    page.goto(url)
    _sign_in(page, "Aziza")
    _nav(page).get_by_role("link", name="Data").click()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_be_visible(timeout=90_000)
    # No "loaded by" box: the history takes the account's name.
    expect(page.get_by_label("Loaded by")).to_have_count(0)
    uploader.locator("input[type='file']").set_input_files(
        files=[{"name": "orders.csv", "mimeType": "text/csv", "buffer": _ORDERS}]
    )
    confirm = page.locator("[class*='st-key-data_confirm_'] button")
    expect(confirm).to_be_enabled(timeout=90_000)
    confirm.click()
    done = page.get_by_test_id("stAlertContentSuccess")
    expect(done).to_contain_text("orders.csv", timeout=90_000)
    # The history names her (the server holds the database: read it on screen).
    page.get_by_role("tab", name="History and undo").click()
    history = page.get_by_test_id("stDataFrame").filter(
        has=page.locator("[role='gridcell']", has_text="orders.csv")
    )
    expect(history.locator("[role='gridcell']", has_text="Aziza").first).to_be_attached(
        timeout=60_000
    )
    history.screenshot(path=str(ARTIFACTS / "signed_in_load_history.png"))
