"""Step 6 figures with their captions, in the reader's language.

Glue between the catalog and the pure figure builders of
:mod:`cxdash.charts.insights`, :mod:`cxdash.charts.retention` and
:mod:`cxdash.charts.feedback`: each function
takes an evidence frame and a language code and returns ``(figure, caption)``,
so the page stays a list of widgets and every text stays testable without
Streamlit. When the frame holds nothing to draw (no orders in the period under
the filters, no campaign, no known intent, ...), the figure is None and the
caption says why, so the page shows a sentence instead of an empty chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts import feedback as fb
from cxdash.charts import insights as ch
from cxdash.charts import retention
from cxdash.evidence import feedback, follow_ups, insights, rfm
from cxdash.formatting import format_date, number, percent
from cxdash.i18n import t
from cxdash.period import Period

View = tuple[go.Figure | None, str]


def _tr(language: str) -> Callable[..., str]:
    """``tr(key, **values)`` bound to ``language``, as the pages write it."""

    def tr(key: str, /, **values: object) -> str:
        return t(key, language, **values)

    return tr


def _money(language: str, currency: str) -> str:
    return t("insights.revenue", language, currency=currency)


def campaigns(frame: pd.DataFrame, language: str, currency: str) -> View:
    """Revenue by campaign (:func:`cxdash.evidence.insights.orders_by_campaign`)."""
    tr = _tr(language)
    if frame.empty:
        return None, tr("insights.empty.orders")
    if not (frame["kind"] == insights.CAMPAIGN).any():
        return None, tr(
            "insights.campaign.empty", orders=number(int(frame["orders"].sum()), lang=language)
        )
    fig = ch.campaign_bars(
        frame,
        title=tr("insights.campaign.title"),
        revenue_label=_money(language, currency),
        orders_label=tr("insights.orders"),
        share_label=tr("insights.revenue_share"),
        other_note=tr("insights.campaign.other_note"),
        none_note=tr("insights.campaign.none_note"),
        unknown_channel=tr("insights.campaign.unknown_channel"),
        lang=language,
    )
    return fig, tr("insights.campaign.caption", top=insights.TOP_CAMPAIGNS)


def intent(frame: pd.DataFrame, language: str, currency: str) -> View:
    """Orders by intent and device (:func:`cxdash.evidence.insights.orders_by_intent`)."""
    tr = _tr(language)
    known, total = insights.intent_coverage(frame)
    days = insights.INTENT_LOOKBACK_DAYS
    if not total:
        return None, tr("insights.empty.orders")
    if not known:
        return None, tr("insights.intent.empty", total=number(total, lang=language), days=days)
    fig = ch.intent_device_bars(
        frame,
        title=tr("insights.intent.title"),
        orders_label=tr("insights.orders"),
        revenue_label=_money(language, currency),
        intent_label=tr("insights.intent.axis"),
        unknown_device=tr("insights.intent.unknown_device"),
    )
    caption = tr(
        "insights.intent.caption",
        days=days,
        known=number(known, lang=language),
        total=number(total, lang=language),
        share=percent(known / total * 100, lang=language, decimals=0),
    )
    return fig, caption


def window_label(days: int, language: str) -> str:
    """The follow-up window as the selector shows it ("30 days")."""
    return t("insights.followup.days", language, days=days)


def what_follows(frame: pd.DataFrame, language: str, days: int) -> View:
    """What follows an order (:func:`cxdash.evidence.follow_ups.follow_ups`)."""
    tr = _tr(language)
    orders = int(frame["orders"].iloc[0]) if len(frame) else 0
    if not orders:
        return None, tr("insights.empty.orders")
    fig = ch.follow_up_bars(
        frame,
        title=tr("insights.followup.title", days=days),
        event_labels={e: tr(f"insights.followup.{e}") for e in follow_ups.FOLLOW_UPS},
        share_label=tr("insights.followup.share"),
        followed_label=tr("insights.followup.followed"),
        no_data=tr("common.no_data"),
        lang=language,
    )
    complete = int(frame["complete"].iloc[0])
    caption = tr(
        "insights.followup.caption",
        orders=number(orders, lang=language),
        days=days,
        complete=number(complete, lang=language),
    )
    return fig, caption


def rfm_segments(frame: pd.DataFrame, language: str, currency: str, end: dt.date) -> View:
    """RFM segments (:func:`cxdash.evidence.rfm.rfm_segments`)."""
    tr = _tr(language)
    if frame.empty:
        return None, tr("insights.rfm.empty", end=format_date(end, lang=language))
    fig = retention.rfm_bars(
        frame,
        title=tr("insights.rfm.title"),
        segment_labels={s: tr(f"insights.rfm.segment.{s}") for s in rfm.SEGMENTS},
        customers_label=tr("insights.rfm.customers"),
        revenue_label=tr("insights.rfm.revenue"),
        share_axis=tr("insights.rfm.axis"),
        details=tr("insights.rfm.details"),
        currency=currency,
        lang=language,
    )
    return fig, tr("insights.rfm.caption", end=format_date(end, lang=language))


def cohorts(frame: pd.DataFrame, language: str, period: Period, window: Period) -> View:
    """Cohort retention (:func:`cxdash.kpis.cohort_frame` over ``window``).

    The caption says when ``window`` is wider than the selected ``period``.
    """
    tr = _tr(language)
    dates = {"start": window.start.isoformat(), "end": window.end.isoformat()}
    if frame.empty:
        return None, tr("insights.cohort.empty", **dates)
    fig = retention.cohort_heatmap(
        frame,
        title=tr("insights.cohort.title"),
        k_label=tr("insights.cohort.k"),
        cohort_label=tr("insights.cohort.cohort"),
        rate_label=tr("insights.cohort.rate"),
        customers_label=tr("insights.cohort.customers"),
    )
    key = "insights.cohort.caption" if window == period else "insights.cohort.caption_extended"
    return fig, tr(key, **dates)


def _groups(language: str) -> dict[str, str]:
    return {g: t(f"insights.nps.{g}", language) for g in feedback.GROUPS}


def group_label(group: str, language: str) -> str:
    """A promoter/passive/detractor group as the comment filter shows it."""
    return _groups(language)[group]


def nps_trend(frame: pd.DataFrame, language: str) -> View:
    """NPS by month (:func:`cxdash.evidence.feedback.nps_monthly`)."""
    tr = _tr(language)
    if not frame["responses"].sum():
        return None, tr("insights.nps.empty")
    fig = fb.nps_trend(
        frame,
        title=tr("insights.nps.title"),
        group_labels=_groups(language),
        share_label=tr("insights.nps.share"),
        nps_label=tr("insights.nps.label"),
        responses_label=tr("insights.nps.responses"),
    )
    return fig, tr("insights.nps.caption")


def nps_split(frame: pd.DataFrame, language: str) -> View:
    """The period's split (:func:`cxdash.evidence.feedback.nps_split`)."""
    tr = _tr(language)
    responses = int(frame["responses"].sum())
    if not responses:
        return None, tr("insights.nps.split_empty")
    fig = fb.nps_split(
        frame,
        title=tr("insights.nps.split_title"),
        group_labels=_groups(language),
        nps_label=tr("insights.nps.label"),
        responses_label=tr("insights.nps.responses"),
        no_data=tr("common.no_data"),
    )
    return fig, tr("insights.nps.split_caption", responses=number(responses, lang=language))


def comments_caption(found: pd.DataFrame, language: str) -> str:
    """How many comments match (:func:`cxdash.evidence.feedback.search_comments`)."""
    matches = feedback.comment_matches(found)
    if not matches:
        return t("insights.comments.none", language)
    return t(
        "insights.comments.found",
        language,
        matches=number(matches, lang=language),
        shown=len(found),
    )


def owners(counts: pd.DataFrame, language: str) -> go.Figure:
    """Insights per owner (:func:`cxdash.evidence.insight_log.owner_counts`)."""
    tr = _tr(language)
    return ch.owner_bars(
        counts,
        title=tr("insights.log.owner_title"),
        insights_label=tr("insights.log.insights"),
        with_action=tr("insights.log.with_action"),
        without_action=tr("insights.log.without_action"),
    )
