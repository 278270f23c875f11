"""Hostile text in the artefacts and the customer data is shown as typed on every screen.

A small demo database gets markup in every free-text column of every artefact
and in some customer data (segments, campaign names, a survey comment, a ticket
topic and channel, devices, intents). Every page must then run cleanly, no
Markdown element may carry the markup unescaped, and no figure may carry an
HTML tag from the data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cxdash import store
from cxdash.charts.text import plain
from cxdash.demo import build
from cxdash.markdown import md_escape
from cxdash.opposite import STEPS
from cxdash.schema import ARTEFACT_DATASETS, TEXT, dataset
from tests.app.conftest import APP, assert_clean, chart_specs

HOSTILE = (
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://127.0.0.1:9/x.png)",
    ":red[x]",
    "**bold**",
)
PAGES = [
    "pages/overview.py",
    *(f"pages/{s.number}_{s.key}.py" for s in STEPS),
    "pages/data.py",
    "pages/workshop.py",
]
# Columns a screen parses rather than shows: keep what they mean, add the markup after it.
_PARSED = {("tech_stack", "steps")}
# An HTML tag Plotly would draw (its own <br>, <b>, <extra> come from our templates).
_DATA_TAG = re.compile(r"<\s*/?\s*(script|a|img)\b", re.IGNORECASE)
# The same tag in Markdown, unless its "<" is backslash-escaped.
_MARKDOWN_TAG = re.compile(r"(?<!\\)<\s*/?\s*(script|a|img)\b", re.IGNORECASE)


def _hostile(i: int) -> str:
    return HOSTILE[i % len(HOSTILE)]


def _poison_artefacts(con) -> None:
    for name in ARTEFACT_DATASETS:
        columns = [
            c.name
            for c in dataset(name).columns
            if c.type == TEXT and c.name != "workshop" and not c.choices
        ]
        rowids = [r[0] for r in con.execute(f"SELECT rowid FROM {name} ORDER BY rowid").fetchall()]
        for i, rowid in enumerate(rowids):
            for j, column in enumerate(columns):
                if name == "milestones" and column == "kpi" and i % 2 == 0:
                    continue  # half the milestones keep a catalog KPI, so their chart is drawn
                # The row number keeps key columns unique.
                value = f"{_hostile(i + j)} {i}"
                if (name, column) in _PARSED:
                    con.execute(
                        f"UPDATE {name} SET {column} = {column} || ' ' || ? WHERE rowid = ?",
                        [value, rowid],
                    )
                else:
                    con.execute(f"UPDATE {name} SET {column} = ? WHERE rowid = ?", [value, rowid])
    # A system without a cost is named under the cost/fit chart.
    con.execute(
        "UPDATE tech_stack SET annual_cost = NULL WHERE rowid = (SELECT min(rowid) FROM tech_stack)"
    )


def _poison_customer_data(con) -> None:
    n = len(HOSTILE)
    for j, text in enumerate(HOSTILE):
        con.execute("UPDATE customers SET segment = ? WHERE rowid % 40 = ?", [text, j])
        con.execute("UPDATE campaigns SET name = ? WHERE rowid % ? = ?", [text, n, j])
        con.execute("UPDATE orders SET device = ? WHERE rowid % 60 = ?", [text, j])
        con.execute("UPDATE touchpoints SET device = ? WHERE rowid % 80 = ?", [text, j])
        con.execute("UPDATE touchpoints SET intent = ? WHERE rowid % 80 = ?", [text, j + n])
        con.execute("UPDATE touchpoints SET channel = ? WHERE rowid % 500 = ?", [text, j])
        con.execute("UPDATE tickets SET topic = ? WHERE rowid % ? = ?", [text, n, j])
        con.execute("UPDATE tickets SET channel = ? WHERE rowid % 100 = ?", [text, j])
        con.execute("UPDATE surveys SET comment = ? WHERE rowid % 50 = ?", [text, j])


def build_hostile(path: Path) -> Path:
    """A small demo database at ``path`` with the markup in place (the browser tests use it too)."""
    with store.connect(path) as con:
        build(con, scale="small", seed=7)
        _poison_artefacts(con)
        _poison_customer_data(con)
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    monkeypatch.setenv(store.ENV_DB, str(hostile_db))
    return AppTest.from_file(str(APP), default_timeout=60)


def _open(at: AppTest, page: str) -> AppTest:
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert_clean(at)
    return at


def _markdown_texts(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's Markdown: bodies, labels and help texts."""
    texts = []
    for node in at:
        if node.type in ("code", "bidi_component", "exception"):  # not Markdown
            continue
        proto = getattr(node, "proto", None)
        fields = getattr(getattr(proto, "DESCRIPTOR", None), "fields_by_name", {})
        texts += [getattr(proto, f) for f in ("body", "label", "help") if f in fields]
    return [t for t in texts if isinstance(t, str) and t]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _figure_strings(at: AppTest) -> list[str]:
    return [s for spec in chart_specs(at) for s in _strings(spec)]


def _assert_markdown_escaped(at: AppTest) -> None:
    for text in _markdown_texts(at):
        for hostile in HOSTILE:
            assert hostile not in text, text
        for raw in ("[click](javascript:", "![x](", ":red[x]", "**bold**"):
            assert raw not in text, text
        assert not _MARKDOWN_TAG.search(text), text


def _assert_figures_escaped(at: AppTest) -> None:
    for text in _figure_strings(at):
        assert not _DATA_TAG.search(text), text
        for hostile in HOSTILE[:3]:
            assert hostile not in text, text


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_text_as_text(hostile_app, page):
    at = _open(hostile_app, page)
    _assert_markdown_escaped(at)
    _assert_figures_escaped(at)


def _shown_in_figures(at: AppTest) -> set[str]:
    strings = "\n".join(_figure_strings(at))
    return {h for h in HOSTILE if plain(h) in strings}


def test_figures_name_the_hostile_values_escaped(hostile_app):
    # The test is only as good as its reach: the markup does reach the figures, escaped.
    seen: set[str] = set()
    for page in ("pages/1_orientation.py", "pages/2_people.py", "pages/3_processes.py"):
        seen |= _shown_in_figures(_open(hostile_app, page))
    assert seen == set(HOSTILE)


def test_journey_notes_show_the_team_text_escaped(hostile_app):
    at = _open(hostile_app, "pages/2_people.py")
    bodies = " ".join(m.value for m in at.markdown)
    assert sum(md_escape(h) in bodies for h in HOSTILE) >= 3


def test_insight_log_and_left_out_systems_are_escaped(hostile_app):
    at = _open(hostile_app, "pages/6_insights.py")
    assert any(md_escape(HOSTILE[3]) in m.value for m in at.markdown)
    at = _open(hostile_app, "pages/7_technology.py")
    left_out = [c.value for c in at.caption if md_escape(HOSTILE[0]) in c.value]
    assert left_out, [c.value for c in at.caption]


def test_link_values_in_notices_are_escaped(hostile_app):
    unknown = ["[click](javascript:alert(2))", "![y](http://127.0.0.1:9/y.png)", ":red[y]"]
    hostile_app.query_params["from"] = HOSTILE[4]
    # A hostile segment that is in the data is a valid choice; the others are named, escaped.
    hostile_app.query_params["segment"] = [HOSTILE[3], *unknown]
    at = hostile_app.run()
    assert_clean(at)
    assert at.sidebar.multiselect[0].value == [HOSTILE[3]]
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 + len(unknown)
    for value in (HOSTILE[4], *unknown):
        assert any(md_escape(value) in w for w in warnings), value
        assert not any(value in w for w in warnings), value
    _assert_markdown_escaped(at)


_HOSTILE_URL = {
    "from": "2024-13-45",
    "to": "2024-02-30",
    "segment": "' OR 1=1 --",
    "region": "x'); DROP TABLE orders; --",
    "channel": "<script>alert(1)</script>",
    "lang": "../../etc/passwd",
}


def test_hostile_url_parameters_are_ignored_with_a_notice(app):
    plain_run = app.run()
    assert_clean(plain_run)
    expected = [(m.label, m.value) for m in plain_run.metric]

    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in _HOSTILE_URL.items():
        at.query_params[name] = value
    at.run()
    assert_clean(at)
    warnings = [w.value for w in at.warning]
    # One notice per filter value and one for the language; each names the value
    # escaped, never as markup.
    assert len(warnings) == 6, warnings
    assert any("passwd" in w for w in warnings), warnings
    for name in ("from", "to", "segment", "region", "channel"):
        assert any(md_escape(_HOSTILE_URL[name]) in w for w in warnings), name
    # Nothing was applied: the same numbers as without the link, in English.
    assert [(m.label, m.value) for m in at.metric] == expected
    assert at.sidebar.multiselect and all(not m.value for m in at.sidebar.multiselect)
    assert "lang" not in at.query_params
    _assert_markdown_escaped(at)
