"""Every screen in a real Chromium: drawn charts, the light and dark theme, an artefact edit."""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from cxdash.opposite import STEPS

_SCREENS = ["", *(s.key for s in STEPS), "data", "workshop"]
_CHART_SCREENS = ["", *(s.key for s in STEPS)]


def _visit(page: Page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    expect(page.locator("h1").first).to_be_visible(timeout=90_000)
    # The script has finished when Streamlit stops showing its running indicator
    # and no element is left over from an earlier run (a click there is lost).
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=60_000)


@pytest.mark.parametrize("path", _SCREENS, ids=lambda p: p or "overview")
def test_every_screen_renders_without_an_error(server, page, path):
    _visit(page, server, path)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("could not be shown")).to_have_count(0)


@pytest.mark.parametrize("path", _CHART_SCREENS, ids=lambda p: p or "overview")
def test_every_data_screen_draws_its_charts(server, page, path):
    _visit(page, server, path)
    charts = page.get_by_test_id("cxdashChart")
    expect(charts.first).to_be_visible(timeout=30_000)
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        # A drawn Plotly chart has its SVG and at least one trace group inside.
        expect(chart.locator(".main-svg").first).to_be_attached(timeout=30_000)
        expect(chart.locator("g.trace, g.layer-above, g.indicatorlayer g").first).to_be_attached()
    # Nothing offers to send a chart's data away (Plotly's "Share chart..." uploads it).
    expect(page.locator(".modebar-btn").first).to_be_attached()
    expect(page.locator('.modebar-btn[data-title="Share chart..."]')).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_app_and_its_charts_follow_the_reader_theme(server, browser, scheme):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, color_scheme=scheme)
    page = context.new_page()
    try:
        _visit(page, server, "")
        expect(page.locator(".js-plotly-plot .xtick text").first).to_be_attached(timeout=30_000)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
        )
        tick = page.evaluate(
            "getComputedStyle(document.querySelector('.js-plotly-plot .xtick text')).fill"
        )
        assert (_luminance(background) > 0.5) == (scheme == "light")
        # Chart text keeps its contrast with the page in either theme.
        assert abs(_luminance(background) - _luminance(tick)) > 0.3
    finally:
        context.close()


def _luminance(css_rgb: str) -> float:
    red, green, blue = (int(v) for v in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def _download_csv(page: Page, button) -> list[dict]:
    with page.expect_download() as info:
        button.click()
    return list(csv.DictReader(io.StringIO(info.value.path().read_text(encoding="utf-8-sig"))))


def _edit_first_cell(page: Page, editor_key: str, text: str) -> None:
    """Type ``text`` into the first data column of the first row of an artefact grid."""
    grid = page.locator(f"[class*='st-key-{editor_key}'] [data-testid='stDataFrame']")
    expect(grid).to_be_visible(timeout=30_000)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is drawn on a canvas: header row ~35 px, then rows; the first data
    # column starts right after the narrow row-marker column.
    editor = page.locator("textarea.gdg-input, input.gdg-input").first
    # A rerun that redraws the grid can swallow a click: try again, at most three times.
    for attempt in range(3):
        page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)
        page.keyboard.press("Enter")  # opens the cell's editor
        try:
            expect(editor).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
            box = grid.bounding_box()
    editor.fill(text)
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)
    # The grid's change reruns the script; save once that run has finished.
    page.wait_for_timeout(1_500)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)
    page.locator(f"[class*='st-key-save_{editor_key.removeprefix('artefact_')}'] button").click()


def test_an_artefact_cell_edited_in_place_is_saved(server, page):
    _visit(page, server, "orientation")
    _edit_first_cell(page, "artefact_trends_default", "Voice shopping in Uzbek")
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=30_000)
    page.reload()
    _visit(page, server, "orientation")
    radar = page.locator("[class*='st-key-download_trend_radar'] button")
    radar.scroll_into_view_if_needed()
    trends = [row["trend"] for row in _download_csv(page, radar)]
    assert "Voice shopping in Uzbek" in trends


def test_an_edit_that_breaks_the_rasci_rule_is_refused_naming_the_activity(server, page):
    _visit(page, server, "structure")
    _edit_first_cell(page, "artefact_raci_default", "Activity without an owner")
    expect(page.get_by_text("Nothing was saved")).to_be_visible(timeout=30_000)
    report = page.get_by_test_id("stCode").inner_text()
    assert "Activity without an owner" in report


def test_clicking_a_channel_bar_filters_every_screen(server, page):
    _visit(page, server, "processes")
    chart = page.locator(".st-key-chart_resolution_rates")
    chart.scroll_into_view_if_needed()
    bar = chart.locator("g.point path").first
    expect(bar).to_be_attached(timeout=30_000)
    bar.click(force=True)
    expect(page).to_have_url(re.compile(r"channel=\w+"), timeout=30_000)
    channel = re.search(r"channel=(\w+)", page.url).group(1)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(channel, exact=True)).to_be_visible()
    # The filter is global: the Overview opened from the navigation keeps it.
    page.get_by_test_id("stSidebarNav").get_by_text("Overview", exact=True).click()
    expect(page).to_have_url(re.compile(rf"channel={channel}"), timeout=30_000)


def test_charts_follow_the_reader_switching_theme_while_the_page_is_open(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, color_scheme="light")
    page = context.new_page()
    tick = "getComputedStyle(document.querySelector('.js-plotly-plot .xtick text')).fill"
    try:
        _visit(page, server, "")
        expect(page.locator(".js-plotly-plot .xtick text").first).to_be_attached(timeout=30_000)
        assert _luminance(page.evaluate(tick)) < 0.5  # dark text on the light page

        page.emulate_media(color_scheme="dark")
        # Redrawn in the dark theme's colours, without a reload.
        page.wait_for_function(
            f"() => {{ const [r, g, b] = {tick}.match(/\\d+/g).map(Number);"
            " return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.5; }",
            timeout=30_000,
        )
        assert _luminance(page.evaluate(tick)) > 0.5
    finally:
        context.close()


def test_a_chart_whose_plotly_cannot_load_says_so_and_nothing_else_breaks(server, page):
    from cxdash.i18n import t

    page.route("**/_cxdash/plotly.*", lambda route: route.abort())
    _visit(page, server, "")
    charts = page.get_by_test_id("cxdashChart")
    expect(charts.first).to_contain_text(t("chart.failed"), timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()  # the KPI cards still show
