"""Step 3 of OPPOSITE: processes. The service process in the tickets, and the barrier register."""

from functools import partial

import streamlit as st

from cxdash.charts import service as figures
from cxdash.evidence import service
from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, cached, charts, database, notices, scope, step
from cxdash.ui.text import tr


def show(data, build, name, caption_key, empty_key="processes.no_tickets", filters=None):
    """Draw ``build(data)``, or say that the period and filters select no tickets."""
    if data.empty:
        st.info(tr(empty_key), icon=":material/filter_alt_off:")
    else:
        charts.show(
            charts.figure(build, data), data, name=name, caption=tr(caption_key), filters=filters
        )


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    view = scope.current()
    version = database.data_version()
    end, period, filters = view.period.end, view.period, view.filters
    cached.prefetch(
        version,
        (service.tickets_by_month, end, filters),
        (service.open_backlog, end, filters),
        (service.resolution_times, period, filters),
        (service.resolution_rates, period, filters),
    )
    tickets_label = tr("processes.tickets")
    channel_label = tr("processes.channel")

    step.header(3)
    st.subheader(tr("step.evidence"))
    if notices.needs("tickets"):
        left, right = st.columns(2)
        with left:
            monthly = cached.query(service.tickets_by_month, version, view.period.end, view.filters)
            by_month = partial(
                figures.tickets_by_month,
                title=tr("processes.by_month.title"),
                value_label=tickets_label,
                channel_label=channel_label,
            )
            show(monthly, by_month, "tickets_by_channel", "processes.by_month.caption")
        with right:
            backlog = cached.query(service.open_backlog, version, view.period.end, view.filters)
            by_age = partial(
                figures.open_backlog,
                title=tr("processes.backlog.title"),
                age_labels={a: tr(f"processes.age.{a}") for a in service.BACKLOG_AGES},
                value_label=tickets_label,
                total_label=tr("processes.backlog.total"),
            )
            show(
                backlog,
                by_age,
                "open_backlog",
                "processes.backlog.caption",
                "processes.backlog.none",
            )
        left, right = st.columns(2)
        with left:
            times = cached.query(service.resolution_times, version, view.period, view.filters)
            histogram = partial(
                figures.resolution_times,
                title=tr("processes.resolution.title"),
                bucket_labels={b: tr(f"processes.bucket.{b}") for b in service.RESOLUTION_BUCKETS},
                share_label=tr("processes.resolution.share"),
                tickets_label=tickets_label,
                channel_label=channel_label,
            )
            show(times, histogram, "resolution_times", "processes.resolution.caption")
        with right:
            rates = cached.query(service.resolution_rates, version, view.period, view.filters)
            grouped = partial(
                figures.resolution_rates,
                title=tr("processes.rates.title"),
                fcr_label=tr("processes.rates.fcr"),
                same_day_label=tr("processes.rates.same_day"),
                share_label=tr("processes.rates.share"),
                tickets_label=tickets_label,
            )
            # A click on a channel's bars narrows every screen to that channel.
            show(
                rates,
                grouped,
                "resolution_rates",
                "processes.rates.caption",
                filters=("channel", "x"),
            )
            st.caption(tr("processes.rates.click"))

    step.artefact_heading(3)
    chart_slot = st.container()
    saved = artefact_editor.editor(opposite_step(3).artefact, workshop=workshop)
    with chart_slot:
        matrix = cached.derived(service.barrier_matrix, saved, blank=tr("processes.barriers.blank"))
        if matrix.empty:
            st.info(tr("processes.barriers.empty"), icon=":material/edit_note:")
        else:
            heatmap = charts.figure(
                figures.barrier_heatmap,
                matrix,
                title=tr("processes.barriers.title"),
                area_label=tr("processes.barriers.area"),
                status_label=tr("processes.barriers.status"),
                count_label=tr("processes.barriers.count"),
                severity_label=tr("processes.barriers.severity"),
            )
            caption = tr("processes.barriers.caption")
            charts.show(heatmap, matrix, name="barriers_by_area_status", caption=caption)

    if scoring:
        step.maturity_score(3, workshop=workshop)
