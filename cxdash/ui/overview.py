"""The Overview screen: the CMO's answer in seconds, lifecycle KPIs and the revenue trend."""

import streamlit as st

from cxdash import artefacts, kpis, maturity, series
from cxdash.charts import maturity as maturity_charts
from cxdash.charts import scorecard as scorecard_charts
from cxdash.charts.trend import monthly_bars
from cxdash.evidence import milestones, scorecard
from cxdash.markdown import md_escape
from cxdash.opposite import STEPS
from cxdash.ui import (
    cached,
    cards,
    charts,
    database,
    kpi_trend,
    report_download,
    scope,
    settings_panel,
)
from cxdash.ui.scope import Scope
from cxdash.ui.text import date_text, language, period_text, tr

# The KPIs the CMO follows month by month against their targets.
TREND_KPIS = ("revenue", "nps", "retention_rate", "same_day_resolution_rate")
_TREND_KEY = "overview_trend_kpi"


def render() -> None:
    view = scope.current()
    version = database.data_version()
    chosen = st.session_state.get(_TREND_KEY) or TREND_KPIS[0]
    cached.prefetch(version, *_queries(view, chosen))

    st.title(tr("overview.title"))
    st.caption(
        tr("overview.caption", period=period_text(view.period), previous=period_text(view.previous))
    )
    if database.is_demo():
        st.info(tr("overview.demo_notice"), icon=":material/science:")
        st.page_link("pages/data.py", label=tr("common.open_data"), icon=":material/upload:")
    with st.popover(tr("report.download.heading"), icon=":material/share:"):
        report_download.download_buttons()

    # The layout first, then the maturity radar, whose query is the cheapest: a
    # browser opening the page starts loading the chart library with that first
    # chart, while the KPIs below are still being computed.
    lifecycle, glance = st.container(), st.container()
    left, right = st.columns([3, 2])
    risks = st.container()
    with right:
        _maturity(version)

    with lifecycle:
        st.subheader(tr("overview.lifecycle"))
        results = cached.kpi_results(version, view.period, view.filters)
        currency = settings_panel.currency()
        cards.lifecycle_board(results, currency=currency)
        _revenue_trend(view, version)
    words = scorecard_charts.words(tr, currency, language())
    with glance:
        _at_a_glance(results, words)
    with left:
        _kpi_against_target(view, version, words)
    with risks:
        _milestones_at_risk(view, version)


def _queries(view: Scope, chosen: str) -> list[tuple]:
    """The queries under the view's filters that :func:`render` makes, for cached.prefetch."""
    return [
        (kpis.kpi_results, view.period, view.filters),
        (series.monthly_revenue, view.period.end, view.filters, cached.TREND_MONTHS),
        kpi_trend.monthly_query(chosen, view),
    ]


def warm(version: int) -> None:
    """Work out what the default Overview queries, so that its first visitor finds it cached.

    The server calls this at start-up (cxdash/ui/serving.py): the same cached
    calls as :func:`render` makes for a visitor without a link.
    """
    view = scope.default_scope(version)
    cached.filter_options(version)
    for func, *args in _queries(view, TREND_KPIS[0]):
        cached.query(func, version, *args)
    # And its figures, made from the same inputs as that visitor's run (outside a
    # run, the language and workshop are the defaults, as the visitor's are).
    results = cached.kpi_results(version, view.period, view.filters)
    words = scorecard_charts.words(tr, settings_panel.currency(), language())
    _maturity_figure(version)
    _revenue_figure(view, version)
    _glance_figure(results, words)
    kpi_trend.trend_figure(TREND_KPIS[0], view, version, words)


def _revenue_trend(view: Scope, version: int) -> None:
    figure, trend = _revenue_figure(view, version)
    caption = tr("overview.revenue_trend.caption")
    charts.show(figure, trend, name="revenue_by_month", caption=caption)


def _revenue_figure(view: Scope, version: int):
    trend = cached.monthly_revenue(version, view.period.end, view.filters)
    figure = charts.figure(
        monthly_bars,
        trend,
        value="revenue",
        title=tr("overview.revenue_trend"),
        value_label=tr("chart.revenue"),
        highlight_from=view.period.start,
    )
    return figure, trend


def _at_a_glance(results, words: scorecard_charts.Words) -> None:
    st.subheader(tr("overview.glance.title"))
    figure, headlines, card = _glance_figure(results, words)
    on, total = int((card["status"] == "on_target").sum()), int(card["status"].notna().sum())
    caption = tr("overview.glance.caption", on=on, total=total)
    charts.show(figure, headlines, name="lifecycle_at_a_glance", caption=caption)


def _glance_figure(results, words: scorecard_charts.Words):
    card = cached.derived(scorecard.scorecard, results)
    headlines = cached.derived(scorecard.lifecycle_headlines, card)
    figure = charts.figure(
        scorecard_charts.lifecycle_tiles,
        headlines,
        words=words,
        title=tr("overview.glance.chart"),
        target_label=tr("overview.chart.target"),
        no_target=tr("overview.chart.no_status"),
        stage_count=tr("overview.glance.stage_count"),
    )
    return figure, headlines, card


def _kpi_against_target(view: Scope, version: int, words: scorecard_charts.Words) -> None:
    st.subheader(tr("overview.trend.title"))
    chosen = st.pills(
        tr("overview.trend.pick"),
        TREND_KPIS,
        default=TREND_KPIS[0],
        required=True,
        format_func=words.kpi_labels.get,
        key=_TREND_KEY,
    )
    chosen = chosen or TREND_KPIS[0]
    kpi_trend.against_target(chosen, view, version, words, name=f"{chosen}_vs_target_by_month")


def _maturity(version: int) -> None:
    st.subheader(tr("overview.maturity.title"))
    figure, averages = _maturity_figure(version)
    caption = tr("overview.maturity.caption")
    charts.show(figure, averages, name="maturity_by_step", caption=caption)


def _maturity_figure(version: int):
    averages = cached.query(maturity.averages, version, scope.workshop())
    figure = charts.figure(
        maturity_charts.radar,
        averages,
        step_labels=[tr(s.text_key("title")) for s in STEPS],
        title=tr("overview.maturity.chart"),
        score_label=tr("overview.chart.score"),
        participants_label=tr("overview.chart.participants"),
        no_scores=tr("overview.chart.no_scores"),
        lang=language(),
    )
    return figure, averages


def _milestones_at_risk(view: Scope, version: int) -> None:
    st.subheader(tr("overview.risk.title"))
    rows = cached.query(artefacts.read, version, "milestones", scope.workshop())
    as_of = view.period.end
    risky = cached.derived(milestones.at_risk, rows, as_of)
    if rows.empty:
        st.info(tr("overview.risk.empty"), icon=":material/flag:")
        st.page_link(
            "pages/4_objectives.py", label=tr("overview.risk.open_step"), icon=":material/flag:"
        )
        return
    if risky.empty:
        st.success(tr("overview.risk.none", date=date_text(as_of)), icon=":material/check:")
        return
    # A short list rather than a table: the table component alone would add
    # about a quarter of a second to the browser's first view of this page.
    reasons = {r: tr(f"overview.risk.reason.{r}") for r in milestones.REASONS}
    lines = [
        "- "
        + tr(
            "overview.risk.item",
            milestone=md_escape(row.milestone),
            owner=md_escape(row.owner) or "—",
            due=date_text(row.due_date),
            progress=row.progress,
            expected=row.expected,
            reasons=", ".join(reasons[r] for r in row.reasons.split(",")),
        )
        for row in risky.itertuples()
    ]
    st.markdown("\n".join(lines))
    st.caption(tr("overview.risk.caption", date=date_text(as_of), margin=milestones.BEHIND_MARGIN))
