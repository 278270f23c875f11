"""Step 2 of OPPOSITE: people. The journey by stage, channel and device, and journey notes."""

import streamlit as st

from cxdash.charts import journey as figures
from cxdash.evidence import journey as evidence
from cxdash.formatting import number
from cxdash.markdown import md_escape
from cxdash.opposite import step as opposite_step
from cxdash.schema import STAGES
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

THIN_SHARE = 2.0  # a channel under this % of a stage's touchpoints is a gap


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    args = (database.data_version(), view.period, view.filters)
    queries = (evidence.funnel, evidence.stage_channel, evidence.device_mix)
    queries += (evidence.segment_profile,)
    cached.prefetch(args[0], *((query, *args[1:]) for query in queries))
    stages = {s: tr(f"people.stage.{s}") for s in STAGES}
    no_data = tr("people.no_data")

    step.header(2)
    st.subheader(tr("step.evidence"))
    has_touchpoints = notices.needs("touchpoints")
    funnel = cached.query(evidence.funnel, *args) if has_touchpoints else None
    if has_touchpoints:
        cells = cached.query(evidence.stage_channel, *args)
        gaps = cached.derived(evidence.touchpoint_gaps, cells, THIN_SHARE)
        measures = {m: tr(f"people.heatmap.{m}") for m in ("customers", "touchpoints")}
        measure = st.segmented_control(
            tr("people.heatmap.measure"),
            list(measures),
            default="customers",
            format_func=measures.get,
            key=f"{keys}people_heatmap_measure",
            required=True,
        )
        figure = charts.figure(
            figures.stage_channel_heatmap,
            cells,
            value=measure,
            title=tr("people.heatmap.title"),
            value_label=measures[measure],
            stage_labels=stages,
            no_data=no_data,
            gaps=gaps,
            gap_label=tr("people.heatmap.gap"),
        )
        charts.show(figure, cells, name="journey_heatmap", caption=tr("people.heatmap.caption"))

        st.markdown(f"**{tr('people.gaps.heading')}**")
        if weakest := cached.derived(evidence.weakest_step, funnel):
            source, target = stages[weakest["from"]], stages[weakest["to"]]
            st.markdown(tr("people.gaps.weakest", source=source, target=target, pct=weakest["pct"]))
        if gaps.empty:
            st.caption(tr("people.gaps.none", share=THIN_SHARE))
        else:
            table = cached.derived(evidence.gap_summary, gaps)
            names = {g: tr(f"people.gaps.{g}") for g in ("missing", "thin")}
            table["stage"] = table["stage"].map(stages)
            st.dataframe(
                table, hide_index=True, column_config=names | {"stage": tr("column.stage")}
            )
            st.caption(tr("people.gaps.caption", share=THIN_SHARE))

        left, right = st.columns(2)
        with left:
            figure = charts.figure(
                figures.funnel_chart,
                funnel,
                title=tr("people.funnel.title"),
                value_label=tr("people.funnel.customers"),
                share_text=tr("people.funnel.share"),
                stage_labels=stages,
                no_data=no_data,
                lang=language(),
            )
            charts.show(figure, funnel, name="journey_funnel", caption=tr("people.funnel.caption"))
        with right:
            mix = cached.query(evidence.device_mix, *args)
            figure = charts.figure(
                figures.device_mix_bars,
                mix,
                title=tr("people.devices.title"),
                share_label=tr("people.devices.share"),
                touchpoints_label=tr("people.devices.touchpoints"),
                unknown_label=tr("people.devices.unknown"),
                stage_labels=stages,
                no_data=no_data,
            )
            charts.show(figure, mix, name="device_mix", caption=tr("people.devices.caption"))

    if notices.needs("orders", "customers"):
        profile = cached.query(evidence.segment_profile, *args)
        figure = charts.figure(
            figures.segment_profile_bars,
            profile,
            title=tr("people.segments.title"),
            customers_label=tr("people.segments.customers"),
            revenue_label=tr("people.segments.revenue"),
            nps_label=tr("people.segments.nps"),
            unknown_label=tr("people.segments.unknown"),
            no_data=no_data,
            currency=settings_panel.currency(),
        )
        charts.show(
            figure,
            profile,
            name="segment_profile",
            caption=tr("people.segments.caption"),
            filters=("segment", "y"),
        )
        st.caption(tr("people.segments.click"))

    step.artefact_heading(2)
    cards = st.container()
    saved = artefact_editor.editor(opposite_step(2).artefact, workshop=workshop)
    with cards:
        reach = (
            {} if funnel is None else dict(zip(funnel["stage"], funnel["customers"], strict=True))
        )
        notes = cached.derived(evidence.notes_in_journey_order, saved)
        for first in range(0, len(notes), 3):
            for column, note in zip(
                st.columns(3), notes.iloc[first : first + 3].itertuples(), strict=True
            ):
                with column.container(border=True, height="stretch"):
                    st.markdown(f"#### {stages[note.stage]}")
                    if note.stage in reach:
                        st.caption(
                            tr(
                                "people.notes.reach",
                                customers=number(reach[note.stage], lang=language()),
                            )
                        )
                    texts = [
                        (c, getattr(note, c)) for c in evidence.NOTE_COLUMNS if getattr(note, c)
                    ]
                    for name, text in texts:
                        st.markdown(f"**{tr(f'column.{name}')}**  \n{md_escape(text)}")
                    if not texts:
                        st.caption(tr("people.notes.empty"))

    if scoring:
        step.maturity_score(2, workshop=workshop)
