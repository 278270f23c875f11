"""The server's start-up works out the default Overview before its first visitor (serving.py)."""

from __future__ import annotations

import pytest

from cxdash.ui import cached, charts, serving
from tests.app.conftest import assert_clean, chart_specs

# What the Overview asks of the database for a visitor without a link, and the warm-up answers.
PREPARED = {"kpi_results", "monthly_revenue", "monthly_kpis"}
# What it reads for the visitor's own workshop (the session chooses it): small tables.
PER_WORKSHOP = {"names", "averages", "read"}


@pytest.fixture
def computed(monkeypatch) -> list[str]:
    """The query functions that cache misses work out, in order."""
    names: list[str] = []
    real = cached._computed

    def counting(func, args):
        names.append(func.__name__)
        return real(func, args)

    monkeypatch.setattr(cached, "_computed", counting)
    return names


def test_the_first_visitor_finds_the_default_overview_worked_out(app, computed):
    serving.warm_default_view()
    assert PREPARED <= set(computed)  # the warm-up asked the database itself
    computed.clear()

    at = app.run()
    assert_clean(at)
    assert at.title[0].value == "Overview"
    # A query the Overview gains and the warm-up misses shows up here.
    assert set(computed) <= PER_WORKSHOP, computed


def test_the_first_visitor_finds_the_default_overview_s_figures_made(app, monkeypatch):
    serving.warm_default_view()
    made: list[str] = []
    keep = charts._KeptFigure.keep

    def counting(cls, figure):
        made.append(figure.layout.title.text)
        keep(figure)

    monkeypatch.setattr(charts._KeptFigure, "keep", classmethod(counting))
    at = app.run()
    assert_clean(at)
    assert len(chart_specs(at)) == 4
    # A chart whose inputs differ from the warm-up's (a label, the language) shows up here.
    assert made == []
    at.switch_page("pages/8_execution.py").run()
    assert made  # figures nobody made ahead are made, and counted, as ever


def test_without_the_warm_up_the_first_visitor_waits_for_them(app, computed):
    at = app.run()
    assert_clean(at)
    assert PREPARED | PER_WORKSHOP <= set(computed)


def test_no_database_yet_means_no_warm_up(tmp_path, monkeypatch, computed):
    missing = tmp_path / "none.duckdb"
    monkeypatch.setenv("CXDASH_DB", str(missing))
    serving.warm_default_view()
    assert computed == [] and not missing.exists()


def test_a_database_that_cannot_be_read_only_costs_the_warm_up(tmp_path, monkeypatch, caplog):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    monkeypatch.setenv("CXDASH_DB", str(broken))
    serving.warm_default_view()  # no exception: the server starts all the same
    assert "not prepared at start-up" in caplog.text


def test_the_work_a_first_run_would_do_once_per_process_is_done_quietly(caplog):
    serving.warm_once_per_process()  # outside a script run, as at start-up
    assert "missing ScriptRunContext" not in caplog.text
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
