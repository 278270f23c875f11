"""HTML pieces of the report: the stylesheet, escaped tables and cells, inline figures.

Everything that can hold data text goes through :func:`html.escape` here, so
the callers pass plain text and never build markup from a value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from html import escape

import pandas as pd
import plotly.graph_objects as go

# Figures are interactive but quiet: no Plotly logo link (it points to the web).
# No "Share chart..." button: it would upload the chart's data to Plotly's cloud.
FIGURE_CONFIG = {"displaylogo": False, "showSendToCloud": False, "responsive": True}
TEMPLATE = "plotly"

STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee3; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial,
  sans-serif; color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 32px;
  line-height: 1.45; }
h1 { margin: 0 0 4px; font-size: 1.8rem; }
h2 { margin: 32px 0 8px; font-size: 1.35rem; border-bottom: 2px solid var(--line);
  padding-bottom: 4px; }
h3 { margin: 16px 0 6px; font-size: 1.05rem; }
.generated { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: var(--band); }
td.num { text-align: right; white-space: nowrap; }
table.narrow { width: auto; min-width: 45%; }
.status-on_target { color: #1b7f3b; font-weight: 600; }
.status-at_risk { color: #b35c00; font-weight: 600; }
.status-off_target { color: #b3261e; font-weight: 600; }
/* auto-fill, not auto-fit: a figure is drawn as soon as it is parsed, when it is still
   alone in its grid; its column must already be the width it keeps. */
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 16px; }
.charts.single { grid-template-columns: 1fr; }
.figure { min-width: 0; }
.figure .caption { color: var(--muted); font-size: 0.85rem; margin: 2px 0 0; }
.note { color: var(--muted); font-style: italic; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 8px; }
.step h2 { break-after: avoid; }
.muted { color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85rem; }
@page { size: A4; margin: 12mm; }
@media print {
  /* Zoomed out, an A4 page is as wide as a 976 px screen: the charts, drawn at that
     width, keep the layout they have in the app, and wide tables keep their columns. */
  body { max-width: none; padding: 0; zoom: 0.72; font-size: 13px; }
  .modebar-container { display: none !important; }
  .charts { grid-template-columns: 1fr; }
  .figure, tr, dl.facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .step { break-before: page; }
}
"""


def cell(value: object) -> str:
    """A data cell as plain text: empty for missing, dates as ISO, whole floats without ``.0``."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], css: str = "") -> str:
    """An HTML table; every header and cell is escaped here, so callers pass plain text."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    attribute = f' class="{css}"' if css else ""
    return f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def facts(items: Iterable[tuple[str, str]]) -> str:
    """A definition list of label and value, both escaped."""
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f'<dl class="facts">{rows}</dl>'


def heading(level: int, text: str) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def paragraph(text: str, css: str = "") -> str:
    """A paragraph of plain text, escaped."""
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{escape(text)}</p>"


def sentence(text: str, css: str = "note") -> str:
    """A catalog sentence written for the app's Markdown: escaped, its ``**bold**`` kept bold."""
    bold = _BOLD.sub(r"<strong>\1</strong>", escape(text))
    return f'<p class="{css}">{bold}</p>'


class Figures:
    """Figures to HTML: plotly.js goes inline with the first one only."""

    def __init__(self) -> None:
        self._included = False
        self.count = 0

    def html(self, figure: go.Figure, caption: str = "") -> str:
        include = not self._included
        self._included = True
        self.count += 1
        # Importing Streamlit makes its own template Plotly's default, one its front end
        # completes; a report made in the app would draw half-styled. Pin Plotly's own.
        figure.update_layout(template=TEMPLATE)
        # Plotly writes the figure as JSON inside <script>, with "<" as "\\u003c", so a
        # label holding "</script>" cannot end the script early.
        div = figure.to_html(full_html=False, include_plotlyjs=include, config=FIGURE_CONFIG)
        note = sentence(caption, "caption") if caption else ""
        return f'<div class="figure">{div}{note}</div>'


# Figures follow their column when the window changes size (Plotly's "responsive"), but
# not when the reader prints the page from a browser: redraw them at the printed width
# first. Inline, so it works offline.
FIT_SCRIPT = """<script>
window.addEventListener("beforeprint", function () {
  if (!window.Plotly) { return; }
  document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
    window.Plotly.Plots.resize(plot);
  });
});
</script>"""
