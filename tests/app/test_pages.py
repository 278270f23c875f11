"""Every page runs through the real frame without an exception or an error box."""

from __future__ import annotations

import pytest

from cxdash.i18n import t
from cxdash.kpis import CATALOG
from cxdash.opposite import STEPS
from tests.app.conftest import assert_clean, chart_specs
from tests.unit.test_bundle import registered_traces

STEP_PAGES = [f"pages/{s.number}_{s.key}.py" for s in STEPS]


def test_overview_shows_every_kpi_card_and_the_revenue_trend(app):
    at = app.run()
    assert_clean(at)
    assert at.title[0].value == "Overview"
    labels = [m.label for m in at.metric]
    assert sorted(labels) == sorted(t(k.label_key) for k in CATALOG)
    # A demo database says so, and points to where real data goes.
    assert any("demo data" in i.value for i in at.info)
    revenue = next(m for m in at.metric if m.label == "Revenue")
    assert revenue.value not in ("", "no data")
    drawn = {trace.get("type", "scatter") for spec in chart_specs(at) for trace in spec["data"]}
    assert drawn and drawn <= registered_traces() | {"scatter"}


@pytest.mark.parametrize("page", [*STEP_PAGES, "pages/data.py", "pages/workshop.py"])
def test_every_page_runs(app, page):
    at = app.run()
    at.switch_page(page).run()
    assert_clean(at)
    assert at.title, page
    # Each chart's traces are of a type the served Plotly bundle holds.
    drawn = {trace.get("type", "scatter") for spec in chart_specs(at) for trace in spec["data"]}
    assert drawn <= registered_traces() | {"scatter"}, page


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_each_step_shows_its_purpose_and_guiding_questions(app, step):
    at = app.run()
    at.switch_page(f"pages/{step.number}_{step.key}.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert t(step.text_key("purpose")) in text
    for key in step.question_keys():
        assert t(key) in text


def test_data_page_lists_every_dataset_with_its_rows(app):
    at = app.run()
    at.switch_page("pages/data.py").run()
    assert_clean(at)
    table = at.dataframe[0].value
    counts = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert counts["orders"] > 0 and counts["customers"] > 0
