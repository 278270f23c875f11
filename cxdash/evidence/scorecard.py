"""KPIs against their targets: the scorecard of a period, and KPI values month by month.

Monthly values follow DESIGN section 5 with each calendar month as the period
(the last month ends at ``end``, so it may be partial). They are computed in a
handful of grouped queries (one per dataset group a KPI needs), never by running
the KPI engine once per month. ``arpc_12m`` and ``ltv_cac`` need a sliding
365-day window of distinct customers per month and are not offered monthly.

Targets come from ``kpi_targets`` by the engine's rule (the row whose range
contains the month's last day, the narrowest first, then the latest start) and
are made comparable with one month:

- sums (revenue, orders, new customers): the target is spread evenly over the
  days of its range, and the month takes the days it covers;
- KPIs whose value depends on how long the period is (active customers, repeat
  purchase, churn, retention, conversion): only a target set for a range no
  longer than the month applies; a quarter's target is no yardstick for a month;
- every other KPI (means and shares such as NPS or same-day resolution): as set.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from cxdash.filters import Filters, predicate
from cxdash.kpis import facts, kpi
from cxdash.kpis.sql import day_start
from cxdash.scorecard import target_status

# The KPIs a monthly series exists for, in catalog order.
MONTHLY_KPIS = (
    "revenue",
    "orders",
    "aov",
    "active_customers",
    "new_customers",
    "repeat_purchase_rate",
    "churn_rate",
    "retention_rate",
    "cac",
    "romi",
    "conversion_rate",
    "nps",
    "csat",
    "ces",
    "fcr",
    "avg_resolution_hours",
    "same_day_resolution_rate",
    "referral_rate",
)
# Sums: a target for a longer range is spread over its days.
SPREAD_TARGETS = ("revenue", "orders", "new_customers")
# Values that grow with the length of the period: only a month-long target compares.
PERIOD_BOUND = (
    "active_customers",
    "repeat_purchase_rate",
    "churn_rate",
    "retention_rate",
    "conversion_rate",
)
_LONGEST_MONTH = 31
_PARAM = re.compile(r"\$(\w+)")
_ONE_DAY = dt.timedelta(days=1)


# Base measures that are counts or sums: a month without rows has 0 of them.
_COUNTS = (
    "revenue",
    "orders",
    "active_customers",
    "repeat_customers",
    "campaign_revenue",
    "new_customers",
    "referred",
    "customers_before",
    "churned",
    "aware_customers",
    "converted_customers",
    "nps_responses",
    "promoters",
    "detractors",
    "csat_responses",
    "satisfied",
    "tickets",
    "first_contact",
    "same_day",
)


_DTYPES = {
    "kpi": "object",
    "month": "datetime64[ns]",
    "days": "int64",
    "value": "float64",
    "target": "float64",
    "status": "object",
}

# Which base measures (and so which queries) each KPI needs.
_NEEDS = {
    "revenue": ("sums",),
    "orders": ("sums",),
    "aov": ("sums",),
    "active_customers": ("customers",),
    "repeat_purchase_rate": ("customers",),
    "new_customers": ("new",),
    "referral_rate": ("new",),
    "churn_rate": ("churn",),
    "retention_rate": ("churn",),
    "cac": ("new", "spend"),
    "romi": ("sums", "spend"),
    "conversion_rate": ("touchpoints",),
    "nps": ("surveys",),
    "csat": ("surveys",),
    "ces": ("surveys",),
    "fcr": ("tickets",),
    "avg_resolution_hours": ("tickets",),
    "same_day_resolution_rate": ("tickets",),
}

# The selected months as a table: (month_start, month_end, prev_start) per row,
# every date bound. prev_start is the first day of the month's previous period
# (as many days as the month, just before it), which churn needs.
_MONTHS_CTE = "months AS (SELECT * FROM (VALUES {rows}) AS m (month_start, month_end, prev_start))"

# Sums need no work per customer, so they stay one cheap pass over the orders.
_ORDER_SUMS_SQL = """
WITH days AS ({days})
SELECT
    date_trunc('month', day) AS month,
    CAST(sum(revenue) AS DOUBLE) AS revenue,
    CAST(sum(orders) AS BIGINT) AS orders,
    CAST(coalesce(sum(campaign_revenue), 0) AS DOUBLE) AS campaign_revenue
FROM days
WHERE day BETWEEN $first_day AND $last_day
GROUP BY 1
"""

_ORDER_CUSTOMERS_SQL = """
WITH per_customer AS (
    SELECT date_trunc('month', o.order_date) AS month, o.customer_id, count(*) AS orders
    FROM orders AS o
    WHERE o.order_date BETWEEN $first_day AND $last_day
      AND {selected}
    GROUP BY 1, 2
)
SELECT
    month,
    count(*) AS active_customers,
    count(*) FILTER (WHERE orders >= 2) AS repeat_customers
FROM per_customer
GROUP BY month
"""

# New customers: first selected order at any date; referred when customers.referred_by is set.
_NEW_SQL = """
WITH firsts AS (
    SELECT o.customer_id, min(o.order_date) AS first_order
    FROM orders AS o
    WHERE {selected}
    GROUP BY o.customer_id
)
SELECT
    date_trunc('month', f.first_order) AS month,
    count(*) AS new_customers,
    count(c.customer_id) FILTER (WHERE nullif(trim(c.referred_by), '') IS NOT NULL) AS referred
FROM firsts AS f
LEFT JOIN customers AS c ON c.customer_id = f.customer_id
WHERE f.first_order BETWEEN $first_day AND $last_day
GROUP BY 1
"""

# Churn per month: customers with an order in the month's previous period, and
# those of them without an order in the month.
_CHURN_SQL = """
WITH {months},
selected_orders AS (
    SELECT o.customer_id, o.order_date
    FROM orders AS o
    WHERE o.order_date BETWEEN $window_start AND $last_day
      AND {selected}
),
per_customer AS (
    SELECT
        m.month_start,
        s.customer_id,
        count(*) FILTER (WHERE s.order_date < m.month_start) AS orders_before,
        count(*) FILTER (WHERE s.order_date >= m.month_start) AS orders_during
    FROM months AS m
    JOIN selected_orders AS s ON s.order_date BETWEEN m.prev_start AND m.month_end
    GROUP BY m.month_start, s.customer_id
)
SELECT
    month_start AS month,
    count(*) FILTER (WHERE orders_before > 0) AS customers_before,
    count(*) FILTER (WHERE orders_before > 0 AND orders_during = 0) AS churned
FROM per_customer
GROUP BY month_start
"""

# The same three measures from order_facts (cxdash/kpis/facts.py), used while it
# is current and at most one channel is chosen. Each order knows the customer's
# previous and next selected order ({previous}, {next}), so a customer's first
# order of a range is the one whose previous order lies before it, and no query
# groups the orders by customer.
_ORDER_CUSTOMERS_FACTS_SQL = """
WITH selected AS (
    SELECT
        CAST(date_trunc('month', o.order_date) AS DATE) AS month,
        -- no previous (next) order reads as one before (after) every date
        coalesce(o.{previous}, DATE '-infinity') AS previous_order,
        coalesce(o.{next}, DATE 'infinity') AS next_order
    FROM order_facts AS o
    WHERE o.order_date BETWEEN $first_day AND $last_day
      AND {selected}
)
SELECT
    month,
    count(*) FILTER (WHERE previous_order < month) AS active_customers,
    count(*) FILTER (
        WHERE previous_order < month AND next_order <= least(last_day(month), $last_day)
    ) AS repeat_customers
FROM selected
GROUP BY 1
"""

_NEW_FACTS_SQL = """
SELECT
    date_trunc('month', o.order_date) AS month,
    count(*) AS new_customers,
    count(*) FILTER (WHERE o.referred) AS referred
FROM order_facts AS o
WHERE o.order_date BETWEEN $first_day AND $last_day
  AND o.{previous} IS NULL
  AND {selected}
GROUP BY 1
"""

# Of a month's previous period, the customer's first order there counts them
# once as a customer before; their last one there, if nothing follows up to the
# month's end, counts them once as churned.
_CHURN_FACTS_SQL = """
WITH {months},
selected AS (
    SELECT
        o.order_date,
        coalesce(o.{previous}, DATE '-infinity') AS previous_order,
        coalesce(o.{next}, DATE 'infinity') AS next_order
    FROM order_facts AS o
    WHERE o.order_date >= $window_start
      AND o.order_date <= $last_day
      AND {selected}
)
SELECT
    m.month_start AS month,
    count(*) FILTER (WHERE o.previous_order < m.prev_start) AS customers_before,
    count(*) FILTER (WHERE o.next_order > m.month_end) AS churned
FROM months AS m
JOIN selected AS o
    ON o.order_date >= m.prev_start
   AND o.order_date < m.month_start
GROUP BY m.month_start
"""

# conversion_rate per month from touchpoint_facts (cxdash/kpis/facts.py): a
# customer's first awareness touchpoint of the month counts them once; they
# converted when a purchase touchpoint falls in the month too.
_TOUCHPOINTS_FACTS_SQL = """
WITH selected AS (
    SELECT
        CAST(date_trunc('month', t.day) AS DATE) AS month,
        least(last_day(t.day), $last_day) AS month_end,
        coalesce(t.{previous_in_stage}, DATE '-infinity') AS previous_awareness,
        coalesce(t.{last_purchase}, DATE '-infinity') AS last_purchase,
        coalesce(t.{next_purchase}, DATE 'infinity') AS next_purchase
    FROM touchpoint_facts AS t
    WHERE t.day BETWEEN $first_day AND $last_day
      AND t.stage = 'awareness'
      AND {selected}
)
SELECT
    month,
    count(*) FILTER (WHERE previous_awareness < month) AS aware_customers,
    count(*) FILTER (
        WHERE previous_awareness < month
          AND (last_purchase >= month OR next_purchase <= month_end)
    ) AS converted_customers
FROM selected
GROUP BY 1
"""

# Campaign spend spread evenly over each campaign's days, both ends included.
_SPEND_SQL = """
WITH {months}
SELECT
    m.month_start AS month,
    CAST(coalesce(sum(
        c.spend / (date_diff('day', c.start_date, c.end_date) + 1)
        * (date_diff('day', greatest(c.start_date, m.month_start),
                     least(c.end_date, m.month_end)) + 1)
    ), 0) AS DOUBLE) AS spend
FROM months AS m
LEFT JOIN campaigns AS c
    ON c.start_date <= m.month_end
   AND c.end_date >= m.month_start
   AND {selected}
GROUP BY m.month_start
"""

_TOUCHPOINTS_SQL = """
WITH per_customer AS (
    SELECT
        date_trunc('month', t.ts) AS month,
        t.customer_id,
        count(*) FILTER (WHERE t.stage = 'awareness') AS awareness_events,
        count(*) FILTER (WHERE t.stage = 'purchase') AS purchase_events
    FROM touchpoints AS t
    WHERE t.ts >= $start_at
      AND t.ts < $end_before
      AND t.stage IN ('awareness', 'purchase')
      AND {selected}
    GROUP BY 1, 2
)
SELECT
    month,
    count(*) FILTER (WHERE awareness_events > 0) AS aware_customers,
    count(*) FILTER (WHERE awareness_events > 0 AND purchase_events > 0) AS converted_customers
FROM per_customer
GROUP BY month
"""

_SURVEYS_SQL = """
SELECT
    date_trunc('month', s.responded_at) AS month,
    count(s.nps) AS nps_responses,
    count(*) FILTER (WHERE s.nps BETWEEN 9 AND 10) AS promoters,
    count(*) FILTER (WHERE s.nps BETWEEN 0 AND 6) AS detractors,
    count(s.csat) AS csat_responses,
    count(*) FILTER (WHERE s.csat BETWEEN 4 AND 5) AS satisfied,
    CAST(avg(s.ces) AS DOUBLE) AS ces
FROM {surveys} AS s
WHERE s.responded_at >= $start_at
  AND s.responded_at < $end_before
  AND {selected}
GROUP BY 1
"""

_TICKETS_SQL = """
SELECT
    date_trunc('month', tk.opened_at) AS month,
    count(*) AS tickets,
    count(*) FILTER (WHERE tk.first_contact_resolution = TRUE) AS first_contact,
    count(*) FILTER (WHERE CAST(tk.resolved_at AS DATE) = CAST(tk.opened_at AS DATE)) AS same_day,
    avg(date_diff('microsecond', tk.opened_at, tk.resolved_at) / 3600000000) AS resolution_hours
FROM {tickets} AS tk
WHERE tk.opened_at >= $start_at
  AND tk.opened_at < $end_before
  AND {selected}
GROUP BY 1
"""

_TARGETS_SQL = """
WITH {months}
SELECT
    m.month_start AS month,
    t.kpi,
    t.target,
    date_diff('day', t.period_start, t.period_end) + 1 AS target_days
FROM months AS m
JOIN kpi_targets AS t
    ON t.period_start <= m.month_end
   AND t.period_end >= m.month_end
WHERE t.kpi IN ({kpis})
QUALIFY row_number() OVER (
    PARTITION BY m.month_start, t.kpi
    ORDER BY date_diff('day', t.period_start, t.period_end), t.period_start DESC
) = 1
"""


def month_windows(end: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    """The ``months`` calendar months up to ``end``: (first day, last day) each, oldest first.

    The last month ends at ``end`` (partial unless ``end`` is a month's last day).
    """
    windows = []
    for back in range(months - 1, -1, -1):
        index = end.year * 12 + end.month - 1 - back
        first = dt.date(index // 12, index % 12 + 1, 1)
        following = dt.date((index + 1) // 12, (index + 1) % 12 + 1, 1)
        windows.append((first, min(following - dt.timedelta(days=1), end)))
    return windows


def _months_cte(windows: list[tuple[dt.date, dt.date]]) -> tuple[str, dict[str, Any]]:
    """The ``months`` CTE with every date bound; parameter names are made up here."""
    rows, params = [], {}
    for i, (first, last) in enumerate(windows):
        days = (last - first).days + 1
        params |= {
            f"m{i}_start": first,
            f"m{i}_end": last,
            f"m{i}_prev": first - dt.timedelta(days=days),
        }
        rows.append(f"($m{i}_start, $m{i}_end, $m{i}_prev)")
    return _MONTHS_CTE.format(rows=", ".join(rows)), params


def _run(con, sql: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run ``sql`` with the parameters it names (DuckDB refuses surplus ones), month-indexed."""
    used = set(_PARAM.findall(sql))
    frame = con.execute(sql, {k: v for k, v in params.items() if k in used}).df()
    frame["month"] = pd.to_datetime(frame["month"])
    return frame.set_index("month")


def _base_measures(
    con: duckdb.DuckDBPyConnection,
    groups: set[str],
    windows: list[tuple[dt.date, dt.date]],
    filters: Filters,
) -> pd.DataFrame:
    """Every base measure the ``groups`` need, one row per month (missing counts are 0)."""
    first_day, last_day = windows[0][0], windows[-1][1]
    dates = {"first_day": first_day, "last_day": last_day}
    stamps = {"start_at": day_start(first_day), "end_before": day_start(last_day) + _ONE_DAY}
    months_cte, month_params = _months_cte(windows)
    index = pd.DatetimeIndex([pd.Timestamp(first) for first, _ in windows], name="month")
    base = pd.DataFrame(index=index)
    parts: list[pd.DataFrame] = []
    if "sums" in groups:
        days, p = facts.order_days(con, filters)
        parts.append(_run(con, _ORDER_SUMS_SQL.format(days=days), dates | p))
    if facts.usable(con, filters):
        # Customer counts from order_facts: the same numbers without grouping by customer.
        selected, p = facts.predicate(filters, "o")
        columns = facts.columns(facts.ORDERS, filters)
        customers_sql, new_sql, churn_sql = (
            sql.replace("{previous}", columns["previous"]).replace("{next}", columns["next"])
            for sql in (_ORDER_CUSTOMERS_FACTS_SQL, _NEW_FACTS_SQL, _CHURN_FACTS_SQL)
        )
    else:
        selected, p = predicate("orders", filters, "o")
        customers_sql, new_sql, churn_sql = _ORDER_CUSTOMERS_SQL, _NEW_SQL, _CHURN_SQL
    if "customers" in groups:
        parts.append(_run(con, customers_sql.replace("{selected}", selected), dates | p))
    if "new" in groups:
        parts.append(_run(con, new_sql.replace("{selected}", selected), dates | p))
        base["has_customers"] = con.execute("SELECT EXISTS (SELECT 1 FROM customers)").fetchone()[0]
    if "churn" in groups:
        sql = churn_sql.replace("{months}", months_cte).replace("{selected}", selected)
        window_start = month_params["m0_prev"]  # the earliest previous period starts first
        parts.append(_run(con, sql, month_params | p | dates | {"window_start": window_start}))
    if "spend" in groups and not filters.by_customer:
        selected, p = predicate("campaigns", filters, "c")
        sql = _SPEND_SQL.format(months=months_cte, selected=selected)
        parts.append(_run(con, sql, month_params | p))
    if "touchpoints" in groups and facts.usable(con, filters, facts.TOUCHPOINTS):
        selected, p = facts.predicate(filters, "t")
        sql = _TOUCHPOINTS_FACTS_SQL.replace("{selected}", selected)
        for key, column in facts.columns(facts.TOUCHPOINTS, filters).items():
            sql = sql.replace(f"{{{key}}}", column)
        parts.append(_run(con, sql, dates | p))
    elif "touchpoints" in groups:
        selected, p = predicate("touchpoints", filters, "t")
        parts.append(_run(con, _TOUCHPOINTS_SQL.format(selected=selected), stamps | p))
    if "surveys" in groups:
        surveys, selected, p = facts.rows(con, "surveys", filters, "s")
        parts.append(_run(con, _SURVEYS_SQL.format(surveys=surveys, selected=selected), stamps | p))
    if "tickets" in groups:
        tickets, selected, p = facts.rows(con, "tickets", filters, "tk")
        parts.append(_run(con, _TICKETS_SQL.format(tickets=tickets, selected=selected), stamps | p))
    for part in parts:
        base = base.join(part.astype("float64"), how="left")
    return base


def _share(numerator: pd.Series, denominator: pd.Series, scale: float = 100.0) -> pd.Series:
    """numerator / denominator x scale; NaN (no data) where the denominator is 0 or missing."""
    return scale * numerator / denominator.where(denominator != 0)


def _values(base: pd.DataFrame, kpi_id: str) -> pd.Series:
    """One KPI per month from the base measures (DESIGN section 5)."""
    b = base.fillna({c: 0.0 for c in _COUNTS if c in base})
    if kpi_id == "revenue":
        return b["revenue"]
    if kpi_id == "orders":
        return b["orders"]
    if kpi_id == "aov":
        return _share(b["revenue"], b["orders"], 1.0)
    if kpi_id == "active_customers":
        return b["active_customers"]
    if kpi_id == "repeat_purchase_rate":
        return _share(b["repeat_customers"], b["active_customers"])
    if kpi_id == "new_customers":
        return b["new_customers"]
    if kpi_id == "referral_rate":
        return _share(b["referred"], b["new_customers"]).where(b["has_customers"])
    if kpi_id == "churn_rate":
        return _share(b["churned"], b["customers_before"])
    if kpi_id == "retention_rate":
        return 100.0 - _share(b["churned"], b["customers_before"])
    if kpi_id in ("cac", "romi"):
        if "spend" not in b:  # segment or region filter: spend cannot be split
            return pd.Series(np.nan, index=b.index)
        if kpi_id == "cac":
            return _share(b["spend"], b["new_customers"], 1.0)
        return _share(b["campaign_revenue"] - b["spend"], b["spend"])
    if kpi_id == "conversion_rate":
        return _share(b["converted_customers"], b["aware_customers"])
    if kpi_id == "nps":
        return _share(b["promoters"] - b["detractors"], b["nps_responses"])
    if kpi_id == "csat":
        return _share(b["satisfied"], b["csat_responses"])
    if kpi_id == "ces":
        return base["ces"]
    if kpi_id == "fcr":
        return _share(b["first_contact"], b["tickets"])
    if kpi_id == "avg_resolution_hours":
        return base["resolution_hours"]
    if kpi_id == "same_day_resolution_rate":
        return _share(b["same_day"], b["tickets"])
    raise KeyError(f"no monthly series for KPI {kpi_id!r}; monthly KPIs: {', '.join(MONTHLY_KPIS)}")


def _targets(
    con: duckdb.DuckDBPyConnection,
    kpi_ids: Sequence[str],
    windows: list[tuple[dt.date, dt.date]],
) -> pd.DataFrame:
    """The target in force on each month's last day, made comparable with the month.

    Columns: ``month``, ``kpi``, ``target`` (see the module docstring for the rules).
    """
    months_cte, params = _months_cte(windows)
    names = []
    for i, kpi_id in enumerate(kpi_ids):
        params[f"kpi_{i}"] = kpi_id
        names.append(f"$kpi_{i}")
    sql = _TARGETS_SQL.format(months=months_cte, kpis=", ".join(names))
    found = con.execute(sql, params).df()
    found["month"] = pd.to_datetime(found["month"])
    days = {pd.Timestamp(first): (last - first).days + 1 for first, last in windows}
    month_days = found["month"].map(days).astype("float64")
    target_days = found["target_days"].astype("float64")
    spread = found["kpi"].isin(SPREAD_TARGETS)
    found["target"] = (
        found["target"].astype("float64").where(~spread, found["target"] * month_days / target_days)
    )
    too_long = found["kpi"].isin(PERIOD_BOUND) & (target_days > _LONGEST_MONTH)
    return found.loc[~too_long, ["month", "kpi", "target"]]


def monthly_values(
    con: duckdb.DuckDBPyConnection,
    kpi_ids: Sequence[str],
    end: dt.date,
    filters: Filters,
    months: int = 24,
) -> pd.DataFrame:
    """KPI values per calendar month, ``months`` months up to ``end``, without targets.

    Columns: ``kpi``, ``month`` (first day, datetime64), ``days`` (days counted)
    and ``value`` (float, NaN is "no data"); one row per KPI and month, KPIs in
    the order given, months ascending. Unknown or non-monthly ids raise KeyError.
    """
    for kpi_id in kpi_ids:
        if kpi_id not in MONTHLY_KPIS:
            raise KeyError(f"no monthly series for KPI {kpi_id!r}")
    columns = ["kpi", "month", "days", "value"]
    if not kpi_ids or months < 1:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in columns})
    windows = month_windows(end, months)
    groups = {g for kpi_id in kpi_ids for g in _NEEDS[kpi_id]}
    base = _base_measures(con, groups, windows, filters)
    days = [(last - first).days + 1 for first, last in windows]
    frames = [
        pd.DataFrame(
            {"kpi": kpi_id, "month": base.index, "days": days, "value": _values(base, kpi_id)}
        ).reset_index(drop=True)
        for kpi_id in kpi_ids
    ]
    result = pd.concat(frames, ignore_index=True)[columns]
    return result.astype({"value": "float64", "days": "int64"})


def monthly_kpis(
    con: duckdb.DuckDBPyConnection,
    kpi_ids: tuple[str, ...],
    end: dt.date,
    filters: Filters,
    months: int = 24,
) -> pd.DataFrame:
    """KPI value, target and status per calendar month, ``months`` months up to ``end``.

    Columns: ``kpi``, ``month`` (first day, datetime64), ``days`` (days of the
    month counted, fewer for a partial last month), ``value`` (float; NaN is
    "no data": a ratio without a denominator, cac and romi under a segment or
    region filter), ``target`` (float, NaN without a comparable target) and
    ``status`` (``on_target`` / ``at_risk`` / ``off_target``, None without
    both). One row per KPI and month, KPIs in the order given; every month is
    present (counts and sums are 0 on an empty table). Unknown or non-monthly
    KPI ids raise KeyError.
    """
    columns = ["kpi", "month", "days", "value", "target", "status"]
    values = monthly_values(con, kpi_ids, end, filters, months)
    if values.empty:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES[c]) for c in columns})
    targets = _targets(con, kpi_ids, month_windows(end, months))
    frames = []
    for kpi_id in kpi_ids:
        frame = values[values["kpi"] == kpi_id].reset_index(drop=True)
        frame = frame.merge(targets[targets["kpi"] == kpi_id], on=["kpi", "month"], how="left")
        direction = kpi(kpi_id).direction
        frame["status"] = [
            target_status(_number(v), _number(t), direction)
            for v, t in zip(frame["value"], frame["target"], strict=True)
        ]
        frames.append(frame)
    result = pd.concat(frames, ignore_index=True)[columns]
    return result.astype({"value": "float64", "target": "float64", "days": "int64"})


def _number(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def scorecard(results: Sequence) -> pd.DataFrame:
    """The scorecard of a period from :func:`cxdash.kpis.kpi_results`, one row per KPI.

    Columns: ``kpi``, ``stage``, ``unit``, ``direction``, ``value``,
    ``previous``, ``target`` (floats, NaN for no data / no target), ``status``
    (``on_target`` / ``at_risk`` / ``off_target`` or None), ``delta_pct``
    (change vs the previous period in percent, NaN without a base) and
    ``missing`` (the empty datasets the KPI needs, comma-separated, "" if none).
    Catalog order; no results give zero rows with these columns.
    """
    rows = [
        {
            "kpi": r.id,
            "stage": r.stage,
            "unit": r.unit,
            "direction": r.direction,
            "value": _nan(r.value),
            "previous": _nan(r.previous),
            "target": _nan(r.target),
            "status": target_status(r.value, r.target, r.direction),
            "delta_pct": _nan(r.delta_pct),
            "missing": ", ".join(r.missing),
        }
        for r in results
    ]
    columns = [
        "kpi",
        "stage",
        "unit",
        "direction",
        "value",
        "previous",
        "target",
        "status",
        "delta_pct",
        "missing",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype(dict.fromkeys(("value", "previous", "target", "delta_pct"), "float64"))


def _nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


# The one KPI that speaks for each lifecycle stage on the Overview.
HEADLINES = {
    "acquisition": "new_customers",
    "conversion": "revenue",
    "service": "same_day_resolution_rate",
    "retention": "retention_rate",
    "feedback": "nps",
    "relationship": "repeat_purchase_rate",
}


def lifecycle_headlines(card: pd.DataFrame) -> pd.DataFrame:
    """One row per lifecycle stage (in lifecycle order) with its headline KPI.

    ``card`` is :func:`scorecard`'s frame. Columns: those of ``card`` plus
    ``on_target`` and ``with_target``: how many of the stage's KPIs are on
    target, and how many have both a value and a target. Stages whose headline
    KPI is missing from ``card`` are left out.
    """
    rows = []
    for stage, kpi_id in HEADLINES.items():
        found = card[card["kpi"] == kpi_id]
        if found.empty:
            continue
        of_stage = card[card["stage"] == stage]
        row = found.iloc[0].to_dict()
        row["on_target"] = int((of_stage["status"] == "on_target").sum())
        row["with_target"] = int(of_stage["status"].notna().sum())
        rows.append(row)
    columns = [*card.columns, "on_target", "with_target"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"on_target": "int64", "with_target": "int64"})
