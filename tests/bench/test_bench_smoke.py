"""The benchmark runs end to end at the small scale: a smoke run, no timing is judged.

With Chromium and Playwright present (as `make test` and CI have them) the browser
part runs too; without them the report says it was not measured.
"""

from __future__ import annotations

import re

from cxdash.bench import browser
from cxdash.bench.__main__ import main


def test_the_benchmark_writes_every_figure_at_the_small_scale(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    with_browser = browser.available()
    args = ["--scale", "small", "--db", str(tmp_path / "small.duckdb"), "--out", str(out)]
    args += ["--repeat", "1", "--load-rows", "20000"]
    if not with_browser:
        args.append("--no-browser")
    assert main(args) == 0
    text = out.read_text(encoding="utf-8")
    assert "Scale **small**: 20,000 customers" in text
    for page in ("overview", "orientation", "insights", "execution", "data"):
        assert f"| {page} |" in text
    assert "failed" not in text
    # Every chart's JSON is measured: the Overview's revenue bars among them.
    assert re.search(r"\| overview \| revenue_by_month \| [\d,]+ \|", text)
    assert "python -m cxdash.bench --scale small" in text
    assert "of read_csv's speed" in text
    # Every budget has a verdict; the browser ones only when the browser part ran.
    verdicts = [line for line in text.splitlines() if line.endswith(("met** |", "measured |"))]
    assert len(verdicts) == 7
    assert ("not measured" in text) != with_browser
    if with_browser:
        assert "cxdash is" in text and "MB resident" in text
