"""Step 5 (structure): load per team, the RASCI grid and its editor."""

from __future__ import annotations

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_specs, charts

PAGE = "pages/5_structure.py"


def test_structure_shows_the_load_per_team_and_the_rasci_grid(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    specs = chart_specs(at)
    assert [s["layout"]["title"]["text"] for s in specs] == [
        t("structure.load.title"),
        t("structure.matrix.title"),
    ]
    grid = specs[1]["data"][0]
    letters = {letter for row in grid["text"] for letter in row if letter}
    assert letters <= set("RASCI") and {"R", "A"} <= letters
    editor = at.dataframe[0].value
    assert list(editor.columns) == ["activity", "team", "role"] and len(editor) > 0


def test_structure_on_an_empty_database_hints_to_add_rows(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert any(t("structure.empty") in i.value for i in at.info)
    assert not charts(at)
    assert at.dataframe and t("artefact.save") in [b.label for b in at.button]
