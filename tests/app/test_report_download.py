"""The Overview offers the report of the view on screen as HTML and PDF downloads.

What the buttons hand over is checked in a real browser (tests/browser/test_report.py):
AppTest keeps no runtime after a run to build the file with.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cxdash.i18n import t
from cxdash.period import Period
from cxdash.ui.report_download import file_name
from tests.app.conftest import assert_clean


def _downloads(at) -> dict[str, object]:
    return {b.proto.label: b.proto for b in at.get("download_button")}


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_the_overview_offers_the_report_in_the_readers_language(app, lang):
    app.query_params["lang"] = lang
    at = app.run()
    assert_clean(at)
    assert t("report.download.heading", lang) in [p.proto.popover.label for p in at.get("popover")]
    downloads = _downloads(at)
    for kind in ("html", "pdf"):  # Chromium is on this machine, so the PDF is offered too
        button = downloads[t(f"report.download.{kind}", lang)]
        assert button.deferred_file_id, "the report is made on click, not on every run"
    assert t("report.download.caption", lang) in [c.value for c in at.caption]


def test_the_file_name_carries_the_period_and_language_and_no_user_text():
    period = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert file_name(period, "uz", "pdf") == "cxdash-report-2026-04-01-2026-06-30-uz.pdf"
