"""Report evidence of the steps read from targets and the team's artefacts: 4 Objectives,
5 Structure, 7 Technology and 8 Execution (see :mod:`cxdash.report.evidence`).

Each function mirrors its step screen (``pages/{n}_*.py``): same query, same
figure builder, same catalog words; a widget's choice becomes its default.
"""

from __future__ import annotations

import duckdb

from cxdash import artefacts, dimensions
from cxdash.charts import milestones as milestone_charts
from cxdash.charts import practices as practice_charts
from cxdash.charts import scorecard as scorecard_charts
from cxdash.charts import structure as structure_charts
from cxdash.charts import technology as technology_charts
from cxdash.evidence import milestones, scorecard, structure, technology
from cxdash.formatting import format_date, format_period, percent
from cxdash.kpis import kpi
from cxdash.opposite import STEPS
from cxdash.report.evidence import Chart, Context, Item, Note
from cxdash.schema import HORIZONS, LIFECYCLES, RACI_ROLES

TREND_KPI = "nps"  # the KPI the Execution screen shows against its target first


def _bullet_words(c: Context, words: scorecard_charts.Words) -> dict:
    return {
        "value_label": c.tr("objectives.chart.value"),
        "status_label": c.tr("objectives.chart.status"),
        "no_status": c.tr("objectives.chart.no_status"),
        "fmt": words.fmt,
        "lang": c.lang,
    }


def objectives_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr = c.tr
    words = scorecard_charts.words(tr, c.currency, c.lang)
    card = scorecard.scorecard(c.results)
    items: list[Item] = []
    if note := c.missing("kpi_targets"):
        items.append(note)
    elif (targeted := card[card["target"].notna()]).empty:
        items.append(
            Note(tr("objectives.bullets.none", date=format_date(c.period.end, lang=c.lang)))
        )
    else:
        figure = scorecard_charts.bullets(
            targeted,
            title=tr("objectives.bullets.title"),
            group_labels=words.stage_labels,
            row_labels=words.kpi_labels,
            status_labels=words.status_labels,
            target_label=tr("objectives.chart.target"),
            **_bullet_words(c, words),
        )
        items.append(
            Chart(
                figure,
                tr(
                    "objectives.bullets.caption",
                    period=format_period(c.period.start, c.period.end, lang=c.lang),
                ),
            )
        )
    rows = artefacts.read(con, "milestones", c.workshop)
    goals = milestones.kpi_targets(rows, card)
    if not goals.empty:
        figure = scorecard_charts.bullets(
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
            **_bullet_words(c, words),
        )
        caption = tr(
            "objectives.milestone_kpis.caption",
            period=format_period(c.period.start, c.period.end, lang=c.lang),
        )
        items.append(Chart(figure, caption))
    dated = milestones.timeline(rows)
    if not dated.empty:
        columns = ("objective", "owner", "start_date", "due_date", "status", "progress", "kpi")
        figure = milestone_charts.timeline(
            dated,
            title=tr("objectives.timeline.title"),
            horizon_labels={h: h for h in HORIZONS} | {"": tr("objectives.horizon.unknown")},
            column_labels={col: tr(f"column.{col}") for col in columns},
            as_of=c.period.end,
            as_of_label=tr("objectives.timeline.as_of"),
        )
        items.append(Chart(figure, tr("objectives.timeline.caption")))
    return items


def structure_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr = c.tr
    saved = artefacts.read(con, "raci", c.workshop)
    if saved.empty:
        return []
    role_labels = {r: tr(f"structure.role.{r}") for r in RACI_ROLES}
    load = structure_charts.team_load(
        structure.team_load(saved),
        title=tr("structure.load.title"),
        role_labels=role_labels,
        value_label=tr("structure.activities"),
        team_label=tr("structure.team"),
    )
    grid = structure_charts.rasci_matrix(
        structure.rasci_matrix(saved),
        title=tr("structure.matrix.title"),
        role_labels=role_labels,
        activity_label=tr("structure.activity"),
        team_label=tr("structure.team"),
        role_label=tr("structure.role"),
    )
    return [
        Chart(load, tr("structure.load.caption")),
        Chart(grid, tr("structure.matrix.caption")),
    ]


def technology_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr = c.tr
    saved = artefacts.read(con, "tech_stack", c.workshop)
    if saved.empty:
        return []
    lifecycle_labels = {k: tr(f"technology.lifecycle.{k}") for k in LIFECYCLES}
    lifecycle_labels[""] = tr("technology.lifecycle.unset")
    system_label, fit_label = tr("technology.system"), tr("technology.fit")
    coverage = technology_charts.step_coverage(
        technology.step_coverage(saved),
        title=tr("technology.steps.title"),
        step_labels={s.number: tr(s.text_key("title")) for s in STEPS},
        lifecycle_labels=lifecycle_labels,
        system_label=system_label,
        step_label=tr("technology.step"),
        fit_label=fit_label,
        lifecycle_label=tr("technology.lifecycle"),
    )
    # Channels of the customer data, so that a touchpoint no system serves shows up.
    channels = tuple(dimensions.filter_options(con)["channel"])
    touchpoints = technology_charts.touchpoint_coverage(
        technology.touchpoint_coverage(saved, channels),
        title=tr("technology.touchpoints.title"),
        lifecycle_labels=lifecycle_labels,
        value_label=tr("technology.touchpoints.systems"),
        channel_label=tr("technology.touchpoints.channel"),
        none_label=tr("technology.touchpoints.none"),
    )
    items: list[Item] = [
        Chart(coverage, tr("technology.steps.caption")),
        Chart(touchpoints, tr("technology.touchpoints.caption")),
    ]
    placed = technology.cost_fit(saved)
    if not placed.empty:
        figure = technology_charts.cost_fit_quadrant(
            placed,
            title=tr("technology.quadrant.title"),
            lifecycle_labels=lifecycle_labels,
            quadrant_labels={q: tr(f"technology.quadrant.{q}") for q in technology.QUADRANTS},
            cost_title=tr("technology.quadrant.cost", currency=c.currency),
            fit_title=fit_label,
            system_label=system_label,
            fit_line=technology.FIT_LINE,
        )
        items.append(Chart(figure, tr("technology.quadrant.caption")))
    return items


def _kpi_against_target(con: duckdb.DuckDBPyConnection, c: Context) -> Item:
    tr = c.tr
    if note := c.missing(*kpi(TREND_KPI).datasets):
        return note
    words = scorecard_charts.words(tr, c.currency, c.lang)
    months = scorecard.monthly_kpis(con, (TREND_KPI,), c.period.end, c.filters)
    label = words.kpi_labels[TREND_KPI]
    figure = scorecard_charts.kpi_trend(
        months,
        unit=kpi(TREND_KPI).unit,
        words=words,
        title=tr("kpi_trend.chart", kpi=label),
        actual_label=tr("kpi_trend.actual"),
        target_label=tr("kpi_trend.target"),
        status_label=tr("kpi_trend.status"),
        no_status=tr("kpi_trend.no_status"),
    )
    return Chart(figure, tr("kpi_trend.caption"))


def execution_items(con: duckdb.DuckDBPyConnection, c: Context) -> list[Item]:
    tr = c.tr
    items: list[Item] = [_kpi_against_target(con, c)]
    rows = artefacts.read(con, "milestones", c.workshop)
    if rows.empty:
        items.append(Note(tr("execution.milestones.empty")))
    else:
        as_of = c.period.end
        counts = milestones.health_counts(rows, as_of).set_index("health")
        on_track = counts.loc[["done", "on_track"], "share"].sum()
        figure = milestone_charts.progress_bars(
            milestones.progress(rows, as_of),
            title=tr(
                "execution.milestones.chart", share=percent(on_track, lang=c.lang, decimals=0)
            ),
            progress_label=tr("execution.chart.progress"),
            expected_label=tr("execution.chart.expected"),
            column_labels={col: tr(f"column.{col}") for col in ("owner", "due_date", "status")},
            no_status=tr("execution.chart.no_status_text"),
        )
        caption = tr(
            "execution.milestones.caption",
            date=format_date(as_of, lang=c.lang),
            margin=milestones.BEHIND_MARGIN,
            **counts["milestones"].to_dict(),
        )
        items.append(Chart(figure, caption))
    practices = artefacts.read(con, "practices", c.workshop)
    if not practices.empty and not practices["date"].isna().all():
        figure = practice_charts.timeline(
            practices,
            title=tr("execution.practices.title"),
            practice_label=tr("column.practice"),
            team_label=tr("column.team"),
            date_label=tr("column.date"),
            result_label=tr("column.result"),
            no_team=tr("execution.practices.no_team"),
        )
        items.append(Chart(figure, tr("execution.practices.caption")))
    return items
