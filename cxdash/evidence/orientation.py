"""Step 1, Orientation: how the headline KPIs and the channel mix moved, month by month.

Every series covers the ``months`` calendar months up to ``end`` (the period's
last day); the last month runs to ``end`` only, so a period ending mid-month
shows that month so far. Month values follow the KPI contract (DESIGN section
5) with the month as the period: the same filters, the same definitions, null
where a ratio has no denominator. The KPI trend lines are the scorecard's
monthly KPIs (evidence/scorecard.py); the channel-mix shares group by month here.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from cxdash.evidence.scorecard import monthly_values
from cxdash.filters import Filters
from cxdash.kpis import facts

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

_PARAM = re.compile(r"\$(\w+)")
_ALIAS = {"tickets": "tk"}

# Mobile orders per day come with the orders' daily sums (cxdash/kpis/facts.py):
# device "mobile" (any case) or channel "mobile_app".
_MOBILE_SQL = """
WITH days AS ({days})
SELECT
    date_trunc('month', day) AS month,
    CAST(sum(orders) AS BIGINT) AS orders,
    CAST(sum(mobile_orders) AS BIGINT) AS mobile_orders
FROM days
WHERE day >= $first_day
  AND day <= $end
GROUP BY 1
"""

_CONTACTS_SQL = """
SELECT
    CAST(date_trunc('month', tk.opened_at) AS DATE) AS month,
    tk.channel,
    count(*) AS contacts
FROM {tickets} AS tk
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


def _run(con, sql: str, dataset: str, filters: Filters, bounds: dict) -> pd.DataFrame:
    if dataset == "orders":
        days, params = facts.order_days(con, filters)
        text = sql.format(days=days)
    else:
        table, selected, params = facts.rows(con, dataset, filters, _ALIAS[dataset])
        text = sql.format(tickets=table, selected=selected)
    # Bind only what the query names: DuckDB refuses surplus parameters.
    used = set(_PARAM.findall(text))
    values = {k: v for k, v in {**bounds, **params}.items() if k in used}
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
    the ratios. The values are the scorecard's monthly KPIs (one implementation
    of the monthly SQL). Raises ValueError for a KPI not in :data:`TREND_KPIS`.
    """
    unknown = [k for k in kpis if k not in TREND_KPIS]
    if unknown:
        raise ValueError(f"no monthly trend for {unknown}; choose from {TREND_KPIS}")
    values = monthly_values(con, kpis, end, filters, months)
    return values[["month", "kpi", "value"]].astype({"kpi": "str"})


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
    found = _run(con, _MOBILE_SQL, "orders", filters, bounds)
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
