"""RFM segments: customers scored on recency, frequency and monetary value, in one query.

Each customer with a selected order on or before the period's last day gets
three scores from 1 to 5 by quintile among those customers: R on the days since
their last order (5 = most recent), F on their number of orders, M on their
revenue (5 = most). A score is ``ceil(5 x share of customers at or below the
customer's value)``, so customers with equal values share a score (with many
one-order customers, the lowest F score is 2, not 1). F and M are averaged
(``FM = floor((F + M) / 2)``), and R x FM maps onto eight named segments:

=========================  ===================
segment                     rule
=========================  ===================
champions                   R 4-5, FM 4-5
loyal                       R 3-5, FM 3 or R 3, FM 4-5
potential_loyalists         R 4-5, FM 2
new                         R 4-5, FM 1
need_attention              R 3, FM 1-2
at_risk                     R 1-2, FM 3-5
hibernating                 R 2, FM 1-2
lost                        R 1, FM 1-2
=========================  ===================
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cxdash.filters import Filters, predicate
from cxdash.period import Period

# Best to worst: the order the chart lists them in.
SEGMENTS = (
    "champions",
    "loyal",
    "potential_loyalists",
    "new",
    "need_attention",
    "at_risk",
    "hibernating",
    "lost",
)

COLUMNS = (
    "segment",
    "customers",
    "revenue",
    "customer_share",
    "revenue_share",
    "recency_days",
    "orders_per_customer",
    "revenue_per_customer",
)

_RFM_SQL = """
WITH per_customer AS (
    SELECT
        o.customer_id,
        date_diff('day', max(o.order_date), $end) AS recency_days,
        count(*) AS frequency,
        CAST(sum(o.amount) AS DOUBLE) AS monetary
    FROM orders AS o
    WHERE o.order_date <= $end AND {selected}
    GROUP BY o.customer_id
), scored AS (
    -- count(*) OVER (ORDER BY x) counts the customers at or below x (ties included).
    SELECT
        *,
        CAST(ceil(5.0 * count(*) OVER (ORDER BY recency_days DESC) / count(*) OVER ())
             AS INTEGER) AS r,
        CAST(ceil(5.0 * count(*) OVER (ORDER BY frequency) / count(*) OVER ()) AS INTEGER) AS f,
        CAST(ceil(5.0 * count(*) OVER (ORDER BY monetary) / count(*) OVER ()) AS INTEGER) AS m
    FROM per_customer
), segmented AS (
    SELECT
        *,
        CASE
            WHEN r >= 4 AND fm >= 4 THEN 'champions'
            WHEN r >= 3 AND fm >= 3 THEN 'loyal'
            WHEN r >= 4 AND fm = 2 THEN 'potential_loyalists'
            WHEN r >= 4 THEN 'new'
            WHEN r = 3 THEN 'need_attention'
            WHEN fm >= 3 THEN 'at_risk'
            WHEN r = 2 THEN 'hibernating'
            ELSE 'lost'
        END AS segment
    FROM (SELECT *, CAST(floor((f + m) / 2.0) AS INTEGER) AS fm FROM scored)
)
SELECT
    segment,
    count(*) AS customers,
    sum(monetary) AS revenue,
    avg(CAST(recency_days AS DOUBLE)) AS recency_days,
    avg(CAST(frequency AS DOUBLE)) AS orders_per_customer,
    avg(monetary) AS revenue_per_customer
FROM segmented
GROUP BY segment
"""


def rfm_segments(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> pd.DataFrame:
    """Customers and revenue per RFM segment, over selected orders up to ``period.end``.

    One row per segment of :data:`SEGMENTS` that has customers, in that order.
    Columns: ``segment`` (a key of :data:`SEGMENTS`), ``customers``, ``revenue``
    (their orders up to ``period.end``, all dates), ``customer_share`` and
    ``revenue_share`` (0-100 of all scored customers and their revenue; NaN
    when the revenue is 0), ``recency_days``, ``orders_per_customer`` and
    ``revenue_per_customer`` (segment means). No orders means no rows.
    """
    selected, params = predicate("orders", filters, "o")
    sql = _RFM_SQL.format(selected=selected)
    found = con.execute(sql, {"end": period.end, **params}).df()
    found["customers"] = found["customers"].astype("int64")
    rank = {s: i for i, s in enumerate(SEGMENTS)}
    frame = found.sort_values("segment", key=lambda s: s.map(rank)).reset_index(drop=True)
    customers, revenue = frame["customers"].sum(), frame["revenue"].sum()
    frame["customer_share"] = frame["customers"] / customers * 100 if customers else 0.0
    frame["revenue_share"] = frame["revenue"] / revenue * 100 if revenue else float("nan")
    return frame[list(COLUMNS)]
