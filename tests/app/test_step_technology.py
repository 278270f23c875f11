"""Step 7 (technology): coverage of steps and touchpoints, cost against fit, the editor."""

from __future__ import annotations

from cxdash.i18n import t
from cxdash.opposite import STEPS
from tests.app.conftest import assert_clean, chart_specs, charts

PAGE = "pages/7_technology.py"


def test_technology_shows_coverage_quadrant_and_the_inventory(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    specs = chart_specs(at)
    assert [s["layout"]["title"]["text"] for s in specs] == [
        t("technology.steps.title"),
        t("technology.touchpoints.title"),
        t("technology.quadrant.title"),
    ]
    # The coverage matrix has a column for each of the eight steps, named as the steps are.
    assert specs[0]["data"][0]["x"] == [t(s.text_key("title")) for s in STEPS]
    editor = at.dataframe[0].value
    assert {"system", "steps", "touchpoints", "fit", "lifecycle"} <= set(editor.columns)
    assert len(editor) > 0


def test_technology_on_an_empty_database_hints_to_add_rows(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert any(t("technology.empty") in i.value for i in at.info)
    assert not charts(at)
    assert at.dataframe and t("artefact.save") in [b.label for b in at.button]
