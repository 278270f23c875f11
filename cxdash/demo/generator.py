"""Build the demo database: three years of an imaginary Uzbek retailer's customer data.

All rows are generated inside DuckDB by the set-based SQL in ``cxdash/demo/sql/`` (one
script per dataset, run in order), from hash-based pseudo-random numbers of the seed, so the
same scale and seed always give the same data. The calendar is fixed (``START`` to ``END``),
never today's date. The workshop artefacts are plain data in ``artefacts.py``.

The story the data tells, whatever the scale:

- Customer records start when the loyalty programme launches on 2023-10-01, with an
  enrolment wave, then grow year on year with the seasons: the run-up to Navruz (21 March)
  and the New Year are the peaks, July the low.
- The customer-experience transformation starts on 2025-01-01 and is fully in place by
  2025-07-01. From then on NPS, CSAT, effort, first-contact and same-day resolution,
  retention, conversion and referrals all improve.
- Orders move from the stores and the website to the mobile app; support contacts move
  from phone and email to chat and social media.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cxdash import store
from cxdash.demo.artefacts import ARTEFACTS
from cxdash.demo.comments import COMMENTS
from cxdash.kpis import facts
from cxdash.schema import DATASETS, DEFAULT_WORKSHOP, Dataset

# The fixed calendar of the demo.
START = dt.date(2023, 10, 1)
END = dt.date(2026, 9, 30)
TX_START = dt.date(2025, 1, 1)  # the transformation starts
TX_MID = dt.date(2025, 4, 1)  # churn hazard switches to the improved one
TX_FULL = dt.date(2025, 7, 1)  # the transformation is fully in place
TARGETS_FROM = dt.date(2024, 1, 1)  # first quarter with KPI targets


@dataclass(frozen=True)
class Scale:
    customers: int
    # The same campaign calendar at every scale, with spend growing with the customers: an
    # order is credited to a campaign running in its channel that day, so more campaigns
    # would credit more orders and change CAC and ROMI from one scale to the next.
    campaigns: int = 300


SCALES: dict[str, Scale] = {
    "small": Scale(customers=20_000),
    "medium": Scale(customers=200_000),
    "large": Scale(customers=1_000_000),
}

# Per-customer rates, the same at every scale (tuned for about 5.6 orders, 11 touchpoints,
# 0.55 tickets and 0.55 survey responses per customer).
RATES: dict[str, float] = {
    "repeat_rate": 0.0340,  # planned repeat orders per active day, before seasonal thinning
    "journey_rate": 0.40,  # customer journeys per 30 days of relationship
    "ticket_rate": 0.10,  # share of orders followed by a support ticket
    "survey_order_rate": 0.065,  # share of orders followed by a survey response
    "survey_ticket_rate": 0.35,  # share of resolved tickets followed by a survey response
}

SQL_DIR = Path(__file__).parent / "sql"

# (script, progress reached when it is done, message shown while it runs, working tables
# no longer needed afterwards). Touchpoints, the biggest step, runs once the order and
# ticket working tables are gone, which keeps the peak memory of a large build down.
_STEPS: tuple[tuple[str, float, str, tuple[str, ...]], ...] = (
    ("00_setup.sql", 0.02, "preparing the calendar", ()),
    ("customers.sql", 0.06, "customers", ()),
    ("campaigns.sql", 0.08, "campaigns", ()),
    ("orders.sql", 0.30, "orders", ("demo_camp_day",)),
    ("tickets.sql", 0.36, "support tickets", ()),
    ("surveys.sql", 0.42, "survey responses", ("demo_ord", "demo_tkt")),
    ("touchpoints.sql", 0.84, "touchpoints", ()),
    ("kpi_targets.sql", 0.95, "KPI targets", ()),
)

_TEMP_TABLES = (
    "demo_calendar",
    "demo_cust",
    "demo_camp",
    "demo_camp_day",
    "demo_ord",
    "demo_tkt",
    "demo_comment_pool",
    "demo_comment_lists",
)
_TEMP_MACROS = (
    "demo_u",
    "demo_u2",
    "demo_z",
    "demo_tx",
    "demo_mix",
    "demo_channel",
    "demo_device",
    "demo_intent",
    "demo_daytime",
    "demo_at",
)
# Session variables the macros read; set from bound parameters, reset afterwards.
_VARIABLES = {
    "demo_start": START,
    "demo_end": END,
    "demo_tx_start": TX_START,
    "demo_tx_full": TX_FULL,
}

# Digits of the generated IDs (C000001, O0000001, ...): at least the minimum, more when the
# scale could need them. (minimum digits, upper bound of rows per customer); the bounds are
# well above the actual ratios. IDs are numbered rows, so they are unique while the row count
# fits the digits: the build checks that (the tables carry no key index, see store.UNKEYED).
_ID_DIGITS: dict[str, tuple[int, float]] = {
    "customers.sql": (6, 1),
    "orders.sql": (7, 9),
    "touchpoints.sql": (8, 20),
    "tickets.sql": (7, 2),
    "surveys.sql": (7, 2),
}

Progress = Callable[[float, str], None]


def _statements(script: str) -> list[str]:
    """The statements of one SQL file (they end with ';' at the end of a line)."""
    text = (SQL_DIR / script).read_text(encoding="utf-8")
    parts = re.split(r";[ \t]*\n", text + "\n")
    return [p for p in parts if re.sub(r"--[^\n]*", "", p).strip()]


def _run(con: duckdb.DuckDBPyConnection, script: str, params: dict) -> None:
    for sql in _statements(script):
        names = set(re.findall(r"\$([A-Za-z_]\w*)", sql))
        missing = names - params.keys()
        if missing:
            raise KeyError(f"{script}: no value for {', '.join(sorted(missing))}")
        con.execute(sql, {n: params[n] for n in names})


def _id_width(script: str, size: Scale) -> int:
    if script == "campaigns.sql":
        return max(4, len(str(size.campaigns)))
    digits, per_customer = _ID_DIGITS.get(script, (0, 0))
    return max(digits, len(str(int(size.customers * per_customer))))


_TABLE_OF = {
    "customers.sql": "customers",
    "orders.sql": "orders",
    "touchpoints.sql": "touchpoints",
    "tickets.sql": "tickets",
    "surveys.sql": "surveys",
    "campaigns.sql": "campaigns",
}


def _check_ids_fit(con: duckdb.DuckDBPyConnection, script: str, width: int) -> None:
    """Numbered IDs stay unique while the rows fit ``width`` digits (lpad would cut them)."""
    table = _TABLE_OF.get(script)
    if table is None:
        return
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if rows >= 10**width:
        raise RuntimeError(f"{rows:,} {table} do not fit IDs of {width} digits")


def _empty(con: duckdb.DuckDBPyConnection, ds: Dataset) -> None:
    """Remove every row of a dataset, inside the caller's transaction.

    A DELETE of millions of rows costs seconds at COMMIT, so a table with rows is dropped
    and created again from the data model, together with any extra index someone added
    to it. Both are transactional: a rollback brings the old table back.
    """
    if con.execute(f"SELECT count(*) FROM {ds.name}").fetchone()[0] == 0:
        return
    indexes = [
        sql
        for (sql,) in con.execute(
            "SELECT sql FROM duckdb_indexes() WHERE table_name = $t AND sql IS NOT NULL",
            {"t": ds.name},
        ).fetchall()
    ]
    con.execute(f"DROP TABLE {ds.name}")
    con.execute(store.dataset_table_sql(ds))
    for sql in indexes:
        con.execute(sql)


def _insert_artefacts(con: duckdb.DuckDBPyConnection) -> None:
    for name, rows in ARTEFACTS.items():
        ds = DATASETS[name]
        columns = ds.column_names  # identifiers from the data model only
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {ds.name} ({', '.join(columns)}) VALUES ({marks})"
        values = [
            tuple(DEFAULT_WORKSHOP if c == "workshop" else row.get(c) for c in columns)
            for row in rows
        ]
        con.executemany(sql, values)


def _comment_pool(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE demo_comment_pool "
        "(sentiment VARCHAR, lang VARCHAR, text VARCHAR)"
    )
    con.executemany("INSERT INTO demo_comment_pool VALUES (?, ?, ?)", list(COMMENTS))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE demo_comment_lists AS "
        "SELECT sentiment, lang, list(text ORDER BY text) AS texts "
        "FROM demo_comment_pool GROUP BY sentiment, lang"
    )


def _cleanup(con: duckdb.DuckDBPyConnection) -> None:
    for table in _TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
    for macro in _TEMP_MACROS:
        con.execute(f"DROP MACRO IF EXISTS temp.{macro}")


def build(
    con: duckdb.DuckDBPyConnection,
    scale: str = "small",
    seed: int = 42,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Replace every dataset with demo data of ``scale``, deterministic for ``seed``.

    All or nothing: one transaction deletes the rows of every dataset (customer data,
    KPI targets and workshop artefacts), generates the new ones, records the demo in
    ``meta`` ('demo' = '<scale>:<seed>') and bumps the data version. Returns the row count
    of every dataset. ``progress(fraction, message)`` is called as the build advances.
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not -(2**63) <= seed < 2**63:
        raise ValueError(f"the seed must be a whole number that fits 64 bits, not {seed!r}")
    size = SCALES[scale]
    report = progress or (lambda fraction, message: None)
    # Spend per campaign-day so that spend per customer is the same at every scale.
    spend_scale = size.customers / SCALES["small"].customers * 300 / size.campaigns
    params = {
        "start": START,
        "end": END,
        "tx_mid": TX_MID,
        "targets_from": TARGETS_FROM,
        "n_customers": size.customers,
        "n_campaigns": size.campaigns,
        "spend_scale": spend_scale,
        **RATES,
    }

    report(0.0, f"building the {scale} demo (seed {seed})")
    try:
        con.execute("SET VARIABLE demo_seed = CAST($v AS BIGINT)", {"v": seed})
        for name, value in _VARIABLES.items():
            con.execute(f"SET VARIABLE {name} = $v", {"v": value})
        with store.transaction(con):
            for ds in DATASETS.values():
                _empty(con, ds)
            _comment_pool(con)
            done = 0.0
            for script, reached, message, finished in _STEPS:
                report(done, message)
                width = _id_width(script, size)
                _run(con, script, {**params, "id_width": width})
                _check_ids_fit(con, script, width)
                for table in finished:
                    con.execute(f"DROP TABLE temp.{table}")
                done = reached
            report(done, "workshop artefacts")
            _insert_artefacts(con)
            _cleanup(con)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('demo', $value)",
                {"value": f"{scale}:{seed}"},
            )
            store.bump_data_version(con)
        # Rebuilt even when the counts happen to equal the last demo's: the rows are new.
        report(done, "fact tables for the KPIs")
        facts.refresh_all(con)
    finally:
        for name in ("demo_seed", *_VARIABLES):
            con.execute(f"RESET VARIABLE {name}")
    counts = store.dataset_counts(con)
    report(1.0, "done: " + ", ".join(f"{n:,} {name}" for name, n in counts.items() if n))
    return counts
