"""A shared link with ?lang=uz or ?lang=ru opens the whole app in that language.

Navigation, KPI cards (labels and numbers written the language's way) and
chart titles are checked against the catalog; then every screen is walked
and its text searched for English catalog phrases the language translates.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cxdash import i18n
from cxdash.demo.artefacts import ARTEFACTS
from cxdash.formatting import plotly_locale
from cxdash.opposite import STEPS

_SCREENS = ["", *(s.key for s in STEPS), "data", "workshop"]
# A phrase shorter than this, or a single word, could as well be a data value or a name.
_MIN_PHRASE = 12
# What the catalog text of a KPI value looks like, per language (demo amounts are in soʻm).
_AMOUNT = {
    "en": re.compile(r"^-?\d+(\.\d)?[KMBT] UZS$"),
    "uz": re.compile(r"^-?\d+(,\d)?\u00a0(ming|mln|mlrd|trln)\u00a0soʻm$"),
    "ru": re.compile(r"^-?\d+(,\d)?\u00a0(тыс\.|млн|млрд|трлн)\u00a0сум$"),
}


def _visit(page: Page, server: str, path: str, lang: str) -> None:
    page.goto(f"{server}/{path}?lang={lang}")
    expect(page.locator("h1").first).to_be_visible(timeout=90_000)
    # The title comes first; the run has finished once no element is a placeholder any more
    # and Streamlit's running indicator is gone.
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first).to_be_visible()
    charts = page.get_by_test_id("cxdashChart")
    for index in range(charts.count()):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _demo_texts() -> list[str]:
    """The demo workshop's own words (written in English): data, shown as loaded."""
    return [
        v for rows in ARTEFACTS.values() for row in rows for v in row.values() if isinstance(v, str)
    ]


def _english_phrases(lang: str) -> list[str]:
    """Pieces of English catalog text that the language translates differently.

    Placeholders, Markdown marks and code spans split a text into pieces; only
    pieces of two words or more and ``_MIN_PHRASE`` characters are kept, and
    none that the other language's catalog itself contains (names such as
    NPS or CSV, or quoted examples) or that the demo data says in its own words.
    """
    english, other = i18n.catalog("en"), i18n.catalog(lang)
    other_text = "\n".join(other.values())
    phrases = set()
    for key, text in english.items():
        if text == other[key]:
            continue
        for piece in re.split(r"\{[^}]*\}|`[^`]*`|\*\*|[*_“”\"()\[\]]|\n", text):
            piece = piece.strip(" .,:;·—–-…?!")
            if len(piece) >= _MIN_PHRASE and " " in piece and piece not in other_text:
                phrases.add(piece)
    data = _demo_texts()
    return sorted(p for p in phrases if not any(p in text for text in data))


def _screen_text(page: Page) -> str:
    """The text of the page and the sidebar, hidden tabs and chart labels included."""
    main = page.get_by_test_id("stMain").text_content() or ""
    sidebar = page.get_by_test_id("stSidebar").text_content() or ""
    return re.sub(r"\s+", " ", f"{main}\n{sidebar}")


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_the_overview_speaks_the_language_of_the_link(server, page, lang):
    t = i18n.catalog(lang)
    _visit(page, server, "", lang)

    nav = page.get_by_test_id("stSidebarNav")
    for key in ("nav.overview", "nav.data", "nav.workshop", STEPS[0].text_key("title")):
        expect(nav.get_by_text(t[key], exact=True).first).to_be_visible()
    for key in ("nav.section.steps", "filters.title", "filters.period"):
        expect(page.get_by_test_id("stSidebar").get_by_text(t[key]).first).to_be_visible()

    labels = page.get_by_test_id("stMetricLabel")
    expect(labels.first).to_be_visible(timeout=30_000)
    expect(labels.filter(has_text=t["kpi.revenue.label"]).first).to_be_visible()
    revenue = page.get_by_test_id("stMetric").filter(has_text=t["kpi.revenue.label"]).first
    amount = revenue.get_by_test_id("stMetricValue").inner_text().strip()
    assert _AMOUNT[lang].match(amount), amount

    values = " ".join(page.get_by_test_id("stMetricValue").all_inner_texts())
    if lang == "en":
        assert re.search(r"\d\.\d", values)
    else:
        # The language's decimal comma, and no English decimal point in any card.
        assert re.search(r"\d,\d", values), values
        assert not re.search(r"\d\.\d", values), values

    titles = page.locator(".js-plotly-plot .gtitle").all_text_contents()
    assert t["overview.revenue_trend"] in titles, titles

    if lang == "en":
        # The English check the other languages pass finds English where there is some.
        assert [p for p in _english_phrases("ru") if p in _screen_text(page)]


@pytest.mark.parametrize("lang", ["uz", "ru"])
def test_the_date_axis_names_months_in_the_language(server, page, lang):
    _visit(page, server, "", lang)
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator(".xtick text").first).to_be_attached(timeout=30_000)
    ticks = " ".join(chart.locator(".xtick text").all_text_contents())
    own = plotly_locale(lang)["format"]["shortMonths"]
    # Month names English writes differently (Uzbek "Apr" and "Mar" are Uzbek too).
    english = set(plotly_locale("en")["format"]["shortMonths"]) - set(own)
    assert not [word for word in ticks.split() if word in english], ticks
    assert [word for word in ticks.split() if word in own], ticks


@pytest.mark.parametrize("lang", ["uz", "ru"])
@pytest.mark.parametrize("path", _SCREENS, ids=lambda p: p or "overview")
def test_no_english_on_any_screen(server, page, lang, path):
    _visit(page, server, path, lang)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    text = _screen_text(page)
    leaks = [phrase for phrase in _english_phrases(lang) if phrase in text]
    assert not leaks, f"English on /{path}?lang={lang}: {leaks}"


def _open_settings(page: Page, t: dict[str, str]) -> None:
    box = page.locator(".st-key-settings_currency")
    if not box.is_visible():
        page.get_by_test_id("stExpander").filter(has_text=t["settings.title"]).locator(
            "summary"
        ).click()
    expect(box).to_be_visible()


def _choose_currency(page: Page, t: dict[str, str], code: str) -> None:
    _open_settings(page, t)
    option = t["settings.currency_option"].format(name=t[f"settings.currency.{code}"], code=code)
    options = page.get_by_role("option")
    for _ in range(5):  # a click while the expander still opens does not open the list
        page.locator(".st-key-settings_currency").get_by_role("combobox").click()
        try:
            options.first.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    options.filter(has_text=f"({code})").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(option, timeout=30_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def test_the_currency_is_chosen_on_the_data_screen_in_the_reader_language(server, page):
    t = i18n.catalog("ru")
    _visit(page, server, "data", "ru")
    _open_settings(page, t)
    expect(page.get_by_text(t["settings.currency"], exact=True)).to_be_visible()
    try:
        _choose_currency(page, t, "RUB")
        caption = t["settings.currency.caption"].format(symbol="₽")
        expect(page.get_by_text(caption)).to_be_visible()
        # The choice is the database's: a new visit finds it.
        _visit(page, server, "data", "ru")
        _open_settings(page, t)
        expect(page.get_by_text(caption)).to_be_visible()
    finally:
        # Other tests share the server's database: leave it in soʻm as the demo is.
        _choose_currency(page, t, "UZS")
    expect(page.get_by_text(t["settings.currency.caption"].format(symbol="сум"))).to_be_visible()


@pytest.mark.parametrize("path", ["objectives", "execution"])
def test_scorecard_numbers_on_the_step_screens_follow_the_language(server, page, path):
    _visit(page, server, path, "ru")
    text = _screen_text(page)
    for data in _demo_texts():  # the demo's own words ("4.6 of 5") are data, shown as loaded
        text = text.replace(data, " ")
    # Dates written 03.07.2026 are the Russian way, not English decimals.
    text = re.sub(r"(?<!\d)\d{2}\.\d{2}\.\d{4}(?!\d)", " ", text)
    english = re.findall(r"\d\.\d+(?:[KMB]| pt| hr|%)?", text) + re.findall(r"\d (?:pt|hr)\b", text)
    assert not english, english[:10]
