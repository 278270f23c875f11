"""The Data screen in AppTest: upload, detection, mapping, check, load, history, undo, templates.

Loads write, so these tests run on a copy of the session's demo database.

AppTest resets Streamlit's multipage mode at every run and, because a folder
named ``pages/`` sits beside app.py, starts each run in the legacy mode; the
frame then reruns through ``st.navigation`` (see cxdash/ui/frame.py). That
first run consumes a button's click, so the fixture here keeps the process in
``st.navigation`` mode, as the real server is after its first request.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from cxdash import store
from cxdash.i18n import t
from tests.app.conftest import APP, assert_clean

PAGE = "pages/data.py"


@pytest.fixture
def navigation_mode(monkeypatch):
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def own_db(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv(store.ENV_DB, str(path))
    return path


@pytest.fixture
def screen(own_db, navigation_mode):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    return at


def _last_order_day(path) -> dt.date:
    with store.connect(path) as con:  # the app holds it open: same configuration
        return con.execute("SELECT max(order_date) FROM orders").fetchone()[0]


def _excel_orders(day: dt.date, amount_header: str = "Сумма") -> bytes:
    """What Excel in Tashkent saves: Windows-1251, semicolons, decimal commas, dd.mm.yyyy."""
    when = day.strftime("%d.%m.%Y")
    text = (
        f"Номер заказа;Клиент;Дата;{amount_header};Канал\r\n"
        f"ТШ-1;Иванов;{when};1 234,50;магазин\r\n"
        f"ТШ-2;Петров;{when};99,90;web\r\n"
    )
    return text.encode("cp1251")


def _orders(path) -> int:
    with store.connect(path) as con:  # the app holds it open: same configuration
        return con.execute("SELECT count(*) FROM orders").fetchone()[0]


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


@pytest.mark.parametrize("fixture", ["app", "empty_app"])
def test_the_screen_runs_clean(request, fixture):
    at = request.getfixturevalue(fixture).run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert at.title[0].value == t("data.title")
    assert [tab.label for tab in at.tabs] == [
        t("data.tab.load"),
        t("data.tab.history"),
        t("data.tab.templates"),
    ]
    assert len(at.file_uploader) == 1 and at.file_uploader[0].accept_multiple_files


def test_upload_check_load_and_see_the_overview_change(screen, own_db):
    at = screen
    orders_label = t("kpi.orders.label")
    at.switch_page("pages/overview.py").run()
    shown_before = _number(_metric(at, orders_label))
    at.switch_page(PAGE).run()

    # Dated on the last order day, so inside the Overview's default period.
    day = _last_order_day(own_db)
    before = _orders(own_db)
    at.file_uploader[0].set_value(("выгрузка.csv", _excel_orders(day), "text/csv"))
    at.run()
    assert_clean(at)
    captions = " ".join(c.value for c in at.caption)
    assert "windows-1251" in captions and "dd.mm.yyyy" in captions
    assert any("2 rows would be added" in i.value for i in at.info)
    preview = next(d.value for d in at.dataframe if "order_id" in d.value.columns)
    assert list(preview["amount"]) == [1234.5, 99.9]
    assert list(preview["order_date"]) == [day.isoformat()] * 2

    at.button(key=next(b.key for b in at.button if b.key.startswith("data_confirm_"))).click()
    at.run()
    assert_clean(at)
    assert any("2 rows added" in s.value for s in at.success)
    assert _orders(own_db) == before + 2
    counts = at.dataframe[0].value
    assert dict(zip(counts.iloc[:, 0], counts.iloc[:, 1], strict=True))["orders"] == before + 2

    # Every screen shows the new data without a restart.
    at.switch_page("pages/overview.py").run()
    assert_clean(at)
    assert _number(_metric(at, orders_label)) == shown_before + 2


def _number(text: str) -> int:
    return int("".join(ch for ch in text if ch.isdigit()))


def test_a_missing_column_is_fixed_in_the_mapping(screen, own_db):
    at = screen
    data = _excel_orders(_last_order_day(own_db), amount_header="Итог к оплате")
    at.file_uploader[0].set_value(("выгрузка.csv", data, "text/csv"))
    at.run()
    assert not at.exception  # the refusal itself is an error box, by design
    assert any("cannot be loaded" in e.value for e in at.error)
    confirm = next(b for b in at.button if b.key.startswith("data_confirm_"))
    assert confirm.disabled
    editor = at.data_editor[0]
    sources = list(editor.value["source"])
    assert list(editor.value["target"]) == [
        "order_id",
        "customer_id",
        "order_date",
        t("data.map.ignore"),
        "channel",
    ]
    at.session_state[editor.key] = {
        "edited_rows": {sources.index("Итог к оплате"): {"target": "amount"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.error, [e.value for e in at.error]
    confirm = next(b for b in at.button if b.key.startswith("data_confirm_"))
    assert not confirm.disabled
    before = _orders(own_db)
    confirm.click()
    at.run()
    assert _orders(own_db) == before + 2


def test_a_broken_file_gets_a_row_level_report(screen, own_db):
    at = screen
    broken = (
        b"order_id,customer_id,order_date,amount\n"
        b"B1,C1,2024-01-01,5\nB2,C1,2024-13-01,-3\nB3,C2\nB1,C3,2024-01-02,abc\n"
    )
    at.file_uploader[0].set_value(("broken.csv", broken, "text/csv"))
    at.run()
    assert any("cannot be loaded" in e.value for e in at.error)
    report = next(d.value for d in at.dataframe if t("data.report.reason") in d.value.columns)
    rows = [tuple(r) for r in report.iloc[:, 1:].itertuples(index=False)]
    assert rows == [
        ("row 2", "order_date", "2024-13-01", '"2024-13-01" is not a date written YYYY-MM-DD'),
        ("row 2", "amount", "-3", '"-3" must be 0 or more'),
        ("line 4", "", "", "has 2 fields where the header has 4"),
        ("row 4", "order_id", "B1",
         '"B1" is in the file more than once (first on row 1); each key may appear once'),
        ("row 4", "amount", "abc", '"abc" is not a number'),
    ]  # fmt: skip
    assert next(b for b in at.button if b.key.startswith("data_confirm_")).disabled


def test_a_file_that_is_not_text_is_refused(screen):
    at = screen
    at.file_uploader[0].set_value(("report.xlsx", b"PK\x03\x04" + b"\x00" * 64, "text/csv"))
    at.run()
    assert any("Excel workbook" in e.value for e in at.error)


def test_history_and_undo_with_a_confirmation(screen, own_db):
    at = screen
    before = _orders(own_db)
    at.file_uploader[0].set_value(("выгрузка.csv", _excel_orders(dt.date(2024, 5, 1)), "text/csv"))
    at.run()
    at.button(key=next(b.key for b in at.button if b.key.startswith("data_confirm_"))).click()
    at.run()
    assert _orders(own_db) == before + 2
    history = next(d.value for d in at.dataframe if t("data.history.file_name") in d.value.columns)
    assert list(history[t("data.history.file_name")])[:1] == ["выгрузка.csv"]

    at.button(key="data_undo_ask").click()
    at.run()
    assert any("Undo load" in w.value for w in at.warning)
    at.button(key="data_undo_no").click()
    at.run()
    assert _orders(own_db) == before + 2

    at.button(key="data_undo_ask").click()
    at.run()
    at.button(key="data_undo_yes").click()
    at.run()
    assert_clean(at)
    assert _orders(own_db) == before
    assert any("was undone" in s.value for s in at.success)


def test_templates_and_the_data_dictionary(screen):
    at = screen
    at.selectbox(key="data_template").set_value("orders").run()
    dictionary = next(
        d.value for d in at.dataframe if t("data.dictionary.rules") in d.value.columns
    )
    assert list(dictionary[t("data.dictionary.column")]) == [
        "order_id",
        "customer_id",
        "order_date",
        "amount",
        "channel",
        "device",
        "campaign_id",
    ]
    download = at.get("download_button")[0]
    assert download.proto.label == t("data.templates.download", dataset="orders")
