"""The shareable report: one self-contained HTML file that opens offline.

What the CMO forwards after a workshop: the period and filters, every KPI
against its target, the revenue trend and the maturity radar, then the eight
OPPOSITE steps with their questions, maturity and artefact tables.

Rules the HTML keeps:

- Offline: plotly.js is embedded once, inline, with the first figure; no
  ``<script src>``, ``<link>``, fonts or images from anywhere.
- Safe: every piece of data text (artefact cells, filter values) goes through
  :func:`html.escape`; only catalog text and numbers we format are written as
  they are (catalog text is escaped too, it costs nothing).
- Every word comes from the translation catalog via :func:`cxdash.i18n.t`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from html import escape
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from cxdash import artefacts, maturity, series, settings
from cxdash.charts import maturity as maturity_charts
from cxdash.charts.trend import monthly_bars
from cxdash.filters import Filters
from cxdash.formatting import format_change, format_value
from cxdash.i18n import catalog, t
from cxdash.kpis import kpi_results
from cxdash.opposite import STEPS, Step
from cxdash.period import Period
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.scorecard import target_status

_NO_FILTERS = Filters()
DASH = "—"  # a missing change, target or status: a symbol, not a word

# Figures are interactive but quiet: no Plotly logo link (it points to the web).
_FIGURE_CONFIG = {"displaylogo": False, "responsive": True}

_STYLE = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee3; --band: #f4f6f8; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 32px; line-height: 1.45; }
h1 { margin: 0 0 4px; font-size: 1.8rem; }
h2 { margin: 32px 0 8px; font-size: 1.35rem; border-bottom: 2px solid var(--line);
  padding-bottom: 4px; }
h3 { margin: 16px 0 6px; font-size: 1.05rem; }
.generated { color: var(--muted); margin: 0 0 16px; }
dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.scope dt { font-weight: 600; }
dl.scope dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); }
td.num { text-align: right; white-space: nowrap; }
.status-on_target { color: #1b7f3b; font-weight: 600; }
.status-at_risk { color: #b35c00; font-weight: 600; }
.status-off_target { color: #b3261e; font-weight: 600; }
.charts { display: grid; grid-template-columns: 1fr; gap: 16px; }
.figure { min-width: 0; }
.step { break-inside: auto; }
.step h2 { break-after: avoid; }
.muted { color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: 0.85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .modebar-container { display: none; }
  .figure, table, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  .step { break-before: page; }
}
"""


def _text(value: object) -> str:
    """A data cell as text: empty for missing, dates as ISO, whole floats without ``.0``."""
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


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """An HTML table; every header and cell is escaped here, so callers pass plain text."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _chosen(values: tuple[str, ...], lang: str) -> str:
    return ", ".join(values) if values else t("filters.all", lang)


def _scope_html(period: Period, filters: Filters, lang: str) -> str:
    items = (
        (t("filters.period", lang), str(period)),
        (t("report.comparison", lang), str(period.previous())),
        (t("filters.segment", lang), _chosen(filters.segments, lang)),
        (t("filters.region", lang), _chosen(filters.regions, lang)),
        (t("filters.channel", lang), _chosen(filters.channels, lang)),
    )
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
    return f'<h2>{escape(t("report.scope", lang))}</h2><dl class="scope">{rows}</dl>'


def _kpi_html(con, period: Period, filters: Filters, lang: str, currency: str) -> str:
    no_data = t("common.no_data", lang)
    rows, classes = [], []
    for result in kpi_results(con, period, filters):
        unit, direction = result.definition.unit, result.definition.direction
        status = target_status(result.value, result.target, direction)
        target = (
            DASH
            if result.target is None
            else format_value(result.target, unit, currency=currency, no_data=no_data)
        )
        rows.append(
            (
                t(result.definition.label_key, lang),
                format_value(result.value, unit, currency=currency, no_data=no_data),
                format_change(result.value, result.previous, unit) or DASH,
                target,
                t(f"status.{status}", lang) if status else DASH,
            )
        )
        classes.append(status)
    headers = [t(f"report.column.{c}", lang) for c in ("kpi", "value", "change", "target")]
    headers.append(t("report.column.status", lang))
    # Status cells get a colour class from a fixed vocabulary (never data).
    table_rows = zip(rows, classes, strict=True)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        f"<td>{escape(r[0])}</td>"
        + "".join(f'<td class="num">{escape(c)}</td>' for c in r[1:4])
        + f'<td class="status-{status or "none"}">{escape(r[4])}</td>'
        "</tr>"
        for r, status in table_rows
    )
    caption = escape(t("report.kpis.caption", lang, previous=str(period.previous())))
    return (
        f"<h2>{escape(t('report.kpis', lang))}</h2>"
        f'<p class="muted">{caption}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


class _Figures:
    """Figures to HTML: plotly.js goes inline with the first one only."""

    def __init__(self) -> None:
        self._included = False

    def html(self, figure: go.Figure) -> str:
        include = not self._included
        self._included = True
        div = figure.to_html(full_html=False, include_plotlyjs=include, config=_FIGURE_CONFIG)
        return f'<div class="figure">{div}</div>'


def _charts_html(con, period, filters, averages, lang, figures: _Figures) -> str:
    trend = series.monthly_revenue(con, period.end, filters)
    revenue = monthly_bars(
        trend,
        value="revenue",
        title=t("overview.revenue_trend", lang),
        value_label=t("chart.revenue", lang),
        highlight_from=period.start,
    )
    radar = maturity_charts.radar(
        averages,
        step_labels=[t(s.text_key("title"), lang) for s in STEPS],
        title=t("overview.maturity.chart", lang),
        score_label=t("overview.chart.score", lang),
        participants_label=t("overview.chart.participants", lang),
        no_scores=t("overview.chart.no_scores", lang),
    )
    return (
        f"<h2>{escape(t('report.charts', lang))}</h2>"
        f'<div class="charts">{figures.html(revenue)}{figures.html(radar)}</div>'
    )


def _column_label(name: str, lang: str) -> str:
    key = f"column.{name}"
    return t(key, lang) if key in catalog(lang) else name


def _maturity_text(averages: pd.DataFrame, step: Step, lang: str) -> str:
    row = averages.loc[averages["step"] == step.number].iloc[0]
    if pd.isna(row["average"]):
        return t("overview.chart.no_scores", lang)
    return t(
        "report.maturity.value",
        lang,
        average=f"{float(row['average']):.1f}",
        participants=int(row["participants"]),
    )


def _step_html(con, step: Step, averages: pd.DataFrame, lang: str, workshop: str) -> str:
    questions = "".join(f"<li>{escape(t(k, lang))}</li>" for k in step.question_keys())
    frame = artefacts.read(con, step.artefact, workshop)
    if frame.empty:
        table = f'<p class="muted">{escape(t("report.artefact.empty", lang))}</p>'
    else:
        headers = [_column_label(c, lang) for c in frame.columns]
        rows = ([_text(v) for v in record] for record in frame.itertuples(index=False))
        table = _table(headers, rows)
    return (
        '<section class="step">'
        f"<h2>{escape(t(step.text_key('title'), lang))}</h2>"
        f"<p>{escape(t(step.text_key('purpose'), lang))}</p>"
        f"<h3>{escape(t('report.questions', lang))}</h3><ol>{questions}</ol>"
        f"<h3>{escape(t('report.maturity', lang))}</h3>"
        f"<p>{escape(t(step.text_key('maturity'), lang))} "
        f"<strong>{escape(_maturity_text(averages, step, lang))}</strong></p>"
        f"<h3>{escape(t(step.text_key('artefact'), lang))}</h3>{table}"
        "</section>"
    )


def render(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    filters: Filters = _NO_FILTERS,
    *,
    lang: str = "en",
    generated: dt.datetime | None = None,
    workshop: str = DEFAULT_WORKSHOP,
    currency: str | None = None,
) -> str:
    """The whole report as one HTML document (a string)."""
    generated = generated or dt.datetime.now()
    currency = settings.currency() if currency is None else currency
    averages = maturity.averages(con, workshop)
    figures = _Figures()
    title = escape(t("report.title", lang))
    stamp = escape(t("report.generated", lang, date=generated.strftime("%Y-%m-%d %H:%M")))
    steps = "".join(_step_html(con, s, averages, lang, workshop) for s in STEPS)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head><body>"
        f'<header><h1>{title}</h1><p class="generated">{stamp}</p></header>'
        f"{_scope_html(period, filters, lang)}"
        f"{_kpi_html(con, period, filters, lang, currency)}"
        f"{_charts_html(con, period, filters, averages, lang, figures)}"
        f"<h2>{escape(t('report.steps', lang))}</h2>"
        f'<p class="muted">{escape(t("report.steps.caption", lang))}</p>'
        f"{steps}"
        f"<footer>{escape(t('report.footer', lang))}</footer>"
        "</body></html>\n"
    )


def write(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    period: Period,
    filters: Filters = _NO_FILTERS,
    **options,
) -> Path:
    """Render the report and write it to ``path`` (UTF-8); returns ``path``."""
    if Path(path).suffix.lower() == ".pdf":
        raise ValueError("PDF reports are not available yet; write an .html file instead")
    text = render(con, period, filters, **options)
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)
