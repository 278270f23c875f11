"""A mock workshop in a real Chromium, on a projector-sized screen.

Create the workshop, present it, walk steps 1 to 8 (editing a RASCI cell and
scoring maturity on the way), close the browser, open the workshop's link in
a new one and find it where it stopped.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from cxdash.i18n import t
from cxdash.opposite import step
from tests.browser.conftest import ARTIFACTS

NAME = "Mock workshop"
PROJECTOR = {"width": 1280, "height": 720}


def _settled(page: Page) -> None:
    """Wait for the script run to finish: a click during a run can go unanswered.

    While a run draws, the elements of the previous one are marked stale;
    presentation mode hides the header with the running indicator.
    """
    page.wait_for_timeout(500)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=90_000)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=90_000)


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"workshop_{name}.png"))


def _at_step(page: Page, number: int) -> None:
    expect(page.get_by_text(t("workshop.progress", step=number, total=8)).first).to_be_visible(
        timeout=90_000
    )
    title = t(step(number).text_key("title"))
    expect(page.locator("h1", has_text=title).first).to_be_visible(timeout=90_000)
    _settled(page)


def _create(page: Page, server: str) -> None:
    page.goto(f"{server}/workshop")
    expect(page.locator("h1").first).to_be_visible(timeout=120_000)
    _settled(page)
    page.get_by_text(t("workshop.new"), exact=True).click()
    page.locator(".st-key-workshop_new_name input").fill(NAME)
    page.locator(".st-key-workshop_new_facilitator input").fill("Dilnoza")
    page.locator(".st-key-workshop_new_team input").fill("CX office")
    page.locator(".st-key-workshop_new_participants textarea").fill("Ann\nBob")
    page.get_by_role("button", name=t("workshop.create")).click()
    expect(page.get_by_text(NAME, exact=True).first).to_be_visible(timeout=60_000)
    expect(page).to_have_url(re.compile(r"workshop=Mock"), timeout=30_000)
    _settled(page)


def _edit_rasci_team(page: Page, team: str) -> None:
    """Rename the team of the RASCI grid's first row: roles stay, so the rules still hold."""
    grid = page.locator("[class*='st-key-artefact_raci_'] [data-testid='stDataFrame']")
    grid.scroll_into_view_if_needed()
    expect(grid).to_be_visible(timeout=30_000)
    box = grid.bounding_box()
    current = page.locator("[class*='st-key-artefact_raci_'] [id='glide-cell-2-0']").inner_text()
    editor = page.locator("textarea.gdg-input, input.gdg-input").first
    for _ in range(3):
        # The grid is a canvas: select the first row's activity, step right to its team.
        page.mouse.click(box["x"] + 80, box["y"] + 35 + 17)
        page.wait_for_timeout(400)
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(400)
        page.keyboard.press("Enter")
        expect(editor).to_be_visible(timeout=10_000)
        if editor.input_value() == current:  # the team cell, not the activity
            break
        page.keyboard.press("Escape")
        expect(editor).to_have_count(0)
    assert editor.input_value() == current
    editor.fill(team)
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)
    page.wait_for_timeout(1_500)
    _settled(page)
    page.get_by_role("button", name=t("artefact.save")).click()
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=30_000)
    _settled(page)


def _score(page: Page, scores: dict[str, int]) -> None:
    for person, score in scores.items():
        radio = page.get_by_test_id("stRadio").filter(has_text=person)
        radio.scroll_into_view_if_needed()
        radio.get_by_text(str(score), exact=True).click()
    page.get_by_role("button", name=t("workshop.scores.save")).click()
    expect(page.get_by_text(t("workshop.scores.saved", count=len(scores)))).to_be_visible(
        timeout=30_000
    )
    _settled(page)


def _next(page: Page) -> None:
    page.get_by_role("button", name=t("workshop.next")).first.click()


def test_a_mock_workshop_runs_in_presentation_mode_and_reopens_where_it_stopped(server, browser):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    try:
        _create(page, server)
        _shot(page, "created")
        page.get_by_role("button", name=t("workshop.present.start")).click()
        expect(page).to_have_url(re.compile(r"present=1"), timeout=30_000)
        _at_step(page, 1)
        # A projector sees no sidebar, and type larger than the app's usual.
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        size = page.locator("h1").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 44
        page.get_by_role("button", name=t("workshop.timer.start")).click()
        pause = page.get_by_role("button", name=t("workshop.timer.pause"))
        expect(pause).to_be_visible(timeout=30_000)
        _settled(page)
        # The clock ticks by itself while the timer runs.
        expect(page.get_by_text(re.compile(r"^0:0[2-9] / 20:00$"))).to_be_visible(timeout=15_000)
        pause.click()
        expect(page.get_by_role("button", name=t("workshop.timer.start"))).to_be_visible(
            timeout=30_000
        )
        _settled(page)
        _shot(page, "present_step1")

        for number in range(2, 9):
            if number == 3:
                # Moving on while the clock ticks: the click is not lost, the timer pauses.
                page.get_by_role("button", name=t("workshop.timer.start")).click()
                expect(page.get_by_role("button", name=t("workshop.timer.pause"))).to_be_visible(
                    timeout=30_000
                )
                page.wait_for_timeout(2_500)
            _next(page)
            _at_step(page, number)
            if number == 5:
                _edit_rasci_team(page, "Brand studio")
                _score(page, {"Ann": 4, "Bob": 3})
                page.locator("h1").first.scroll_into_view_if_needed()
            _shot(page, f"present_step{number}")
        expect(page.get_by_role("button", name=t("workshop.timer.start"))).to_be_visible()
        expect(page.get_by_role("button", name=t("workshop.next")).first).to_be_disabled()
        # The last step offers the workshop's report, with what the team did in it.
        download = page.get_by_role("button", name=t("report.download.html"))
        download.scroll_into_view_if_needed()
        with page.expect_download(timeout=120_000) as info:
            download.click()
        report = info.value.path().read_text(encoding="utf-8")
        assert NAME in report and "Brand studio" in report
        page.locator("h1").first.scroll_into_view_if_needed()
        _settled(page)
        page.get_by_role("button", name=t("workshop.previous")).first.click()
        _at_step(page, 7)
        page.get_by_role("button", name=t("workshop.previous")).first.click()
        _at_step(page, 6)
    finally:
        _shot(page, "last_before_closing")
        context.close()  # the browser is closed mid-workshop

    again = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = again.new_page()
    try:
        page.goto(f"{server}/workshop?workshop={quote(NAME)}")
        expect(page.locator("h1").first).to_be_visible(timeout=120_000)
        _at_step(page, 6)
        expect(page.get_by_text(NAME, exact=True).first).to_be_visible()
        _shot(page, "reopened")
        # The scores and the RASCI edit were kept: the structure step shows them.
        page.goto(f"{server}/structure?workshop={quote(NAME)}")
        expect(page.locator("h1").first).to_be_visible(timeout=120_000)
        _settled(page)
        expect(page.get_by_test_id("stMetric").filter(has_text="3.5 / 5")).to_be_visible()
        team = page.locator("[class*='st-key-artefact_raci_'] [id='glide-cell-2-0']")
        expect(team).to_have_text("Brand studio")
        _shot(page, "structure_of_the_workshop")
    finally:
        again.close()
