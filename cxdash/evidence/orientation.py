"""Step 1, Orientation: how the headline KPIs and the channel mix moved, month by month.

Every series covers the ``months`` calendar months up to ``end`` (the period's
last day); the last month runs to ``end`` only, so a period ending mid-month
shows that month so far. Month values follow the KPI contract (DESIGN section
5) with the month as the period: the same filters, the same definitions, null
where a ratio has no denominator. One query per dataset groups by month; no
KPI is computed month by month from Python.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from cxdash.filters import Filters, predicate

TREND_KPIS = (
    "revenue",
    "active_customers",
    "aov",
    "conversion_rate",
    "nps",
    "csat",
    "fcr",
    "same_day_resolution_rate",
)
DEFAULT_TREND_KPIS = ("revenue", "active_customers", "nps", "same_day_resolution_rate")

# Counts and sums over no rows are 0; every other trend KPI is a ratio (null).
_ZERO_WHEN_EMPTY = frozenset({"revenue", "active_customers"})

# One query per dataset; each returns ``month`` and one column per KPI it computes.
_MONTHLY_SQL = {
    "orders": """
SELECT
    date_trunc('month', o.order_date) AS month,
    CAST(sum(o.amount) AS DOUBLE) AS revenue,
    count(DISTINCT o.customer_id) AS active_customers,
    CAST(sum(o.amount) AS DOUBLE) / nullif(count(*), 0) AS aov
FROM orders AS o
WHERE o.order_date >= $first_day
  AND o.order_date <= $end
  AND {selected}
GROUP BY 1
""",
    "touchpoints": """
WITH per_customer AS (
    SELECT
        CAST(date_trunc('month', t.ts) AS DATE) AS month,
        t.customer_id,
        count(*) FILTER (WHERE t.stage = 'awareness') AS awareness_events,
        count(*) FILTER (WHERE t.stage = 'purchase') AS purchase_events
    FROM touchpoints AS t
    WHERE t.ts >= $first_at
      AND t.ts < $end_before
      AND t.stage IN ('awareness', 'purchase')
      AND {selected}
    GROUP BY 1, 2
)
SELECT
    month,
    100 * count(*) FILTER (WHERE awareness_events > 0 AND purchase_events > 0)
        / nullif(count(*) FILTER (WHERE awareness_events > 0), 0) AS conversion_rate
FROM per_customer
GROUP BY month
""",
    "surveys": """
SELECT
    CAST(date_trunc('month', s.responded_at) AS DATE) AS month,
    100 * (count(*) FILTER (WHERE s.nps BETWEEN 9 AND 10)
           - count(*) FILTER (WHERE s.nps BETWEEN 0 AND 6))
        / nullif(count(s.nps), 0) AS nps,
    100 * count(*) FILTER (WHERE s.csat BETWEEN 4 AND 5) / nullif(count(s.csat), 0) AS csat
FROM surveys AS s
WHERE s.responded_at >= $first_at
  AND s.responded_at < $end_before
  AND {selected}
GROUP BY 1
""",
    "tickets": """
SELECT
    CAST(date_trunc('month', tk.opened_at) AS DATE) AS month,
    100 * count(*) FILTER (WHERE tk.first_contact_resolution = TRUE) / nullif(count(*), 0) AS fcr,
    100 * count(*) FILTER (WHERE CAST(tk.resolved_at AS DATE) = CAST(tk.opened_at AS DATE))
        / nullif(count(*), 0) AS same_day_resolution_rate
FROM tickets AS tk
WHERE tk.opened_at >= $first_at
  AND tk.opened_at < $end_before
  AND {selected}
GROUP BY 1
""",
}
_PARAM = re.compile(r"\$(\w+)")
_ALIAS = {"orders": "o", "touchpoints": "t", "surveys": "s", "tickets": "tk"}
_DATASET_OF = {
    "revenue": "orders",
    "active_customers": "orders",
    "aov": "orders",
    "conversion_rate": "touchpoints",
    "nps": "surveys",
    "csat": "surveys",
    "fcr": "tickets",
    "same_day_resolution_rate": "tickets",
}

_MOBILE_SQL = """
SELECT
    date_trunc('month', o.order_date) AS month,
    count(*) AS orders,
    count(*) FILTER (
        WHERE lower(trim(o.device)) = $mobile_device OR o.channel = $mobile_channel
    ) AS mobile_orders
FROM orders AS o
WHERE o.order_date >= $first_day
  AND o.order_date <= $end
  AND {selected}
GROUP BY 1
"""

_CONTACTS_SQL = """
SELECT
    CAST(date_trunc('month', tk.opened_at) AS DATE) AS month,
    tk.channel,
    count(*) AS contacts
FROM tickets AS tk
WHERE tk.opened_at >= $first_at
  AND tk.opened_at < $end_before
  AND {selected}
GROUP BY 1, 2
"""


def month_start(day: dt.date, months_back: int = 0) -> dt.date:
    """The first day of ``day``'s month, ``months_back`` calendar months earlier."""
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def _window(end: dt.date, months: int) -> tuple[dict, pd.DatetimeIndex]:
    """Bound dates for ``months`` months up to ``end``, and the months themselves."""
    first_day = month_start(end, months - 1)
    bounds = {
        "first_day": first_day,
        "end": end,
        "first_at": dt.datetime.combine(first_day, dt.time()),
        "end_before": dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
    }
    return bounds, pd.date_range(first_day, periods=months, freq="MS")


def _run(con, sql: str, dataset: str, filters: Filters, bounds: dict, **extra) -> pd.DataFrame:
    selected, params = predicate(dataset, filters, _ALIAS[dataset])
    text = sql.format(selected=selected)
    # Bind only what the query names: DuckDB refuses surplus parameters.
    used = set(_PARAM.findall(text))
    values = {k: v for k, v in {**bounds, **extra, **params}.items() if k in used}
    found = con.execute(text, values).df()
    found["month"] = pd.to_datetime(found["month"])
    return found


def kpi_trends(
    con: duckdb.DuckDBPyConnection,
    end: dt.date,
    filters: Filters,
    kpis: tuple[str, ...] = DEFAULT_TREND_KPIS,
    months: int = 24,
) -> pd.DataFrame:
    """Each KPI of ``kpis`` per calendar month, ``months`` months up to ``end``.

    Columns: ``month`` (first day, datetime64), ``kpi`` (id), ``value`` (float).
    One row per KPI and month, KPIs in the order asked, months ascending. A month
    without rows has 0 for revenue and active_customers and NaN (no data) for
    the ratios. Raises ValueError for a KPI not in :data:`TREND_KPIS`.
    """
    unknown = [k for k in kpis if k not in _DATASET_OF]
    if unknown:
        raise ValueError(f"no monthly trend for {unknown}; choose from {TREND_KPIS}")
    bounds, calendar = _window(end, months)
    frame = pd.DataFrame({"month": calendar})
    for dataset in dict.fromkeys(_DATASET_OF[k] for k in kpis):
        found = _run(con, _MONTHLY_SQL[dataset], dataset, filters, bounds)
        frame = frame.merge(found, on="month", how="left")
    parts = []
    for kpi_id in kpis:
        values = frame[kpi_id].astype("float64")
        if kpi_id in _ZERO_WHEN_EMPTY:
            values = values.fillna(0.0)
        parts.append(pd.DataFrame({"month": frame["month"], "kpi": kpi_id, "value": values}))
    if not parts:
        return pd.DataFrame({"month": calendar[:0], "kpi": pd.Series(dtype="str"), "value": 0.0})
    return pd.concat(parts, ignore_index=True)


def mobile_share(
    con: duckdb.DuckDBPyConnection, end: dt.date, filters: Filters, months: int = 24
) -> pd.DataFrame:
    """Share of orders placed on a mobile phone or in the mobile app, per calendar month.

    A mobile order has device ``mobile`` (any case) or channel ``mobile_app``
    (whatever its device: a tablet in the app counts).
    Columns: ``month`` (datetime64), ``orders`` (int), ``mobile_orders`` (int),
    ``share`` (0-100, NaN in a month without orders). Every month is present.
    """
    bounds, calendar = _window(end, months)
    found = _run(
        con,
        _MOBILE_SQL,
        "orders",
        filters,
        bounds,
        mobile_device="mobile",
        mobile_channel="mobile_app",
    )
    frame = pd.DataFrame({"month": calendar}).merge(found, on="month", how="left")
    frame = frame.fillna({"orders": 0, "mobile_orders": 0})
    frame = frame.astype({"orders": "int64", "mobile_orders": "int64"})
    frame["share"] = 100.0 * frame["mobile_orders"] / frame["orders"].where(frame["orders"] > 0)
    return frame


def contact_share(
    con: duckdb.DuckDBPyConnection,
    end: dt.date,
    filters: Filters,
    channels: tuple[str, ...] = ("social", "chat"),
    months: int = 24,
) -> pd.DataFrame:
    """Share of support contacts (tickets opened) through each of ``channels``, per month.

    Columns: ``month`` (datetime64), ``channel``, ``contacts`` (tickets opened in
    the channel), ``tickets`` (all tickets opened that month under the filters),
    ``share`` (0-100, NaN in a month without tickets). One row per month and
    channel, channels in the order given.
    """
    bounds, calendar = _window(end, months)
    found = _run(con, _CONTACTS_SQL, "tickets", filters, bounds)
    totals = found.groupby("month", as_index=False)["contacts"].sum()
    totals = totals.rename(columns={"contacts": "tickets"})
    grid = pd.MultiIndex.from_product([calendar, list(channels)], names=["month", "channel"])
    frame = grid.to_frame(index=False)
    frame = frame.merge(found, on=["month", "channel"], how="left")
    frame = frame.merge(totals, on="month", how="left")
    frame = frame.fillna({"contacts": 0, "tickets": 0})
    frame = frame.astype({"contacts": "int64", "tickets": "int64"})
    frame["share"] = 100.0 * frame["contacts"] / frame["tickets"].where(frame["tickets"] > 0)
    return frame[["month", "channel", "contacts", "tickets", "share"]]
