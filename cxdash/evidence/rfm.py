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
from cxdash.kpis import facts
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

# A customer's values as of $end, by grouping their selected orders...
_PER_CUSTOMER_SQL = """
SELECT
    o.customer_id,
    date_diff('day', max(o.order_date), $end) AS recency_days,
    count(*) AS frequency,
    CAST(sum(o.amount) AS DOUBLE) AS monetary
FROM orders AS o
WHERE o.order_date <= $end AND {selected}
GROUP BY o.customer_id
"""

# ... or, while order_facts is current (cxdash/kpis/facts.py), by reading the
# customer's last selected order up to $end, which carries the running count
# and sum of their orders: one row per customer without grouping.
_PER_CUSTOMER_FACTS_SQL = """
SELECT
    o.customer_id,
    date_diff('day', o.order_date, $end) AS recency_days,
    o.{orders_so_far} AS frequency,
    CAST(o.{amount_so_far} AS DOUBLE) AS monetary
FROM order_facts AS o
WHERE o.order_date <= $end
  AND (o.{next} IS NULL OR o.{next} > $end)
  AND {selected}
"""

# A score is ceil(5 x customers at or below the value / all customers): the
# customers at or below each distinct value are a running sum over the values,
# far cheaper than ranking every customer three times. Each distinct value is
# scored once; customers are then counted per (R, FM) cell, at most 25 of
# them, and only the cells are named: no per-customer arithmetic or strings.
_RFM_SQL = """
WITH per_customer AS (
{per_customer}
), scored_customers AS (
    SELECT count(*) AS n FROM per_customer
), recency_scores AS (
    SELECT
        recency_days,
        CAST(ceil(5.0 * sum(count(*)) OVER (ORDER BY recency_days DESC) / any_value(n)) AS INTEGER)
            AS r
    FROM per_customer, scored_customers
    GROUP BY recency_days
), frequency_scores AS (
    SELECT
        frequency,
        CAST(ceil(5.0 * sum(count(*)) OVER (ORDER BY frequency) / any_value(n)) AS INTEGER) AS f
    FROM per_customer, scored_customers
    GROUP BY frequency
), monetary_scores AS (
    SELECT
        monetary,
        CAST(ceil(5.0 * sum(count(*)) OVER (ORDER BY monetary) / any_value(n)) AS INTEGER) AS m
    FROM per_customer, scored_customers
    GROUP BY monetary
), cells AS (
    SELECT
        r.r,
        (f.f + m.m) // 2 AS fm,
        count(*) AS customers,
        sum(p.monetary) AS revenue,
        sum(p.recency_days) AS recency_total,
        sum(p.frequency) AS orders
    FROM per_customer AS p
    JOIN recency_scores AS r USING (recency_days)
    JOIN frequency_scores AS f USING (frequency)
    JOIN monetary_scores AS m USING (monetary)
    GROUP BY ALL
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
    FROM cells
)
SELECT
    segment,
    sum(customers) AS customers,
    sum(revenue) AS revenue,
    sum(recency_total) / sum(customers) AS recency_days,
    sum(orders) / sum(customers) AS orders_per_customer,
    sum(revenue) / sum(customers) AS revenue_per_customer
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
    if facts.usable(con, filters):
        selected, params = facts.predicate(filters, "o")
        per_customer = _PER_CUSTOMER_FACTS_SQL
        for key, column in facts.columns(facts.ORDERS, filters).items():
            per_customer = per_customer.replace(f"{{{key}}}", column)
    else:
        selected, params = predicate("orders", filters, "o")
        per_customer = _PER_CUSTOMER_SQL
    sql = _RFM_SQL.replace("{per_customer}", per_customer.replace("{selected}", selected))
    found = con.execute(sql, {"end": period.end, **params}).df()
    found["customers"] = found["customers"].astype("int64")
    rank = {s: i for i, s in enumerate(SEGMENTS)}
    frame = found.sort_values("segment", key=lambda s: s.map(rank)).reset_index(drop=True)
    customers, revenue = frame["customers"].sum(), frame["revenue"].sum()
    frame["customer_share"] = frame["customers"] / customers * 100 if customers else 0.0
    frame["revenue_share"] = frame["revenue"] / revenue * 100 if revenue else float("nan")
    return frame[list(COLUMNS)]
