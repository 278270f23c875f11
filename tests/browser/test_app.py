"""The app in a real Chromium, started fresh on a machine with no database."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from cxdash.i18n import t
from cxdash.kpis import CATALOG
from cxdash.opposite import STEPS

_FIRST_VIEW_TIMEOUT = 90_000  # the very first view builds the demo database


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=_FIRST_VIEW_TIMEOUT)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
    # Read the cards only once the script run has finished drawing them.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def _card(page: Page, label: str) -> str:
    # Exact label: "Revenue" must not match "Revenue per customer (12 months)".
    exact = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    metric = page.get_by_test_id("stMetric").filter(has=exact)
    expect(metric).to_have_count(1)
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_first_run_builds_demo_data_and_shows_the_overview(server, page):
    _open(page, server)
    expect(page.get_by_test_id("stMetric")).to_have_count(len(CATALOG))
    assert re.search(r"\d", _card(page, "Revenue"))
    expect(page.get_by_text("demo data", exact=False).first).to_be_visible()
    # The revenue trend draws one bar per month of the last two years.
    expect(page.locator(".st-key-chart_revenue_by_month g.point")).to_have_count(24)


def test_navigation_lists_every_screen(server, page):
    _open(page, server)
    nav = page.get_by_test_id("stSidebarNav")
    titles = [
        t("nav.overview"),
        *(t(s.text_key("title")) for s in STEPS),
        t("nav.data"),
        t("nav.workshop"),
    ]
    for title in titles:
        expect(nav.get_by_text(title, exact=True)).to_be_visible()
    nav.get_by_text(t(STEPS[0].text_key("title")), exact=True).click()
    expect(page.get_by_text(t(STEPS[0].text_key("question.1")))).to_be_visible()


def test_a_link_with_filters_reopens_the_same_numbers(server, page, browser):
    _open(page, f"{server}/?from=2025-01-01&to=2025-06-30")
    expect(page).to_have_url(re.compile(r"from=2025-01-01.*to=2025-06-30"))
    revenue = _card(page, "Revenue")
    nps = _card(page, t("kpi.nps.label"))
    link = page.url
    other = browser.new_context(viewport={"width": 1400, "height": 1800}).new_page()
    try:
        _open(other, link)
        assert _card(other, "Revenue") == revenue
        assert _card(other, t("kpi.nps.label")) == nps
    finally:
        other.context.close()


def test_the_overview_also_answers_at_its_own_path(server, page):
    _open(page, f"{server}/overview?from=2025-01-01&to=2025-06-30")
    expect(page.locator("h1").first).to_have_text(t("overview.title"))
    expect(page.get_by_text("Page not found")).to_have_count(0)
