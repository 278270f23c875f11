"""The analyst's load in a real Chromium: the Tashkent Excel export, a mapping fixed by hand,
the Overview's number changing; and a broken file with its report.

The server is shared with the other browser tests. The orders loaded here are
dated January 2020, before the demo data begins, and the Overview is opened
with an explicit period of that month, so no other test sees them.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from cxdash.i18n import t

_FIRST_VIEW_TIMEOUT = 90_000  # the very first view builds the demo database
_PERIOD = "from=2020-01-01&to=2020-01-31"
_UPLOAD = '[data-testid="stFileUploader"] input[type="file"]'

# Excel in Tashkent: Windows-1251, semicolons, decimal commas, dd.mm.yyyy. The amount's
# header is not one the loader knows, so the analyst maps it by hand.
EXCEL_EXPORT = (
    "Номер заказа;Клиент;Дата;Итог к оплате;Канал\r\n"
    "БТ-1;Иванов Иван;15.01.2020;1 234,50;магазин\r\n"
    "БТ-2;Петров;16.01.2020;99,90;web\r\n"
).encode("cp1251")
BROKEN_EXPORT = (
    b"order_id,customer_id,order_date,amount\n"
    b"BB-1,C1,2020-01-05,5\nBB-2,C1,2020-13-01,-3\nBB-3,C2\n"
)


def _settle(page: Page) -> None:
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible(timeout=_FIRST_VIEW_TIMEOUT)
    _settle(page)


def _orders_card(page: Page) -> str:
    label = page.get_by_test_id("stMetricLabel").get_by_text(t("kpi.orders.label"), exact=True)
    card = page.get_by_test_id("stMetric").filter(has=label).first
    expect(card).to_be_visible(timeout=30_000)
    return card.get_by_test_id("stMetricValue").inner_text()


def _upload(page: Page, name: str, data: bytes) -> None:
    page.locator(_UPLOAD).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    expect(page.get_by_text(name).first).to_be_visible(timeout=30_000)
    _settle(page)


def _map(page: Page, row: int, column: str) -> None:
    """Pick ``column`` in the mapping table's "Loads into" cell of data row ``row`` (from 0)."""
    grid = page.locator('[class*="st-key-data_mapping"] [data-testid="stDataFrame"]')
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    row_height = 35  # Streamlit's default row height; the header is one row
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + row_height * (row + 1.5))
    # The cell's editor is a select drawn in the page's overlay layer.
    expect(page.locator("#portal .glide-select").get_by_role("combobox")).to_be_focused()
    page.keyboard.type(column)
    option = page.get_by_role("option", name=column, exact=True)
    expect(option).to_be_visible()
    option.click()
    _settle(page)


def test_load_a_tashkent_excel_export_fix_a_mapping_and_see_the_overview_change(server, page):
    _open(page, f"{server}/?{_PERIOD}")
    assert _orders_card(page) == "0"

    _open(page, f"{server}/data")
    _upload(page, "выгрузка.csv", EXCEL_EXPORT)
    panel = page.locator('[class*="st-key-data_file_"]').filter(has_text="выгрузка.csv")
    expect(panel.get_by_text("windows-1251").first).to_be_visible()
    expect(panel.get_by_text(re.compile("cannot be loaded as it is"))).to_be_visible()
    confirm = page.get_by_role("button", name=re.compile(r"Load into orders"))
    expect(confirm).to_be_disabled()

    _map(page, 3, "amount")  # "Итог к оплате" -> amount
    expect(panel.get_by_text(re.compile("2 rows would be added"))).to_be_visible(timeout=30_000)
    expect(confirm).to_be_enabled()
    confirm.click()
    success = page.get_by_test_id("stAlertContentSuccess")
    expect(success.get_by_text(re.compile(r"orders \(append\):\W*2 rows added"))).to_be_visible(
        timeout=60_000
    )

    _open(page, f"{server}/?{_PERIOD}")
    assert _orders_card(page) == "2"


def test_a_broken_file_says_what_to_fix_and_loads_nothing(server, page):
    _open(page, f"{server}/data")
    _upload(page, "broken.csv", BROKEN_EXPORT)
    expect(page.get_by_text(re.compile("broken.csv cannot be loaded as it is"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile(r"Load into orders"))).to_be_disabled()
    page.get_by_text(t("data.report.as_text")).click()
    report = page.get_by_test_id("stCode").inner_text()
    assert (
        'broken.csv: row 2, column order_date: "2020-13-01" is not a date written YYYY-MM-DD'
        in (report)
    )
    assert 'broken.csv: row 2, column amount: "-3" must be 0 or more' in report
    assert "broken.csv: line 4: has 2 fields where the header has 4" in report
    assert "broken.csv: nothing was loaded; the database is unchanged" in report
