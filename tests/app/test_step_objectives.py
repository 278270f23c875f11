"""Step 4 (objectives): KPI bullets, milestone targets, the timeline by horizon and the editor."""

from __future__ import annotations

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_specs, charts

PAGE = "pages/4_objectives.py"


def test_objectives_show_bullets_milestone_targets_and_the_timeline(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    specs = chart_specs(at)
    titles = [s["layout"]["title"]["text"] for s in specs]
    assert titles == [
        t("objectives.bullets.title"),
        t("objectives.milestone_kpis.title"),
        t("objectives.timeline.title"),
    ]
    # The demo has a target for every KPI in its last quarter: one bullet each.
    bars = specs[0]["data"][1]
    assert len(bars["y"][1]) == 20
    assert t("kpi.nps.label") in bars["y"][1]
    # The timeline: one trace per horizon the demo milestones use.
    horizons = [trace["name"] for trace in specs[2]["data"]]
    assert horizons == ["6m", "1y", "2y", "3y", "5y"]
    # The artefact is editable in place.
    assert any(b.label == t("artefact.save") for b in at.button)
    assert len(at.dataframe[0].value) == 10


def test_objectives_on_an_empty_database_say_what_to_load(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert not charts(at)
    infos = " ".join(i.value for i in at.info)
    assert "kpi_targets" in infos
    assert t("objectives.timeline.none") in infos
    assert any(b.label == t("artefact.save") for b in at.button)
