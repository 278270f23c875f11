"""Every page runs through the real frame without an exception or an error box."""

from __future__ import annotations

import socket
import sys

import pytest

from cxdash.i18n import t
from cxdash.kpis import CATALOG
from cxdash.opposite import STEPS
from cxdash.ui import transport
from tests.app.conftest import assert_clean

STEP_PAGES = [f"pages/{s.number}_{s.key}.py" for s in STEPS]


def test_overview_shows_every_kpi_card_and_the_revenue_trend(app):
    at = app.run()
    assert_clean(at)
    assert at.title[0].value == "Overview"
    labels = [m.label for m in at.metric]
    assert sorted(labels) == sorted(t(k.label_key) for k in CATALOG)
    # A demo database says so, and points to where real data goes.
    assert any("demo data" in i.value for i in at.info)
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value not in ("", "no data")


@pytest.mark.parametrize("page", [*STEP_PAGES, "pages/data.py", "pages/workshop.py"])
def test_every_page_runs(app, page):
    at = app.run()
    at.switch_page(page).run()
    assert_clean(at)
    assert at.title, page


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_each_step_shows_its_purpose_and_guiding_questions(app, step):
    at = app.run()
    at.switch_page(f"pages/{step.number}_{step.key}.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert t(step.text_key("purpose")) in text
    for key in step.question_keys():
        assert t(key) in text


def test_data_page_lists_every_dataset_with_its_rows(app):
    at = app.run()
    at.switch_page("pages/data.py").run()
    assert_clean(at)
    table = at.dataframe[0].value
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert counts["orders"] > 0 and counts["customers"] > 0


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")
def test_the_frame_turns_nagle_off_on_the_servers_sockets(app, monkeypatch):
    # A listening socket made as Streamlit makes its own, held by this process.
    listener = socket.socket(family=socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    monkeypatch.setattr(transport, "_done", False)
    try:
        assert not listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert_clean(app.run())
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()
