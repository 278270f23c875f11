"""The shareable report: one self-contained HTML file that opens offline, or its PDF.

What the CMO forwards after a workshop: the period and filters, every KPI
against its target, the revenue trend and the maturity radar, the workshop,
then the eight OPPOSITE steps with their evidence charts, maturity scores,
artefacts, notes and decisions. :func:`render` gives the HTML, :func:`pdf`
prints it through Chromium (:mod:`cxdash.pdf`), :func:`write` writes either
by the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cxdash.filters import Filters
from cxdash.pdf import PdfError, print_pdf
from cxdash.period import Period
from cxdash.report.document import render
from cxdash.report.workshop import UnknownWorkshopError

__all__ = ["PdfError", "UnknownWorkshopError", "pdf", "render", "write"]


def pdf(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters | None = None, **options
) -> bytes:
    """The report printed to PDF (A4, each step on new pages, charts drawn)."""
    return print_pdf(render(con, period, filters, **options))


def write(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    period: Period,
    filters: Filters | None = None,
    **options,
) -> Path:
    """Write the report to ``path``: PDF for a ``.pdf`` name, else HTML (UTF-8).

    The file is written only once the whole report is made, so a failure
    (an unknown workshop, Chromium missing) leaves no file behind.
    """
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        path.write_bytes(pdf(con, period, filters, **options))
    else:
        path.write_text(render(con, period, filters, **options), encoding="utf-8")
    return path
