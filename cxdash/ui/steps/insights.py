"""Step 6 of OPPOSITE: insights & intent: why orders happen, what follows, what customers say."""

import streamlit as st

from cxdash.charts import insights_views as views
from cxdash.evidence import feedback, follow_ups, insight_log, insights, rfm
from cxdash.kpis import cohort_frame
from cxdash.opposite import step as opposite_step
from cxdash.ui import (
    artefact_editor,
    cached,
    charts,
    database,
    notices,
    scope,
    settings_panel,
    step,
)
from cxdash.ui.text import language, tr


def show(name: str, view, data, *more) -> None:
    """Draw ``view(data, *more)`` with its CSV download, or say why there is nothing to draw."""
    figure, caption = charts.figure(view, data, *more)
    if figure is None:
        st.info(caption, icon=":material/info:")
    else:
        charts.show(figure, data, name=name, caption=caption)


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    version, period, filters = database.data_version(), view.period, view.filters
    lang, currency = language(), settings_panel.currency()
    state = st.session_state
    days_before = state.get(f"{keys}insights_follow_days", follow_ups.FOLLOW_UP_DAYS[0])
    text_before = state.get(f"{keys}insights_comment_search") or ""
    group_before = state.get(f"{keys}insights_comment_group")
    cached.prefetch(
        version,
        (rfm.rfm_segments, period, filters),
        (cohort_frame, insights.cohort_period(period), filters),
        (insights.orders_by_campaign, period, filters),
        (insights.orders_by_intent, period, filters),
        (follow_ups.follow_ups, period, filters, days_before),
        (feedback.nps_monthly, period.end, filters),
        (feedback.nps_split, period, filters),
        (feedback.search_comments, period, filters, text_before, group_before),
    )

    step.header(6)
    st.subheader(tr("step.evidence"))

    if notices.needs("orders"):
        left, right = st.columns(2)
        with left:
            data = cached.query(insights.orders_by_campaign, version, period, filters)
            show("orders_by_campaign", views.campaigns, data, lang, currency)
        with right:
            if notices.needs("touchpoints"):
                data = cached.query(insights.orders_by_intent, version, period, filters)
                show("orders_by_intent_device", views.intent, data, lang, currency)

        left, right = st.columns(2)
        with left:
            days = st.segmented_control(
                tr("insights.followup.window"),
                follow_ups.FOLLOW_UP_DAYS,
                default=follow_ups.FOLLOW_UP_DAYS[0],
                required=True,
                format_func=lambda d: views.window_label(d, lang),
                key=f"{keys}insights_follow_days",
            )
            data = cached.query(follow_ups.follow_ups, version, period, filters, days)
            show(f"follow_ups_{days}d", views.what_follows, data, lang, days)
        with right:
            data = cached.query(rfm.rfm_segments, version, period, filters)
            show("rfm_segments", views.rfm_segments, data, lang, currency, period.end)

        window = insights.cohort_period(period)
        data = cached.query(cohort_frame, version, window, filters)
        show("cohort_retention", views.cohorts, data, lang, period, window)

    if notices.needs("surveys"):
        left, right = st.columns([3, 2])
        with left:
            data = cached.query(feedback.nps_monthly, version, period.end, filters)
            show("nps_by_month", views.nps_trend, data, lang)
        with right:
            data = cached.query(feedback.nps_split, version, period, filters)
            show("nps_split", views.nps_split, data, lang)

        st.markdown(f"#### {tr('insights.comments.heading')}")
        left, right = st.columns(2, vertical_alignment="bottom")
        text = left.text_input(
            tr("insights.comments.search"),
            placeholder=tr("insights.comments.placeholder"),
            max_chars=100,
            key=f"{keys}insights_comment_search",
        )
        group = right.segmented_control(
            tr("insights.comments.group"),
            feedback.GROUPS,
            format_func=lambda g: views.group_label(g, lang),
            key=f"{keys}insights_comment_group",
        )
        found = cached.query(feedback.search_comments, version, period, filters, text or "", group)
        st.caption(views.comments_caption(found, lang))
        widths = {"date": "small", "nps": "small", "channel": "small", "comment": "large"}
        config = {c: st.column_config.Column(tr(f"column.{c}"), width=w) for c, w in widths.items()}
        st.dataframe(found, hide_index=True, column_order=list(config), column_config=config)

    step.artefact_heading(6)
    board = st.container()  # the readable log goes above the grid that edits it
    saved = artefact_editor.editor(opposite_step(6).artefact, workshop=workshop)
    with board:
        if saved.empty:
            st.info(tr("insights.log.empty"), icon=":material/lightbulb:")
        else:
            labels = {f: tr(f"column.{f}") for f in ("evidence", "action", "owner")}
            missing = tr("insights.log.missing")
            st.markdown(cached.derived(insight_log.as_markdown, saved, **labels, missing=missing))
            no_owner = tr("insights.log.no_owner")
            counts = cached.derived(insight_log.owner_counts, saved, no_owner)
            if insight_log.worth_a_chart(counts, no_owner):
                charts.show(
                    charts.figure(views.owners, counts, lang), counts, name="insights_per_owner"
                )

    if scoring:
        step.maturity_score(6, workshop=workshop)
