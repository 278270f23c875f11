"""The Overview's glance, KPI trends against targets, maturity radar and milestones at risk."""

from __future__ import annotations

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_specs


def _titles(at) -> list[str]:
    return [s["layout"]["title"]["text"] for s in chart_specs(at)]


def test_overview_adds_glance_trend_radar_and_milestones_at_risk(app):
    at = app.run()
    assert_clean(at)
    assert _titles(at) == [
        t("overview.revenue_trend"),
        t("overview.glance.chart"),
        t("kpi_trend.chart", kpi=t("kpi.revenue.label")),
        t("overview.maturity.chart"),
    ]
    tiles = chart_specs(at)[1]["data"][0]
    assert len(tiles["x"]) == 6
    assert tiles["x"][0] == t("lifecycle.acquisition")
    radar = chart_specs(at)[3]["data"][0]
    assert radar["type"] == "scatterpolar" and len(radar["r"]) == 9
    risky = at.dataframe[0].value
    assert len(risky) > 0
    assert list(risky["due_date"]) == sorted(risky["due_date"])
    assert risky["reasons"].str.len().gt(0).all()


def test_picking_a_headline_kpi_redraws_its_trend(app):
    at = app.run()
    at.pills(key="overview_trend_kpi").set_value("nps").run()
    assert_clean(at)
    assert _titles(at)[2] == t("kpi_trend.chart", kpi=t("kpi.nps.label"))
    trend = chart_specs(at)[2]["data"]
    assert [d["name"] for d in trend[:2]] == [t("kpi_trend.target"), t("kpi_trend.actual")]
    assert any(v is not None for v in trend[0]["y"])  # NPS has monthly targets in the demo


def test_overview_on_an_empty_database_stays_clean(empty_app):
    at = empty_app.run()
    assert_clean(at)
    infos = " ".join(i.value for i in at.info)
    assert "orders" in infos
    assert t("overview.risk.empty") in infos
    radar = chart_specs(at)[-1]
    assert radar["layout"]["annotations"][0]["text"] == t("overview.chart.no_scores")
