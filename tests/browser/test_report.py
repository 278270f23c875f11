"""The report downloaded from the app in Uzbek, then opened offline in Chromium."""

from __future__ import annotations

import re
import subprocess

from playwright.sync_api import Page, expect

from cxdash.i18n import t
from tests.browser.conftest import ARTIFACTS

_FIRST_VIEW_TIMEOUT = 90_000  # the very first view builds the demo database
_BUILD_TIMEOUT = 120_000  # the report is made on click; a PDF also waits for Chromium


def _open_overview(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=_FIRST_VIEW_TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def _download(page: Page, label: str, target):
    with page.expect_download(timeout=_BUILD_TIMEOUT) as info:
        page.get_by_test_id("stDownloadButton").get_by_text(label, exact=True).click()
    download = info.value
    assert download.failure() is None, download.failure()
    path = target / download.suggested_filename
    download.save_as(path)
    return path


def _share(page: Page, lang: str) -> None:
    page.get_by_text(t("report.download.heading", lang), exact=True).click()
    expect(page.get_by_text(t("report.download.html", lang), exact=True)).to_be_visible()


def test_the_uzbek_report_downloads_and_works_offline(server, page, browser, tmp_path):
    _open_overview(page, f"{server}/?lang=uz")
    _share(page, "uz")
    path = _download(page, t("report.download.html", "uz"), tmp_path)
    assert re.fullmatch(r"cxdash-report-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d-uz\.html", path.name)
    html = path.read_text(encoding="utf-8")
    assert '<html lang="uz">' in html
    assert f"<h1>{t('report.title', 'uz')}</h1>" in html
    figures = html.count("Plotly.newPlot")
    assert figures > 20

    # Open the file with the network cut off, and note anything it tries to fetch.
    context = browser.new_context(viewport={"width": 1280, "height": 2400}, offline=True)
    fetched: list[str] = []
    context.on("request", lambda r: None if r.url.startswith("file:") else fetched.append(r.url))
    offline = context.new_page()
    try:
        offline.goto(path.as_uri())
        charts = offline.locator(".js-plotly-plot .main-svg")
        expect(charts.first).to_be_visible(timeout=30_000)
        # Every figure is drawn (Plotly draws each into two SVG layers).
        expect(offline.locator(".js-plotly-plot")).to_have_count(figures, timeout=30_000)
        expect(offline.locator(".js-plotly-plot g.point").first).to_be_attached()
        # No mode-bar button sends a chart's data to Plotly's cloud.
        expect(offline.locator(".modebar-btn").first).to_be_attached()
        expect(offline.locator('.modebar-btn[data-title="Share chart..."]')).to_have_count(0)
        expect(
            offline.get_by_role("heading", name=t("step.orientation.title", "uz"))
        ).to_be_visible()
        # Plotly settles its margins a frame or two after drawing: look once it has.
        offline.evaluate(
            "() => document.fonts.ready.then(() => new Promise("
            "r => requestAnimationFrame(() => requestAnimationFrame(r))))"
        )
        # Two charts side by side, each drawn at its column's width, none spilling over.
        too_wide = offline.evaluate(
            """() => [...document.querySelectorAll('.figure')].filter(f => {
                const svg = f.querySelector('.main-svg');
                const slack = f.getBoundingClientRect().width + 1;
                return svg && svg.getBoundingClientRect().width > slack;
            }).length"""
        )
        assert too_wide == 0
        ARTIFACTS.mkdir(exist_ok=True)
        offline.screenshot(path=str(ARTIFACTS / "report_offline_uz.png"))
        offline.locator("#step-3").screenshot(path=str(ARTIFACTS / "report_offline_uz_step3.png"))
    finally:
        context.close()
    assert fetched == []


def test_the_uzbek_pdf_downloads_with_its_charts(server, page, tmp_path):
    _open_overview(page, f"{server}/?lang=uz")
    _share(page, "uz")
    path = _download(page, t("report.download.pdf", "uz"), tmp_path)
    assert path.name.endswith("-uz.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True
    ).stdout
    assert t("report.title", "uz") in text
    ARTIFACTS.mkdir(exist_ok=True)
    for first in ("1", "3"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", first, "-l", first, str(path),
             str(ARTIFACTS / f"report_pdf_uz_page{first}")],
            check=True,
        )  # fmt: skip
