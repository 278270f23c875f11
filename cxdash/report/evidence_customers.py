"""Report evidence of the steps read from customer data: 1 Orientation, 2 People,
3 Processes and 6 Insights & intent (see :mod:`cxdash.report.evidence`).

Each function mirrors its step screen (``pages/{n}_*.py``): same query, same
figure builder, same catalog words; a widget's choice becomes its default.
"""

from __future__ import annotations

import duckdb

from cxdash import artefacts
from cxdash.charts import insights_views as views
from cxdash.charts import journey as journey_charts
from cxdash.charts import orientation as orientation_charts
from cxdash.charts import service as service_charts
from cxdash.evidence import feedback, follow_ups, insights, journey, orientation, rfm, service
from cxdash.kpis import cohort_frame, kpi
from cxdash.report.evidence import Chart, Context, Item, Note
from cxdash.schema import STAGES

THIN_SHARE = 2.0  # as on the People screen: a channel under this % of a stage is a gap


def orientation_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr, end, start = c.tr, c.period.end, c.period.start
    no_data = tr("orientation.no_data")
    items: list[Item] = []
    labels = {k: tr(kpi(k).label_key) for k in orientation.TREND_KPIS}
    shown = tuple(
        k for k in orientation.DEFAULT_TREND_KPIS if all(c.counts.get(d) for d in kpi(k).datasets)
    )
    if shown:
        trends = orientation.kpi_trends(con, end, c.filters, shown)
        figure = orientation_charts.kpi_trend_lines(
            trends,
            labels=labels,
            title=tr("orientation.kpi_trends.title"),
            no_data=no_data,
            currency=c.currency,
            highlight_from=start,
        )
        items.append(Chart(figure, tr("orientation.kpi_trends.caption")))
    if note := c.missing("orders"):
        items.append(note)
    else:
        mobile = orientation.mobile_share(con, end, c.filters)
        figure = orientation_charts.mobile_share_line(
            mobile,
            title=tr("orientation.mobile.title"),
            share_label=tr("orientation.mobile.share"),
            orders_label=tr("orientation.mobile.orders"),
            no_data=no_data,
            highlight_from=start,
        )
        items.append(Chart(figure, tr("orientation.mobile.caption")))
    if note := c.missing("tickets"):
        items.append(note)
    else:
        contacts = orientation.contact_share(con, end, c.filters)
        figure = orientation_charts.contact_share_area(
            contacts,
            title=tr("orientation.contacts.title"),
            share_label=tr("orientation.contacts.share"),
            contacts_label=tr("orientation.contacts.count"),
            no_data=no_data,
            highlight_from=start,
        )
        items.append(Chart(figure, tr("orientation.contacts.caption")))
    saved = artefacts.read(con, "trends", c.workshop)
    if not saved.empty:
        statuses = {s: tr(f"orientation.radar.status.{s}") for s in ("covered", "planned", "gap")}
        fields = ("category", "impact", "certainty", "roadmap_status")
        figure = orientation_charts.trend_radar(
            saved,
            title=tr("orientation.radar.title"),
            x_title=tr("orientation.radar.impact"),
            y_title=tr("orientation.radar.certainty"),
            status_labels={**statuses, "": tr("orientation.radar.status.unset")},
            field_labels={f: tr(f"column.{f}") for f in fields},
            zone_label=tr("orientation.radar.zone"),
            no_data=tr("orientation.radar.empty"),
        )
        items.append(Chart(figure, tr("orientation.radar.caption")))
    return items


def people_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr, args = c.tr, (c.period, c.filters)
    stages = {s: tr(f"people.stage.{s}") for s in STAGES}
    no_data = tr("people.no_data")
    items: list[Item] = []
    if note := c.missing("touchpoints"):
        items.append(note)
    else:
        cells = journey.stage_channel(con, *args)
        figure = journey_charts.stage_channel_heatmap(
            cells,
            value="customers",
            title=tr("people.heatmap.title"),
            value_label=tr("people.heatmap.customers"),
            stage_labels=stages,
            no_data=no_data,
            gaps=journey.touchpoint_gaps(cells, THIN_SHARE),
            gap_label=tr("people.heatmap.gap"),
        )
        items.append(Chart(figure, tr("people.heatmap.caption")))
        funnel = journey.funnel(con, *args)
        if weakest := journey.weakest_step(funnel):
            source, target = stages[weakest["from"]], stages[weakest["to"]]
            items.append(
                Note(tr("people.gaps.weakest", source=source, target=target, pct=weakest["pct"]))
            )
        figure = journey_charts.funnel_chart(
            funnel,
            title=tr("people.funnel.title"),
            value_label=tr("people.funnel.customers"),
            share_text=tr("people.funnel.share"),
            stage_labels=stages,
            no_data=no_data,
            lang=c.lang,
        )
        items.append(Chart(figure, tr("people.funnel.caption")))
        figure = journey_charts.device_mix_bars(
            journey.device_mix(con, *args),
            title=tr("people.devices.title"),
            share_label=tr("people.devices.share"),
            touchpoints_label=tr("people.devices.touchpoints"),
            unknown_label=tr("people.devices.unknown"),
            stage_labels=stages,
            no_data=no_data,
        )
        items.append(Chart(figure, tr("people.devices.caption")))
    if note := c.missing("orders", "customers"):
        items.append(note)
    else:
        figure = journey_charts.segment_profile_bars(
            journey.segment_profile(con, *args),
            title=tr("people.segments.title"),
            customers_label=tr("people.segments.customers"),
            revenue_label=tr("people.segments.revenue"),
            nps_label=tr("people.segments.nps"),
            unknown_label=tr("people.segments.unknown"),
            no_data=no_data,
            currency=c.currency,
        )
        items.append(Chart(figure, tr("people.segments.caption")))
    return items


def _service_charts(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr, end = c.tr, c.period.end
    tickets, channel = tr("processes.tickets"), tr("processes.channel")
    no_tickets = Note(tr("processes.no_tickets"))
    items: list[Item] = []
    monthly = service.tickets_by_month(con, end, c.filters)
    if monthly.empty:
        items.append(no_tickets)
    else:
        figure = service_charts.tickets_by_month(
            monthly,
            title=tr("processes.by_month.title"),
            value_label=tickets,
            channel_label=channel,
        )
        items.append(Chart(figure, tr("processes.by_month.caption")))
    backlog = service.open_backlog(con, end, c.filters)
    if backlog.empty:
        items.append(Note(tr("processes.backlog.none")))
    else:
        figure = service_charts.open_backlog(
            backlog,
            title=tr("processes.backlog.title"),
            age_labels={a: tr(f"processes.age.{a}") for a in service.BACKLOG_AGES},
            value_label=tickets,
            total_label=tr("processes.backlog.total"),
        )
        items.append(Chart(figure, tr("processes.backlog.caption")))
    times = service.resolution_times(con, c.period, c.filters)
    rates = service.resolution_rates(con, c.period, c.filters)
    if times.empty or rates.empty:
        items.append(no_tickets)
        return items
    figure = service_charts.resolution_times(
        times,
        title=tr("processes.resolution.title"),
        bucket_labels={b: tr(f"processes.bucket.{b}") for b in service.RESOLUTION_BUCKETS},
        share_label=tr("processes.resolution.share"),
        tickets_label=tickets,
        channel_label=channel,
    )
    items.append(Chart(figure, tr("processes.resolution.caption")))
    figure = service_charts.resolution_rates(
        rates,
        title=tr("processes.rates.title"),
        fcr_label=tr("processes.rates.fcr"),
        same_day_label=tr("processes.rates.same_day"),
        share_label=tr("processes.rates.share"),
        tickets_label=tickets,
    )
    items.append(Chart(figure, tr("processes.rates.caption")))
    return items


def processes_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr = c.tr
    items = [note] if (note := c.missing("tickets")) else _service_charts(con, c)
    barriers = artefacts.read(con, "barriers", c.workshop)
    matrix = service.barrier_matrix(barriers, blank=tr("processes.barriers.blank"))
    if not matrix.empty:
        figure = service_charts.barrier_heatmap(
            matrix,
            title=tr("processes.barriers.title"),
            area_label=tr("processes.barriers.area"),
            status_label=tr("processes.barriers.status"),
            count_label=tr("processes.barriers.count"),
            severity_label=tr("processes.barriers.severity"),
        )
        items.append(Chart(figure, tr("processes.barriers.caption")))
    return items


def _view(shown: views.View) -> Item:
    figure, caption = shown
    return Note(caption) if figure is None else Chart(figure, caption)


def insights_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    lang, period, filters = c.lang, c.period, c.filters
    items: list[Item] = []
    if note := c.missing("orders"):
        items.append(note)
    else:
        frame = insights.orders_by_campaign(con, period, filters)
        items.append(_view(views.campaigns(frame, lang, c.currency)))
        if not c.missing("touchpoints"):
            frame = insights.orders_by_intent(con, period, filters)
            items.append(_view(views.intent(frame, lang, c.currency)))
        days = follow_ups.FOLLOW_UP_DAYS[0]
        frame = follow_ups.follow_ups(con, period, filters, days)
        items.append(_view(views.what_follows(frame, lang, days)))
        frame = rfm.rfm_segments(con, period, filters)
        items.append(_view(views.rfm_segments(frame, lang, c.currency, period.end)))
        window = insights.cohort_period(period)
        frame = cohort_frame(con, window, filters)
        items.append(_view(views.cohorts(frame, lang, period, window)))
    if note := c.missing("surveys"):
        items.append(note)
    else:
        items.append(_view(views.nps_trend(feedback.nps_monthly(con, period.end, filters), lang)))
        items.append(_view(views.nps_split(feedback.nps_split(con, period, filters), lang)))
    return items
