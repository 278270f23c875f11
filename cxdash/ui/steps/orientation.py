"""Step 1 of OPPOSITE: orientation. KPI trends, channel-mix shift and the trend radar."""

import streamlit as st

from cxdash.charts import orientation as figures
from cxdash.evidence import orientation as evidence
from cxdash.kpis import kpi
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
from cxdash.ui.text import tr


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    version = database.data_version()
    end, filters, start = view.period.end, view.filters, view.period.start
    no_data = tr("orientation.no_data")
    picked_before = st.session_state.get(f"{keys}orientation_kpis", evidence.DEFAULT_TREND_KPIS)
    cached.prefetch(
        version,
        (evidence.kpi_trends, end, filters, tuple(picked_before)),
        (evidence.mobile_share, end, filters),
        (evidence.contact_share, end, filters),
    )

    step.header(1)
    st.subheader(tr("step.evidence"))

    labels = {k: tr(kpi(k).label_key) for k in evidence.TREND_KPIS}
    picked = st.pills(
        tr("orientation.kpi_trends.pick"),
        evidence.TREND_KPIS,
        selection_mode="multi",
        default=evidence.DEFAULT_TREND_KPIS,
        format_func=labels.get,
        key=f"{keys}orientation_kpis",
    )
    if not picked:
        st.caption(tr("orientation.kpi_trends.none"))
    else:
        # Name the datasets still to load, and draw the KPIs whose data is there.
        wanted = dict.fromkeys(d for k in picked for d in kpi(k).datasets)
        shown = tuple(picked)
        if not notices.needs(*wanted):
            empty = set(notices.missing(*wanted))
            shown = tuple(k for k in picked if empty.isdisjoint(kpi(k).datasets))
        if shown:
            trends = cached.query(evidence.kpi_trends, version, end, filters, shown)
            figure = charts.figure(
                figures.kpi_trend_lines,
                trends,
                labels=labels,
                title=tr("orientation.kpi_trends.title"),
                no_data=no_data,
                currency=settings_panel.currency(),
                highlight_from=start,
            )
            caption = tr("orientation.kpi_trends.caption")
            charts.show(figure, trends, name="kpi_trends", caption=caption)

    left, right = st.columns(2)
    with left:
        if notices.needs("orders"):
            mobile = cached.query(evidence.mobile_share, version, end, filters)
            figure = charts.figure(
                figures.mobile_share_line,
                mobile,
                title=tr("orientation.mobile.title"),
                share_label=tr("orientation.mobile.share"),
                orders_label=tr("orientation.mobile.orders"),
                no_data=no_data,
                highlight_from=start,
            )
            charts.show(
                figure, mobile, name="mobile_share", caption=tr("orientation.mobile.caption")
            )
    with right:
        if notices.needs("tickets"):
            contacts = cached.query(evidence.contact_share, version, end, filters)
            figure = charts.figure(
                figures.contact_share_area,
                contacts,
                title=tr("orientation.contacts.title"),
                share_label=tr("orientation.contacts.share"),
                contacts_label=tr("orientation.contacts.count"),
                no_data=no_data,
                highlight_from=start,
            )
            charts.show(
                figure, contacts, name="contact_share", caption=tr("orientation.contacts.caption")
            )

    step.artefact_heading(1)
    radar = st.container()
    saved = artefact_editor.editor(opposite_step(1).artefact, workshop=workshop)
    statuses = {s: tr(f"orientation.radar.status.{s}") for s in ("covered", "planned", "gap")}
    with radar:
        figure = charts.figure(
            figures.trend_radar,
            saved,
            title=tr("orientation.radar.title"),
            x_title=tr("orientation.radar.impact"),
            y_title=tr("orientation.radar.certainty"),
            status_labels={**statuses, "": tr("orientation.radar.status.unset")},
            field_labels={c: tr(f"column.{c}") for c in ("category", "impact", "certainty")}
            | {"roadmap_status": tr("column.roadmap_status")},
            zone_label=tr("orientation.radar.zone"),
            no_data=tr("orientation.radar.empty"),
        )
        charts.show(figure, saved, name="trend_radar", caption=tr("orientation.radar.caption"))

    if scoring:
        step.maturity_score(1, workshop=workshop)
