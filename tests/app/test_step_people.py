"""Step 2 (people): journey heatmap, funnel, devices, segments, gaps and journey notes."""

from __future__ import annotations

from cxdash.i18n import t
from cxdash.schema import STAGES
from tests.app.conftest import assert_clean, chart_specs, charts, data_array

PAGE = "pages/2_people.py"


def test_people_shows_the_journey_evidence_and_the_notes(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    specs = chart_specs(at)
    assert [s["layout"]["title"]["text"] for s in specs] == [
        t("people.heatmap.title"),
        t("people.funnel.title"),
        t("people.devices.title"),
        t("people.segments.title"),
    ]
    stages = [t(f"people.stage.{s}") for s in STAGES]
    assert specs[0]["data"][0]["y"] == stages
    assert data_array(specs[1]["data"][0]["x"])[0] > 0  # customers aware in the period
    # The gap table lists stages; the journey notes show a card per stage, in journey order.
    gaps = at.dataframe[0].value
    assert set(gaps.iloc[:, 0]) <= set(stages) and len(gaps) > 0
    cards = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert cards == [f"#### {s}" for s in stages]
    editor = at.dataframe[1].value
    assert list(editor.columns) == ["stage", "customer_goal", "pain_points", "opportunities"]
    assert t("artefact.save") in [b.label for b in at.button]


def test_people_heatmap_switches_to_touchpoints(app):
    at = app.run()
    at.switch_page(PAGE).run()
    customers = data_array(chart_specs(at)[0]["data"][0]["z"])
    at.get("button_group")[0].set_value("touchpoints").run()
    assert_clean(at)
    heat = chart_specs(at)[0]["data"][0]
    assert t("people.heatmap.touchpoints") in heat["hovertemplate"]
    assert data_array(heat["z"]).sum() > customers.sum()


def test_people_on_an_empty_database_names_the_datasets_to_load(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    info = " ".join(i.value for i in at.info)
    assert "touchpoints" in info and "orders" in info and "customers" in info
    assert not charts(at)
    assert [c.value for c in at.caption].count(t("people.notes.empty")) == len(STAGES)
    assert at.dataframe and t("artefact.save") in [b.label for b in at.button]
