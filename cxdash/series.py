"""Time series behind the trend charts, aggregated in DuckDB."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters
from cxdash.kpis import facts

_MONTHLY_REVENUE_SQL = """
WITH days AS ({days})
SELECT
    date_trunc('month', day) AS month,
    sum(revenue) AS revenue,
    CAST(sum(orders) AS BIGINT) AS orders
FROM days
WHERE day >= $first_day
  AND day <= $last_day
GROUP BY 1
ORDER BY 1
"""


def _month_start(day: dt.date, months_back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def monthly_revenue(
    con: duckdb.DuckDBPyConnection, end: dt.date, filters: Filters, months: int = 24
) -> pd.DataFrame:
    """Revenue and order count per calendar month, for ``months`` months up to ``end``.

    Columns: ``month`` (first day, datetime64), ``revenue`` (float), ``orders`` (int).
    Every month of the window is present; a month without orders has zeros.
    """
    first_day = _month_start(end, months - 1)
    days, params = facts.order_days(con, filters)
    sql = _MONTHLY_REVENUE_SQL.format(days=days)
    found = con.execute(sql, {"first_day": first_day, "last_day": end, **params}).df()
    calendar = pd.DataFrame({"month": pd.date_range(first_day, periods=months, freq="MS")})
    found["month"] = pd.to_datetime(found["month"])
    frame = calendar.merge(found, on="month", how="left")
    return frame.fillna({"revenue": 0.0, "orders": 0}).astype({"orders": "int64"})
