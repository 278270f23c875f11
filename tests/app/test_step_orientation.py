"""Step 1 (orientation): KPI trends, channel-mix shift and the trend radar with its editor."""

from __future__ import annotations

import numpy as np

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_specs, charts, data_array

PAGE = "pages/1_orientation.py"


def test_orientation_shows_trends_channel_mix_and_the_trend_radar(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    specs = chart_specs(at)
    assert [s["layout"]["title"]["text"] for s in specs] == [
        t("orientation.kpi_trends.title"),
        t("orientation.mobile.title"),
        t("orientation.contacts.title"),
        t("orientation.radar.title"),
    ]
    # Four default KPIs, 24 months each, with data in the latest month.
    lines = specs[0]["data"]
    assert [d["name"] for d in lines] == [
        t(f"kpi.{k}.label")
        for k in ("revenue", "active_customers", "nps", "same_day_resolution_rate")
    ]
    values = [data_array(d["y"]) for d in lines]
    assert all(len(v) == 24 and not np.isnan(v[-1]) for v in values)
    # The demo's trends include gaps, drawn as their own trace.
    radar = {d["name"] for d in specs[3]["data"]}
    assert t("orientation.radar.status.gap") in radar
    editor = at.dataframe[0].value
    assert list(editor.columns)[:2] == ["trend", "category"] and len(editor) > 0
    assert t("artefact.save") in [b.label for b in at.button]


def test_orientation_follows_the_kpi_picker(app):
    at = app.run()
    at.switch_page(PAGE).run()
    picker = next(g for g in at.get("button_group") if g.key == "orientation_kpis")
    picker.set_value(["aov"]).run()
    assert_clean(at)
    assert [d["name"] for d in chart_specs(at)[0]["data"]] == [t("kpi.aov.label")]
    picker = next(g for g in at.get("button_group") if g.key == "orientation_kpis")
    picker.set_value([]).run()
    assert t("orientation.kpi_trends.none") in [c.value for c in at.caption]
    assert len(charts(at)) == 3


def test_orientation_on_an_empty_database_names_the_datasets_to_load(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    info = " ".join(i.value for i in at.info)
    for dataset in ("orders", "surveys", "tickets"):
        assert dataset in info
    # Only the radar is drawn, saying it has no trends yet; the editor is there to add them.
    (radar,) = chart_specs(at)
    assert radar["layout"]["annotations"][-1]["text"] == t("orientation.radar.empty")
    assert at.dataframe and t("artefact.save") in [b.label for b in at.button]
