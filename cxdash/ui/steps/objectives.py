"""Step 4 of OPPOSITE: objectives. KPIs against targets; objectives and milestones by horizon."""

import streamlit as st

from cxdash import artefacts
from cxdash.charts import milestones as milestone_charts
from cxdash.charts import scorecard as scorecard_charts
from cxdash.evidence import milestones, scorecard
from cxdash.opposite import step as opposite_step
from cxdash.schema import HORIZONS
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
from cxdash.ui.text import date_text, language, period_text, tr


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    version = database.data_version()
    words = scorecard_charts.words(tr, settings_panel.currency(), language())
    card = cached.derived(
        scorecard.scorecard, cached.kpi_results(version, view.period, view.filters)
    )
    bullet_words = {
        "value_label": tr("objectives.chart.value"),
        "status_label": tr("objectives.chart.status"),
        "no_status": tr("objectives.chart.no_status"),
        "fmt": words.fmt,
        "lang": words.lang,
    }

    step.header(4)
    st.subheader(tr("step.evidence"))
    if notices.needs("kpi_targets"):
        targeted = card[card["target"].notna()]
        if targeted.empty:
            st.info(tr("objectives.bullets.none", date=date_text(view.period.end)))
        else:
            figure = charts.figure(
                scorecard_charts.bullets,
                targeted,
                title=tr("objectives.bullets.title"),
                group_labels=words.stage_labels,
                row_labels=words.kpi_labels,
                status_labels=words.status_labels,
                target_label=tr("objectives.chart.target"),
                **bullet_words,
            )
            caption = tr("objectives.bullets.caption", period=period_text(view.period))
            charts.show(figure, targeted, name="kpis_against_targets", caption=caption)

    rows = cached.query(artefacts.read, version, "milestones", workshop)
    goals = cached.derived(milestones.kpi_targets, rows, card)
    if goals.empty:
        st.info(tr("objectives.milestone_kpis.none"), icon=":material/flag:")
    else:
        figure = charts.figure(
            scorecard_charts.bullets,
            goals,
            title=tr("objectives.milestone_kpis.title"),
            group_labels=words.kpi_labels,
            row_labels={},
            group_column="kpi",
            row_column="milestone",
            status_labels={
                "on_target": tr("objectives.milestone_kpis.reached"),
                "at_risk": tr("objectives.milestone_kpis.close"),
                "off_target": tr("objectives.milestone_kpis.not_yet"),
            },
            target_label=tr("objectives.milestone_kpis.target"),
            **bullet_words,
        )
        caption = tr("objectives.milestone_kpis.caption", period=period_text(view.period))
        charts.show(figure, goals, name="milestone_kpi_targets", caption=caption)

    step.artefact_heading(4)
    chart_slot = st.container()
    saved = artefact_editor.editor(opposite_step(4).artefact, workshop=workshop)
    with chart_slot:
        dated = cached.derived(milestones.timeline, saved)
        if dated.empty:
            st.info(tr("objectives.timeline.none"), icon=":material/timeline:")
        else:
            columns = ("objective", "owner", "start_date", "due_date", "status", "progress", "kpi")
            figure = charts.figure(
                milestone_charts.timeline,
                dated,
                title=tr("objectives.timeline.title"),
                horizon_labels={h: h for h in HORIZONS} | {"": tr("objectives.horizon.unknown")},
                column_labels={c: tr(f"column.{c}") for c in columns},
                as_of=view.period.end,
                as_of_label=tr("objectives.timeline.as_of"),
            )
            caption = tr("objectives.timeline.caption")
            charts.show(figure, dated, name="milestones_timeline", caption=caption)
    if scoring:
        step.maturity_score(4, workshop=workshop)
