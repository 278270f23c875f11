"""One KPI by month against its target: the same view on the Overview and in Execution."""

from __future__ import annotations

import dataclasses
from functools import partial

from cxdash.charts import scorecard as scorecard_charts
from cxdash.evidence import scorecard
from cxdash.kpis import kpi
from cxdash.ui import cached, charts, notices
from cxdash.ui.scope import Scope
from cxdash.ui.text import language, tr


def monthly_query(chosen: str, view: Scope) -> tuple:
    """The query of :func:`monthly`, as cached.prefetch takes it."""
    return (scorecard.monthly_kpis, (chosen,), view.period.end, view.filters)


def monthly(chosen: str, view: Scope, version: int):
    """``chosen`` and its target per calendar month up to the period's end (cached)."""
    func, *args = monthly_query(chosen, view)
    return cached.query(func, version, *args)


def against_target(chosen: str, view: Scope, version: int, words, *, name: str) -> None:
    """Draw ``chosen`` per calendar month up to the period's end, with its target line."""
    if not notices.needs(*kpi(chosen).datasets):
        return
    figure, months, caption = trend_figure(chosen, view, version, words)
    charts.show(figure, months, name=name, caption=caption)


def trend_figure(chosen: str, view: Scope, version: int, words):
    """The figure :func:`against_target` draws, its data and its caption."""
    months = monthly(chosen, view, version)
    label = words.kpi_labels[chosen]
    # The page's formatter knows the currency; the reader's language is added here
    # so hover values read like the KPI cards (format_value takes ``lang``).
    words = dataclasses.replace(words, fmt=partial(words.fmt, lang=language()))
    figure = charts.figure(
        scorecard_charts.kpi_trend,
        months,
        unit=kpi(chosen).unit,
        words=words,
        title=tr("kpi_trend.chart", kpi=label),
        actual_label=tr("kpi_trend.actual"),
        target_label=tr("kpi_trend.target"),
        status_label=tr("kpi_trend.status"),
        no_status=tr("kpi_trend.no_status"),
    )
    caption = tr("kpi_trend.caption")
    # KPIs that grow with the period's length have quarterly targets no month can meet.
    if chosen in scorecard.PERIOD_BOUND and months["target"].isna().all():
        caption = f"{caption} {tr('kpi_trend.no_monthly_target', kpi=label)}"
    return figure, months, caption
