"""Step 8 of OPPOSITE: execution. KPI scorecard and trends, milestone progress, best practices."""

import streamlit as st

from cxdash import artefacts, kpis
from cxdash.charts import milestones as milestone_charts
from cxdash.charts import practices as practice_charts
from cxdash.charts import scorecard as scorecard_charts
from cxdash.evidence import milestones, scorecard
from cxdash.formatting import percent
from cxdash.opposite import step as opposite_step
from cxdash.ui import (
    artefact_editor,
    cached,
    charts,
    database,
    kpi_trend,
    scope,
    settings_panel,
    step,
)
from cxdash.ui.text import date_text, language, period_text, tr

_TREND_DEFAULT = "nps"  # the KPI the trend shows until the team picks another


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    version = database.data_version()
    words = scorecard_charts.words(tr, settings_panel.currency(), language())
    chosen_before = st.session_state.get(f"{keys}execution_trend_kpi", _TREND_DEFAULT)
    cached.prefetch(
        version,
        (kpis.kpi_results, view.period, view.filters),
        kpi_trend.monthly_query(chosen_before, view),
    )

    step.header(8)
    st.subheader(tr("step.evidence"))
    st.markdown(f"**{tr('execution.scorecard.title')}**")
    card = cached.derived(
        scorecard.scorecard, cached.kpi_results(version, view.period, view.filters)
    )
    columns = ("stage", "kpi", "value", "change", "target", "status", "needs")
    headers = {c: tr(f"execution.column.{c}") for c in columns}
    # The table's text is cached; only the tint, which Streamlit reads from a Styler, is redone.
    table, tints = cached.derived(
        scorecard_charts.scorecard_rows,
        card,
        words,
        headers=headers,
        no_status=tr("execution.chart.no_status"),
    )
    styled = scorecard_charts.tinted(table, tints, headers["status"])
    st.dataframe(styled, hide_index=True, height="content")
    st.caption(
        tr(
            "execution.scorecard.caption",
            period=period_text(view.period),
            previous=period_text(view.previous),
        )
    )

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('execution.trend.title')}**")
        chosen = st.selectbox(
            tr("execution.trend.pick"),
            scorecard.MONTHLY_KPIS,
            index=scorecard.MONTHLY_KPIS.index(_TREND_DEFAULT),
            format_func=words.kpi_labels.get,
            key=f"{keys}execution_trend_kpi",
        )
        kpi_trend.against_target(chosen, view, version, words, name=f"{chosen}_against_target")
    with right:
        st.markdown(f"**{tr('execution.milestones.title')}**")
        rows = cached.query(artefacts.read, version, "milestones", workshop)
        if rows.empty:
            st.info(tr("execution.milestones.empty"), icon=":material/flag:")
            st.page_link("pages/4_objectives.py", label=tr("execution.milestones.open_step"))
        else:
            as_of = view.period.end
            bars = cached.derived(milestones.progress, rows, as_of)
            counts = cached.derived(milestones.health_counts, rows, as_of).set_index("health")
            on_track = counts.loc[["done", "on_track"], "share"].sum()
            figure = charts.figure(
                milestone_charts.progress_bars,
                bars,
                title=tr(
                    "execution.milestones.chart",
                    share=percent(on_track, lang=language(), decimals=0),
                ),
                progress_label=tr("execution.chart.progress"),
                expected_label=tr("execution.chart.expected"),
                column_labels={c: tr(f"column.{c}") for c in ("owner", "due_date", "status")},
                no_status=tr("execution.chart.no_status_text"),
            )
            caption = tr(
                "execution.milestones.caption",
                date=date_text(as_of),
                margin=milestones.BEHIND_MARGIN,
                **counts["milestones"].to_dict(),
            )
            charts.show(figure, bars, name="milestone_progress", caption=caption)

    step.artefact_heading(8)
    chart_slot = st.container()
    saved = artefact_editor.editor(opposite_step(8).artefact, workshop=workshop)
    with chart_slot:
        if saved["date"].isna().all():
            st.info(tr("execution.practices.none"), icon=":material/timeline:")
        else:
            figure = charts.figure(
                practice_charts.timeline,
                saved,
                title=tr("execution.practices.title"),
                practice_label=tr("column.practice"),
                team_label=tr("column.team"),
                date_label=tr("column.date"),
                result_label=tr("column.result"),
                no_team=tr("execution.practices.no_team"),
            )
            charts.show(figure, saved, name="practices", caption=tr("execution.practices.caption"))
    if scoring:
        step.maturity_score(8, workshop=workshop)
