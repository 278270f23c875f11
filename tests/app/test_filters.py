"""The global filters: they change the numbers, live in the URL and survive page switches."""

from __future__ import annotations

import datetime as dt

from cxdash import store
from cxdash.filters import Filters
from cxdash.kpis import kpi_values
from cxdash.markdown import md_escape
from cxdash.period import Period
from tests.app.conftest import assert_clean


def _revenue_card(at) -> str:
    return next(m.value for m in at.metric if m.label == "Revenue")


def _demo_values(db, period, filters):
    with store.connect(db) as con:
        return kpi_values(con, period, filters)


def test_the_url_sets_the_period_and_filters(app, demo_db):
    with store.connect(demo_db) as con:
        segment = con.execute("SELECT min(segment) FROM customers").fetchone()[0]
    app.query_params["from"] = "2025-01-01"
    app.query_params["to"] = "2025-03-31"
    app.query_params["segment"] = segment
    at = app.run()
    assert_clean(at)
    assert at.sidebar.date_input[0].value == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert at.sidebar.multiselect[0].value == [segment]
    orders = next(m.value for m in at.metric if m.label == "Orders")
    expected = _demo_values(
        demo_db, Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31)), Filters(segments=(segment,))
    )["orders"]
    assert orders == f"{expected:,.0f}"


def test_invalid_url_values_are_ignored_with_a_notice(app):
    app.query_params["from"] = "2025-13-45"
    app.query_params["segment"] = "'; DROP TABLE orders; --"
    at = app.run()
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning)
    # The values are named as typed: Markdown-escaped, since a notice is Markdown.
    assert md_escape("2025-13-45") in warnings
    assert md_escape("'; DROP TABLE orders; --") in warnings
    assert at.sidebar.multiselect[0].value == []


def test_changing_a_filter_changes_the_numbers_and_the_url(app):
    at = app.run()
    before = _revenue_card(at)
    assert "web" in at.sidebar.multiselect[2].options
    at.sidebar.multiselect[2].select("web").run()
    assert_clean(at)
    assert _revenue_card(at) != before
    assert at.query_params["channel"] in ("web", ["web"])


def test_filters_survive_a_page_switch(app):
    at = app.run()
    region = at.sidebar.multiselect[1].options[0]
    at.sidebar.multiselect[1].select(region).run()
    at.switch_page("pages/1_orientation.py").run()
    at.switch_page("pages/overview.py").run()
    assert_clean(at)
    assert at.sidebar.multiselect[1].value == [region]
