"""The report as one HTML document: summary first, then the eight steps with their evidence.

Rules the HTML keeps:

- Offline: plotly.js is embedded once, inline, with the first figure; no
  ``<script src>``, ``<link>``, fonts or images from anywhere.
- Safe: every piece of data text (artefact cells, filter values, workshop
  names, notes) goes through :func:`html.escape` (see :mod:`cxdash.report.markup`);
  figures escape their labels themselves (:mod:`cxdash.charts.text`).
- Every word comes from the translation catalog via :func:`cxdash.i18n.t`.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import duckdb
import pandas as pd

from cxdash import artefacts, maturity, series, settings, store
from cxdash.charts import maturity as maturity_charts
from cxdash.charts.trend import monthly_bars
from cxdash.filters import Filters
from cxdash.formatting import format_change, format_period, format_value
from cxdash.i18n import catalog, t
from cxdash.kpis import kpi_results
from cxdash.opposite import STEPS, Step
from cxdash.period import Period
from cxdash.report import markup
from cxdash.report import workshop as workshop_section
from cxdash.report.evidence import Chart, Context, step_items
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.scorecard import target_status

DASH = "—"  # a missing change, target or status: a symbol, not a word


def _chosen(values: tuple[str, ...], lang: str) -> str:
    return ", ".join(values) if values else t("filters.all", lang)


def _period(period: Period, lang: str) -> str:
    return format_period(period.start, period.end, lang=lang)


def _scope_html(period: Period, filters: Filters, session_name: str, lang: str) -> str:
    return markup.heading(3, t("report.scope", lang)) + markup.facts(
        (
            (t("filters.period", lang), _period(period, lang)),
            (t("report.comparison", lang), _period(period.previous(), lang)),
            (t("filters.segment", lang), _chosen(filters.segments, lang)),
            (t("filters.region", lang), _chosen(filters.regions, lang)),
            (t("filters.channel", lang), _chosen(filters.channels, lang)),
            (t("report.workshop.name", lang), session_name),
        )
    )


def _kpi_html(results, period: Period, lang: str, currency: str) -> str:
    no_data = t("common.no_data", lang)
    headers = [t(f"report.column.{c}", lang) for c in ("kpi", "value", "change", "target")]
    headers.append(t("report.column.status", lang))
    body = []
    for result in results:
        unit, direction = result.definition.unit, result.definition.direction
        status = target_status(result.value, result.target, direction)
        target = (
            DASH
            if result.target is None
            else format_value(result.target, unit, currency=currency, no_data=no_data, lang=lang)
        )
        numbers = (
            format_value(result.value, unit, currency=currency, no_data=no_data, lang=lang),
            format_change(result.value, result.previous, unit, lang=lang) or DASH,
            target,
        )
        # Status cells get a colour class from a fixed vocabulary (never data).
        body.append(
            f"<tr><td>{escape(t(result.definition.label_key, lang))}</td>"
            + "".join(f'<td class="num">{escape(n)}</td>' for n in numbers)
            + f'<td class="status-{status or "none"}">'
            f"{escape(t(f'status.{status}', lang) if status else DASH)}</td></tr>"
        )
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    caption = t("report.kpis.caption", lang, previous=_period(period.previous(), lang))
    return (
        markup.heading(3, t("report.kpis.table", lang))
        + markup.paragraph(caption, "muted")
        + f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _overview_charts(con, period, filters, averages, lang, figures: markup.Figures) -> str:
    revenue = monthly_bars(
        series.monthly_revenue(con, period.end, filters),
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
        lang=lang,
    )
    return (
        markup.heading(3, t("report.charts", lang))
        # Full width: the radar's title and step names need the room.
        + f'<div class="charts single">{figures.html(revenue)}{figures.html(radar)}</div>'
    )


def _column_label(name: str, lang: str) -> str:
    key = f"column.{name}"
    return t(key, lang) if key in catalog(lang) else name


def _artefact_html(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return markup.paragraph(t("report.artefact.empty", lang), "note")
    headers = [_column_label(c, lang) for c in frame.columns]
    rows = ([markup.cell(v) for v in record] for record in frame.itertuples(index=False))
    return markup.table(headers, rows)


def _evidence_html(con, step: Step, context: Context, figures: markup.Figures) -> str:
    parts = []
    for item in step_items(con, step.number, context):
        if isinstance(item, Chart):
            parts.append(figures.html(item.figure, item.caption))
        else:
            parts.append(markup.sentence(item.text))
    return (
        markup.heading(3, context.tr("step.evidence"))
        + f'<div class="charts">{"".join(parts)}</div>'
    )


def _step_html(con, step: Step, context: Context, session, figures: markup.Figures) -> str:
    lang = context.lang
    questions = "".join(f"<li>{escape(t(k, lang))}</li>" for k in step.question_keys())
    frame = artefacts.read(con, step.artefact, context.workshop)
    return (
        f'<section class="step" id="step-{step.number}">'
        + markup.heading(2, t(step.text_key("title"), lang))
        + markup.paragraph(t(step.text_key("purpose"), lang))
        + markup.heading(3, t("report.questions", lang))
        + f"<ol>{questions}</ol>"
        + _evidence_html(con, step, context, figures)
        + markup.heading(3, t("report.maturity", lang))
        + markup.paragraph(t(step.text_key("maturity"), lang))
        + workshop_section.scores_html(session, step.number, lang)
        + markup.heading(3, t(step.text_key("artefact"), lang))
        + _artefact_html(frame, lang)
        + workshop_section.notes_html(session, step.number, lang)
        + "</section>"
    )


def render(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    filters: Filters | None = None,
    *,
    lang: str = "en",
    generated: dt.datetime | None = None,
    workshop: str = DEFAULT_WORKSHOP,
    currency: str | None = None,
) -> str:
    """The whole report as one HTML document (a string).

    Raises :class:`cxdash.report.workshop.UnknownWorkshopError` for a workshop with no record.
    """
    session = workshop_section.load(con, workshop)
    filters = filters or Filters()
    generated = generated or dt.datetime.now()
    currency = settings.currency(con) if currency is None else currency
    results = kpi_results(con, period, filters)
    context = Context(
        period, filters, lang, currency, workshop, store.dataset_counts(con), tuple(results)
    )
    figures = markup.Figures()
    title = escape(t("report.title", lang))
    stamp = t("report.generated", lang, date=generated.strftime("%Y-%m-%d %H:%M"))
    averages = maturity.averages(con, workshop)
    summary = (
        markup.heading(2, t("report.kpis", lang))
        + _scope_html(period, filters, workshop, lang)
        + _kpi_html(results, period, lang, currency)
        + _overview_charts(con, period, filters, averages, lang, figures)
    )
    steps = "".join(_step_html(con, s, context, session, figures) for s in STEPS)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{markup.STYLE}</style></head><body>"
        f"<header><h1>{title}</h1>{markup.paragraph(stamp, 'generated')}</header>"
        f"{summary}"
        f"{workshop_section.summary_html(session, lang)}"
        f"{markup.heading(2, t('report.steps', lang))}"
        f"{markup.paragraph(t('report.steps.caption', lang), 'muted')}"
        f"{steps}"
        f"<footer>{escape(t('report.footer', lang))}</footer>"
        f"{markup.FIT_SCRIPT}</body></html>\n"
    )
