"""Step 7 of OPPOSITE: technology. Coverage of steps and touchpoints, cost against fit."""

import streamlit as st

from cxdash.charts import technology as figures
from cxdash.evidence import technology
from cxdash.markdown import md_escape
from cxdash.opposite import STEPS
from cxdash.opposite import step as opposite_step
from cxdash.schema import LIFECYCLES
from cxdash.ui import artefact_editor, cached, charts, database, settings_panel, step
from cxdash.ui.text import tr


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    lifecycle_labels = {k: tr(f"technology.lifecycle.{k}") for k in LIFECYCLES}
    lifecycle_labels[""] = tr("technology.lifecycle.unset")
    system_label = tr("technology.system")
    fit_label = tr("technology.fit")

    step.header(7)
    st.subheader(tr("step.evidence"))
    evidence_slot = st.container()
    step.artefact_heading(7)
    quadrant_slot = st.container()
    # The editor returns the saved inventory; every chart on this screen draws from it.
    saved = artefact_editor.editor(opposite_step(7).artefact, workshop=workshop)

    if saved.empty:
        evidence_slot.info(tr("technology.empty"), icon=":material/edit_note:")
    else:
        left, right = evidence_slot.columns([3, 2])
        with left:
            coverage = cached.derived(technology.step_coverage, saved)
            fig = charts.figure(
                figures.step_coverage,
                coverage,
                title=tr("technology.steps.title"),
                step_labels={s.number: tr(s.text_key("title")) for s in STEPS},
                lifecycle_labels=lifecycle_labels,
                system_label=system_label,
                step_label=tr("technology.step"),
                fit_label=fit_label,
                lifecycle_label=tr("technology.lifecycle"),
            )
            charts.show(
                fig, coverage, name="steps_by_system", caption=tr("technology.steps.caption")
            )
        with right:
            # Channels of the customer data, so that a touchpoint no system serves shows up.
            channels = tuple(cached.filter_options(database.data_version())["channel"])
            touchpoints = cached.derived(technology.touchpoint_coverage, saved, channels)
            fig = charts.figure(
                figures.touchpoint_coverage,
                touchpoints,
                title=tr("technology.touchpoints.title"),
                lifecycle_labels=lifecycle_labels,
                value_label=tr("technology.touchpoints.systems"),
                channel_label=tr("technology.touchpoints.channel"),
                none_label=tr("technology.touchpoints.none"),
            )
            caption = tr("technology.touchpoints.caption")
            charts.show(fig, touchpoints, name="systems_per_touchpoint", caption=caption)
        placed = cached.derived(technology.cost_fit, saved)
        with quadrant_slot:
            if not placed.empty:
                fig = charts.figure(
                    figures.cost_fit_quadrant,
                    placed,
                    title=tr("technology.quadrant.title"),
                    lifecycle_labels=lifecycle_labels,
                    quadrant_labels={
                        q: tr(f"technology.quadrant.{q}") for q in technology.QUADRANTS
                    },
                    cost_title=tr("technology.quadrant.cost", currency=settings_panel.currency()),
                    fit_title=fit_label,
                    system_label=system_label,
                    fit_line=technology.FIT_LINE,
                )
                charts.show(fig, placed, name="cost_fit", caption=tr("technology.quadrant.caption"))
            if missing := cached.derived(technology.left_out, saved):
                systems = ", ".join(md_escape(s) for s in missing)
                st.caption(tr("technology.quadrant.left_out", systems=systems))

    if scoring:
        step.maturity_score(7, workshop=workshop)
