"""The Overview's glance, KPI trends against targets, maturity radar and milestones at risk."""

from __future__ import annotations

from cxdash import artefacts, store
from cxdash.evidence import milestones
from cxdash.i18n import t
from cxdash.markdown import md_escape
from tests.app.conftest import assert_clean, chart_specs, chart_titles


def test_overview_adds_glance_trend_radar_and_milestones_at_risk(app, demo_db):
    at = app.run()
    assert_clean(at)
    assert chart_titles(at) == [
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
    assert not at.dataframe  # a short list: no table component to load in the browser
    listed = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert len(listed) == 1
    items = listed[0].split("\n")
    with store.connect(demo_db) as con:  # the app holds it open: same configuration
        saved = artefacts.read(con, "milestones")
    risky = milestones.at_risk(saved, at.date_input(key="scope_period").value[1])
    assert len(items) == len(risky) > 0
    # Soonest due first, each with its reasons, names shown as typed.
    for item, row in zip(items, risky.itertuples(), strict=True):
        assert item.startswith(f"- **{md_escape(row.milestone)}**")
        why = ", ".join(t(f"overview.risk.reason.{r}") for r in row.reasons.split(","))
        assert item.endswith(why)


def test_picking_a_headline_kpi_redraws_its_trend(app):
    at = app.run()
    at.pills(key="overview_trend_kpi").set_value("nps").run()
    assert_clean(at)
    assert chart_titles(at)[2] == t("kpi_trend.chart", kpi=t("kpi.nps.label"))
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
