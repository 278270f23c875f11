"""The shareable report: complete, offline, escaped, translated; and its CLI."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from cxdash import artefacts, report, store
from cxdash.demo import build
from cxdash.filters import Filters
from cxdash.i18n import t
from cxdash.kpis import CATALOG
from cxdash.opposite import STEPS
from cxdash.period import Period

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<script>alert(1)</script>"
PERIOD = Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
GENERATED = dt.datetime(2026, 7, 1, 9, 30)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A small demo database with one hostile trend added to the trend radar."""
    path = tmp_path_factory.mktemp("report") / "demo.duckdb"
    with store.connect(path) as con:
        build(con, scale="small", seed=7)
        trends = artefacts.read(con, "trends")
        hostile = trends.iloc[[0]].copy()
        hostile["trend"] = HOSTILE
        result = artefacts.save(con, "trends", pd.concat([trends, hostile], ignore_index=True))
        assert result is not None and result.ok, result and result.report()
    return path


@pytest.fixture(scope="module")
def html(demo_db) -> str:
    with store.connect(demo_db, read_only=True) as con:
        return report.render(con, PERIOD, lang="en", generated=GENERATED)


def _without_scripts(text: str) -> str:
    return re.sub(r"<script\b[^>]*>.*?</script>", "", text, flags=re.S | re.I)


def test_states_the_period_comparison_period_and_generation_date(html):
    assert "2026-04-01 – 2026-06-30" in html
    assert str(PERIOD.previous()) in html  # 2025-12-31 – 2026-03-31
    assert "2026-07-01 09:30" in html


def test_every_kpi_label_is_in_the_summary(html):
    summary = html.split(t("report.kpis"), 1)[1].split(t("report.charts"), 1)[0]
    for definition in CATALOG:
        assert f"<td>{t(definition.label_key)}</td>" in summary, definition.id
    assert summary.count("<tr>") == len(CATALOG) + 1  # the header row and one per KPI


def test_the_eight_step_titles_come_in_order(html):
    titles = [html_lib.escape(t(s.text_key("title"))) for s in STEPS]  # 6 · Insights &amp; intent
    positions = [html.find(f"<h2>{title}</h2>") for title in titles]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)


def test_artefact_rows_are_tables(demo_db, html):
    with store.connect(demo_db, read_only=True) as con:
        trends = artefacts.read(con, "trends")
        milestones = artefacts.read(con, "milestones")
    assert f"<td>{trends['trend'].iloc[1]}</td>" in html
    assert f"<td>{milestones['milestone'].iloc[0]}</td>" in html
    assert "<th>Trend</th>" in html  # headers in the reader's words, not column names


def test_plotly_js_is_inline_exactly_once_and_nothing_is_fetched(html):
    assert len(re.findall(r"plotly\.js v\d", html)) == 1
    assert html.count("Plotly.newPlot") == 2  # the revenue bars and the radar
    assert not re.search(r"<script[^>]+src\s*=", html, re.I)
    assert "<link" not in html.lower()
    outside_scripts = _without_scripts(html)
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", outside_scripts, re.I)
    assert "http://" not in outside_scripts and "https://" not in outside_scripts


def test_hostile_data_text_appears_only_escaped(html):
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_filter_values_are_escaped(demo_db):
    filters = Filters(segments=("<b>vip</b>",), regions=("Tashkent & co",))
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, filters, generated=GENERATED)
    assert "<b>vip</b>" not in text
    assert "&lt;b&gt;vip&lt;/b&gt;" in text
    assert "Tashkent &amp; co" in text


def test_uzbek_report_has_uzbek_headings(demo_db):
    with store.connect(demo_db, read_only=True) as con:
        text = report.render(con, PERIOD, lang="uz", generated=GENERATED)
    assert '<html lang="uz">' in text
    assert "<h1>Mijoz tajribasi hisoboti</h1>" in text
    assert f"<h2>{t('step.orientation.title', 'uz')}</h2>" in text
    assert "KPI boʻyicha qisqacha xulosa" in text
    assert t("report.kpis", "en") not in text


def test_write_refuses_pdf(demo_db, tmp_path):
    with store.connect(demo_db, read_only=True) as con, pytest.raises(ValueError, match="PDF"):
        report.write(con, tmp_path / "r.pdf", PERIOD)
    assert not (tmp_path / "r.pdf").exists()


def _cxdash(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args], cwd=ROOT, capture_output=True, text=True
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
    assert "2026-01-01 – 2026-03-31" in text
    assert "<h1>Отчёт о клиентском опыте</h1>" in text
    assert "<dd>web</dd>" in text


def test_cli_refuses_pdf_with_a_usage_error(demo_db, tmp_path):
    out = tmp_path / "report.pdf"
    done = _cxdash("report", "--out", str(out), "--db", str(demo_db))
    assert done.returncode == 2
    assert "PDF" in done.stderr and ".html" in done.stderr
    assert not out.exists()
