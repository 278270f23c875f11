"""Markup in a shared link is shown as typed by Streamlit's real Markdown renderer.

The URL's filter values are named in the app's notices (Markdown): a crafted
link must not turn them into a link, an image, coloured text, an icon or HTML.
Only the URL changes, so the shared server's data (and other tests) are untouched.
"""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import Page, expect

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
