"""The shareable report: complete, offline, escaped, translated; and its CLI."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cxdash import artefacts, maturity, report, store, workshops
from cxdash.demo import build
from cxdash.filters import Filters
from cxdash.formatting import format_period
from cxdash.i18n import t
from cxdash.kpis import CATALOG
from cxdash.opposite import STEPS
from cxdash.period import Period

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>"
BREAKOUT = "</script><img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://evil.example","click")'
PERIOD = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
GENERATED = dt.datetime(2026, 7, 1, 9, 30)
WORKSHOP = "Board <b>day</b> & co"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A small demo database with hostile text in an artefact and a recorded workshop."""
    path = tmp_path_factory.mktemp("report") / "demo.duckdb"
    with store.connect(path) as con:
        build(con, scale="small", seed=7)
        trends = artefacts.read(con, "trends")
        hostile = trends.iloc[[0, 0, 0]].copy()
        hostile["trend"] = [HOSTILE, BREAKOUT, FORMULA]
        result = artefacts.save(con, "trends", pd.concat([trends, hostile], ignore_index=True))
        assert result is not None and result.ok, result and result.report()
        workshops.create(
            con,
            WORKSHOP,
            held_on=dt.date(2026, 6, 12),
            facilitator="Aziza <i>K.</i>",
            participants="Dilnoza R.\n<img src=x onerror=alert(3)>",
            team="CX office",
            copy_from="default",
        )
        workshops.save_step(
            con, WORKSHOP, 3, notes=f"Backlog too long {HOSTILE}", decisions="Hire two agents"
        )
        maturity.record(con, 3, "Dilnoza R.", 2, workshop=WORKSHOP)
        maturity.record(con, 3, "<img src=x onerror=alert(3)>", 5, workshop=WORKSHOP)
    return path


@pytest.fixture(scope="module")
def html(demo_db) -> str:
    with store.connect(demo_db, read_only=True) as con:
        return report.render(con, PERIOD, lang="en", generated=GENERATED)


@pytest.fixture(scope="module")
def workshop_html(demo_db) -> str:
    with store.connect(demo_db, read_only=True) as con:
        return report.render(con, PERIOD, workshop=WORKSHOP, generated=GENERATED)


def _without_scripts(text: str) -> str:
    return re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S | re.I)


def _steps(text: str) -> dict[int, str]:
    """Each step's section of the report, by step number."""
    found = re.findall(r'<section class="step" id="step-(\d)">(.*?)</section>', text, re.S)
    return {int(n): body for n, body in found}


def test_states_the_period_comparison_period_filters_and_generation_date(html):
    # Periods are written the reader's way, not as ISO dates.
    assert format_period(PERIOD.start, PERIOD.end) in html  # Apr 1 – Jun 30, 2026
    previous = PERIOD.previous()
    assert format_period(previous.start, previous.end) in html  # Dec 31, 2025 – Mar 31, 2026
    assert "2026-04-01 – 2026-06-30" not in html
    assert "2026-07-01 09:30" in html
    summary = html.split(t("report.kpis.table"), 1)[0]
    assert summary.count(f"<dd>{t('filters.all')}</dd>") == 3  # segment, region, channel


def test_every_kpi_label_is_in_the_summary(html):
    summary = html.split(t("report.kpis.table"), 1)[1].split(t("report.charts"), 1)[0]
    for definition in CATALOG:
        assert f"<td>{t(definition.label_key)}</td>" in summary, definition.id
    assert summary.count("<tr>") == len(CATALOG) + 1  # the header row and one per KPI


def test_the_eight_steps_come_in_order_each_with_its_evidence_maturity_and_artefact(html):
    titles = [html_lib.escape(t(s.text_key("title"))) for s in STEPS]  # 6 · Insights &amp; intent
    positions = [html.find(f"<h2>{title}</h2>") for title in titles]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)
    steps = _steps(html)
    assert sorted(steps) == list(range(1, 9))
    for number, body in steps.items():
        step = STEPS[number - 1]
        assert f"<h3>{t('step.evidence')}</h3>" in body, number
        assert "Plotly.newPlot" in body, f"step {number} has no evidence chart"
        assert f"<h3>{t('report.maturity')}</h3>" in body, number
        assert f"<h3>{html_lib.escape(t(step.text_key('artefact')))}</h3>" in body, number


@pytest.mark.parametrize(
    ("number", "title_keys"),
    [
        (
            1,
            ("orientation.kpi_trends.title", "orientation.mobile.title", "orientation.radar.title"),
        ),
        (2, ("people.heatmap.title", "people.funnel.title", "people.segments.title")),
        (3, ("processes.by_month.title", "processes.rates.title", "processes.barriers.title")),
        (4, ("objectives.bullets.title", "objectives.timeline.title")),
        (5, ("structure.load.title", "structure.matrix.title")),
        (6, ("insights.campaign.title", "insights.rfm.title", "insights.nps.title")),
        (7, ("technology.steps.title", "technology.quadrant.title")),
        (8, ("execution.practices.title",)),
    ],
)
def test_each_step_carries_the_charts_of_its_screen(html, number, title_keys):
    body = _steps(html)[number]
    for key in title_keys:
        # Figure JSON writes non-ASCII letters as \\uXXXX, as json.dumps does.
        assert json.dumps(t(key))[1:-1] in body, f"step {number}: {key}"


def test_plotly_js_is_inline_exactly_once_and_nothing_is_fetched(html):
    assert len(re.findall(r"plotly\.js v\d", html)) == 1
    assert html.count("Plotly.newPlot") >= 2 + 8 * 2  # summary charts, then the steps'
    assert not re.search(r"<script[^>]+src\s*=", html, re.I)
    assert "<link" not in html.lower()
    outside_scripts = _without_scripts(html)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", outside_scripts, re.I)
    assert "http://" not in outside_scripts.replace(html_lib.escape(FORMULA), "")
    assert "https://" not in outside_scripts


def test_the_file_stays_a_sane_size(html):
    plotly_js = max(re.findall(r"<script[^>]*>(.*?)</script>", html, re.S), key=len)
    assert len(html) - len(plotly_js) < 1_500_000  # the figures and tables, without plotly.js


def test_hostile_data_text_appears_only_escaped(html, workshop_html):
    for text in (html, workshop_html):
        assert HOSTILE not in text and BREAKOUT not in text
        outside = _without_scripts(text)
        assert "<img" not in outside and "<script" not in outside.lower()
        assert "<b>day</b>" not in outside and "<i>K.</i>" not in outside
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in html
    assert f"<td>{html_lib.escape(BREAKOUT)}</td>" in html
    assert f"<td>{html_lib.escape(FORMULA)}</td>" in html  # text, not a live formula or link


def test_hostile_text_inside_figures_cannot_end_their_script(html):
    # A label holding "</script>" would end its figure's script early: the block would stop
    # inside the figure's JSON. Every figure block ends where Plotly ends it.
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    blocks = [b for b in scripts if "Plotly.newPlot" in b]
    assert len(blocks) == html.count("Plotly.newPlot")
    for block in blocks:
        assert re.search(r"\)\s*\};\s*$", block), block[-200:]
    assert any("onerror=alert(2)" in b for b in blocks)  # the label is in the trend radar


def test_hostile_filter_values_are_escaped(demo_db):
    filters = Filters(segments=("<b>vip</b>",), regions=("Tashkent & co",))
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, filters, generated=GENERATED)
    assert "<b>vip</b>" not in text
    assert "&lt;b&gt;vip&lt;/b&gt;" in text
    assert "Tashkent &amp; co" in text


def test_workshop_facts_scores_notes_and_decisions(workshop_html):
    text = workshop_html
    assert f"<dd>{html_lib.escape(WORKSHOP)}</dd>" in text
    assert "<dd>June 12, 2026</dd>" in text
    assert "<dd>Aziza &lt;i&gt;K.&lt;/i&gt;</dd>" in text
    assert "<dd>Dilnoza R., &lt;img src=x onerror=alert(3)&gt;</dd>" in text
    assert "<dd>CX office</dd>" in text
    processes = _steps(text)[3]
    assert "<td>Dilnoza R.</td><td>2</td>" in processes
    assert "<td>&lt;img src=x onerror=alert(3)&gt;</td><td>5</td>" in processes
    assert t("report.maturity.value", average="3.5", participants=2) in processes
    assert f"<h3>{t('report.notes')}</h3>" in processes
    assert "Backlog too long &lt;script&gt;" in processes
    assert "Hire two agents" in processes
    # The other steps of this workshop have no scores yet, and say so.
    assert t("overview.chart.no_scores") in _steps(text)[1]
    # The artefacts were copied from the default workshop.
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in _steps(text)[1]


def test_default_workshop_shows_each_participants_score_and_the_average(demo_db, html):
    with store.connect(demo_db, read_only=True) as con:
        scores = maturity.scores(con)
    first = scores[scores["step"] == 1]
    orientation = _steps(html)[1]
    for participant, score in zip(first["participant"], first["score"], strict=True):
        assert f"<td>{html_lib.escape(participant)}</td><td>{score}</td>" in orientation
    average = t("report.maturity.value", average=f"{first['score'].mean():.1f}", participants=5)
    assert average in orientation


def test_unknown_workshop_is_refused(demo_db):
    with (
        store.connect(demo_db, read_only=True) as con,
        pytest.raises(report.UnknownWorkshopError, match="no workshop named 'nope'"),
    ):
        report.render(con, PERIOD, workshop="nope")


def test_a_database_without_data_still_reports_and_names_what_to_load(tmp_path):
    with store.connect(tmp_path / "empty.duckdb") as con:
        text = report.render(con, PERIOD, generated=GENERATED)
    assert len(_steps(text)) == 8
    assert t("report.needs_dataset", datasets="orders") in _steps(text)[1]
    assert t("report.needs_dataset", datasets="tickets") in _steps(text)[3]
    assert t("report.artefact.empty") in _steps(text)[5]


def test_uzbek_report_is_in_uzbek(demo_db):
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, lang="uz", generated=GENERATED)
    assert '<html lang="uz">' in text
    assert "<h1>Mijoz tajribasi hisoboti</h1>" in text
    assert f"<h2>{t('step.orientation.title', 'uz')}</h2>" in text
    assert "KPI boʻyicha qisqacha xulosa" in text
    assert f"<h3>{t('step.evidence', 'uz')}</h3>" in text
    for key in ("report.kpis", "step.evidence", "report.maturity", "processes.by_month.title"):
        assert t(key, "en") not in text, key


def test_russian_report_is_in_russian(demo_db):
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, lang="ru", generated=GENERATED)
    assert "<h1>Отчёт о клиентском опыте</h1>" in text
    assert f"<h3>{t('report.kpis.table', 'ru')}</h3>" in text
    for key in ("report.kpis", "step.evidence", "report.workshop", "processes.by_month.title"):
        assert t(key, "en") not in text, key


def _cxdash(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args], cwd=ROOT, capture_output=True, text=True, env=env
    )


def test_cli_writes_the_report(demo_db, tmp_path):
    out = tmp_path / "report.html"
    done = _cxdash(
        "report", "--out", str(out), "--db", str(demo_db), "--from", "2026-01-01",
        "--to", "2026-03-31", "--channel", "web", "--lang", "ru",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"report written to {out}" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert format_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31), lang="ru") in text
    assert "<h1>Отчёт о клиентском опыте</h1>" in text
    assert "<dd>web</dd>" in text


def test_cli_reports_a_named_workshop(demo_db, tmp_path):
    out = tmp_path / "workshop.html"
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db), "--workshop", WORKSHOP)
    assert done.returncode == 0, done.stderr
    assert "Hire two agents" in out.read_text(encoding="utf-8")


def test_cli_refuses_an_unknown_workshop_and_writes_nothing(demo_db, tmp_path):
    out = tmp_path / "report.html"
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db), "--workshop", "nope")
    assert done.returncode == 1
    assert "no workshop named 'nope'" in done.stderr and WORKSHOP in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_cli_refuses_an_unknown_file_type(demo_db, tmp_path):
    out = tmp_path / "report.docx"
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db))
    assert done.returncode == 2
    assert ".html" in done.stderr and ".pdf" in done.stderr
    assert not out.exists()


def test_figures_keep_plotlys_own_look_when_the_app_made_the_report(demo_db):
    import plotly.io as pio
    import streamlit  # noqa: F401  (the app imports it, and with it its Plotly template)

    assert pio.templates.default == "streamlit"
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, generated=GENERATED)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", text, re.S)
    blocks = [b for b in scripts if "Plotly.newPlot" in b]
    assert blocks and all("#E5ECF6" in b for b in blocks)  # the "plotly" template's plot area
