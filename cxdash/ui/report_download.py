"""Download buttons for the shareable report of what is on screen: HTML and PDF.

The report is made only when a button is clicked (Streamlit calls ``data`` when
given a function, on a thread of its own), so a page that shows the buttons
pays nothing for them on each rerun. The scope, language and currency are read
in the script run and handed to that function, as it cannot read the session.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from cxdash import pdf, report
from cxdash.filters import Filters
from cxdash.period import Period
from cxdash.ui import scope, settings_panel
from cxdash.ui.database import cursor
from cxdash.ui.text import language, tr


def _maker(
    kind: str, period: Period, filters: Filters, lang: str, workshop: str, currency: str
) -> Callable[[], bytes]:
    def make() -> bytes:
        options = {"lang": lang, "workshop": workshop, "currency": currency}
        with cursor() as cur:
            html = report.render(cur, period, filters, **options)
        return pdf.print_pdf(html) if kind == "pdf" else html.encode("utf-8")

    return make


def file_name(period: Period, lang: str, suffix: str) -> str:
    """``cxdash-report-2026-04-01-2026-06-30-uz.html``: the scope in the name, no user text."""
    return f"cxdash-report-{period.start.isoformat()}-{period.end.isoformat()}-{lang}.{suffix}"


def download_buttons(workshop: str | None = None, *, key: str = "report") -> None:
    """A caption and the HTML and PDF download buttons of the report for ``workshop``.

    ``workshop`` defaults to the one the screens show (:func:`cxdash.ui.scope.workshop`).
    The report covers the sidebar's period and filters, in the reader's language.
    ``key`` tells two sets of buttons apart when a page shows more than one.
    Without Chromium on the server the PDF button is replaced by a sentence saying so.
    """
    view, lang = scope.current(), language()
    workshop = workshop or scope.workshop()
    # Cached on the data version: the Overview stays readable while a command holds the file.
    currency = settings_panel.currency()
    args = (view.period, view.filters, lang, workshop, currency)
    st.caption(tr("report.download.caption"))
    left, right = st.columns(2)
    left.download_button(
        tr("report.download.html"),
        data=_maker("html", *args),
        file_name=file_name(view.period, lang, "html"),
        mime="text/html",
        key=f"{key}_html",
        icon=":material/download:",
        on_click="ignore",
        width="stretch",
    )
    if pdf.chromium() is None:
        right.caption(tr("report.download.no_pdf"))
        return
    right.download_button(
        tr("report.download.pdf"),
        data=_maker("pdf", *args),
        file_name=file_name(view.period, lang, "pdf"),
        mime="application/pdf",
        key=f"{key}_pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        width="stretch",
    )


__all__ = ["download_buttons", "file_name"]
