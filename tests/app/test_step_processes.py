"""Step 3 (processes): ticket evidence, the barrier heatmap and its editor."""

from __future__ import annotations

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_titles, charts

PAGE = "pages/3_processes.py"


def test_processes_shows_the_service_evidence_and_the_barrier_register(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    assert chart_titles(at) == [
        t("processes.by_month.title"),
        t("processes.backlog.title"),
        t("processes.resolution.title"),
        t("processes.rates.title"),
        t("processes.barriers.title"),
    ]
    editor = at.dataframe[0].value
    assert {"process", "barrier", "severity", "status"} <= set(editor.columns)
    assert len(editor) > 0
    assert t("artefact.save") in [b.label for b in at.button]


def test_processes_says_when_the_filters_select_no_tickets(app):
    app.query_params["channel"] = "web"  # the demo has orders on the web, tickets never
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    notes = [i.value for i in at.info]
    assert notes.count(t("processes.no_tickets")) == 3
    assert t("processes.backlog.none") in notes
    assert chart_titles(at) == [t("processes.barriers.title")]


def test_processes_on_an_empty_database(empty_app):
    at = empty_app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    notes = " ".join(i.value for i in at.info)
    assert "**tickets**" in notes
    assert t("processes.barriers.empty") in notes
    assert not charts(at)
    assert at.dataframe, "the barrier editor is there to add the first rows"
