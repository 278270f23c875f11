"""The command line as a nightly job sees it: exit codes, stdout kept clean."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _cxdash(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_kpi_on_a_missing_database_says_so_and_creates_nothing(tmp_path):
    missing = tmp_path / "nowhere" / "cx.duckdb"
    done = _cxdash("kpi", "--format", "json", "--db", str(missing))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "no database at" in done.stderr and str(missing) in done.stderr
    assert not missing.exists()


def test_a_bad_date_is_a_usage_error(tmp_path):
    done = _cxdash("kpi", "--from", "2025-02-30", "--db", str(tmp_path / "x.duckdb"))
    assert done.returncode == 2
    assert "2025-02-30" in done.stderr


def test_demo_then_kpi_prints_one_json_object_and_nothing_else(tmp_path):
    db = str(tmp_path / "demo.duckdb")
    assert _cxdash("demo", "--db", db).returncode == 0
    done = _cxdash("kpi", "--format", "json", "--db", db, "--channel", "web")
    assert done.returncode == 0
    values = json.loads(done.stdout)
    assert values["orders"] > 0
    assert done.stdout.count("\n") == 1
