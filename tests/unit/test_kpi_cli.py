"""``python -m cxdash kpi|cohorts --format json`` against the library, through a real process."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cxdash import store
from cxdash.filters import Filters
from cxdash.kpis import KPI_IDS, cohort_matrix, kpi_values
from cxdash.period import Period

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_db(db_path):
    with store.connect(db_path) as con:
        con.execute("""
            INSERT INTO customers (customer_id, signup_date, segment, referred_by) VALUES
                ('c1', '2024-01-01', 'retail', NULL), ('c2', '2024-01-01', 'b2b', 'c1');
            INSERT INTO orders (order_id, customer_id, order_date, amount, channel, campaign_id)
            VALUES
                ('o1', 'c1', '2024-01-05', 10.5, 'web', 'k1'),
                ('o2', 'c1', '2024-02-07', 20.25, 'web', NULL),
                ('o3', 'c2', '2024-03-30', 30, 'store', NULL);
            INSERT INTO campaigns (campaign_id, channel, start_date, end_date, spend) VALUES
                ('k1', 'web', '2024-01-01', '2024-01-03', 9);
            INSERT INTO surveys (response_id, responded_at, nps)
            VALUES ('s1', '2024-03-01 10:00', 9);
        """)
    return db_path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cxdash", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("options", "period", "filters"),
    [
        # no --from/--to: the 90 days ending at the latest order (2024-03-30)
        ((), Period(dt.date(2024, 1, 1), dt.date(2024, 3, 30)), Filters()),
        (
            ("--from", "2024-02-01", "--to", "2024-03-31", "--segment", "b2b"),
            Period(dt.date(2024, 2, 1), dt.date(2024, 3, 31)),
            Filters(segments=("b2b",)),
        ),
    ],
)
def test_kpi_json_matches_the_library(small_db, options, period, filters):
    done = run_cli("kpi", "--format", "json", "--db", str(small_db), *options)
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert list(printed) == list(KPI_IDS)
    with store.connect(small_db, read_only=True) as con:
        expected = kpi_values(con, period, filters)
    assert printed == expected
    assert printed["orders"] >= 1  # the scenario is not empty


def test_cohorts_json_matches_the_library(small_db):
    done = run_cli("cohorts", "--format", "json", "--db", str(small_db), "--from", "2024-01-01")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    with store.connect(small_db, read_only=True) as con:
        expected = cohort_matrix(con, Period(dt.date(2024, 1, 1), dt.date(2024, 3, 30)), Filters())
    assert printed == expected
    # January: c1, back in February, not in March; March: c2
    assert [(c["cohort"], c["k"], c["rate"]) for c in printed] == [
        ("2024-01", 0, 100.0), ("2024-01", 1, 100.0), ("2024-01", 2, 0.0), ("2024-03", 0, 100.0),
    ]  # fmt: skip
