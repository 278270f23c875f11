"""Step 8 (execution): KPI scorecard, actual vs target over time, milestone progress, practices."""

from __future__ import annotations

from cxdash.i18n import t
from cxdash.kpis import CATALOG
from tests.app.conftest import assert_clean, chart_titles, charts

PAGE = "pages/8_execution.py"


def test_execution_shows_scorecard_trend_progress_and_the_practices(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    titles = chart_titles(at)
    assert len(titles) == 3, titles
    assert titles[0] == t("kpi_trend.chart", kpi=t("kpi.nps.label"))
    assert titles[1].startswith("Progress of each milestone")
    assert titles[2] == t("execution.practices.title")
    scorecard = at.dataframe[0].value
    assert len(scorecard) == len(CATALOG)
    statuses = {t(f"status.{s}") for s in ("on_target", "at_risk", "off_target")}
    assert set(scorecard[t("execution.column.status")]) <= statuses | {
        t("execution.chart.no_status")
    }
    assert set(scorecard[t("execution.column.status")]) & statuses
    # The best-practice log is editable in place.
    assert len(at.dataframe) == 2
    assert any(b.label == t("artefact.save") for b in at.button)


def test_picking_a_kpi_redraws_its_monthly_trend(app):
    at = app.run()
    at.switch_page(PAGE).run()
    at.selectbox(key="execution_trend_kpi").set_value("revenue").run()
    assert_clean(at)
    assert chart_titles(at)[0] == t("kpi_trend.chart", kpi=t("kpi.revenue.label"))


def test_execution_on_an_empty_database_says_what_to_load(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert not charts(at)
    infos = " ".join(i.value for i in at.info)
    assert "surveys" in infos
    assert t("execution.milestones.empty") in infos
    assert t("execution.practices.none") in infos
    # The scorecard still lists every KPI, naming the data each one needs.
    table = at.dataframe[0].value
    assert len(table) == len(CATALOG)
    assert "orders" in set(table[t("execution.column.needs")])
