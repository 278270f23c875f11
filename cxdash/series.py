"""Time series behind the trend charts, aggregated in DuckDB."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters
from cxdash.kpis import facts

_MONTHLY_REVENUE_SQL = """
SELECT
    date_trunc('month', o.order_date) AS month,
    sum(o.amount) AS revenue,
    count(*) AS orders
FROM {orders} AS o
WHERE o.order_date >= $first_day
  AND o.order_date <= $last_day
  AND {selected}
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
    table, selected, params = facts.order_rows(con, filters, "o")
    sql = _MONTHLY_REVENUE_SQL.format(orders=table, selected=selected)
    found = con.execute(sql, {"first_day": first_day, "last_day": end, **params}).df()
    calendar = pd.DataFrame({"month": pd.date_range(first_day, periods=months, freq="MS")})
    found["month"] = pd.to_datetime(found["month"])
    frame = calendar.merge(found, on="month", how="left")
    return frame.fillna({"revenue": 0.0, "orders": 0}).astype({"orders": "int64"})
