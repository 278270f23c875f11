"""Step 6 evidence about orders: why they happened (campaign, intent, device), cohort window.

Every function takes a connection, a :class:`Period`, :class:`Filters` and plain
numbers, binds every value, and returns a small aggregated DataFrame.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters, predicate
from cxdash.kpis import facts
from cxdash.kpis.cohorts import month_number, month_start
from cxdash.period import Period

TOP_CAMPAIGNS = 10
INTENT_LOOKBACK_DAYS = 7
COHORT_MIN_MONTHS = 12

# Campaign buckets: one of the top campaigns, every other campaign, or none at all.
CAMPAIGN, OTHER, NONE = "campaign", "other", "none"

_CAMPAIGN_SQL = """
WITH selected AS (
    SELECT o.campaign_id, o.amount
    FROM {orders} AS o
    WHERE o.order_date >= $start AND o.order_date <= $end AND {selected}
), per_campaign AS (
    SELECT
        nullif(trim(campaign_id), '') AS campaign_id,
        count(*) AS orders,
        sum(amount) AS revenue
    FROM selected
    GROUP BY 1
), ranked AS (
    SELECT
        *,
        CASE WHEN campaign_id IS NOT NULL
             THEN row_number() OVER (
                 ORDER BY CASE WHEN campaign_id IS NULL THEN 1 ELSE 0 END, revenue DESC, campaign_id
             )
        END AS rank
    FROM per_campaign
)
SELECT
    CASE WHEN r.campaign_id IS NULL THEN 'none'
         WHEN r.rank <= $top THEN 'campaign'
         ELSE 'other' END AS kind,
    CASE WHEN r.rank <= $top THEN r.campaign_id END AS campaign_id,
    CASE WHEN r.rank <= $top THEN coalesce(c.name, r.campaign_id) END AS campaign,
    CASE WHEN r.rank <= $top THEN c.channel END AS channel,
    count(r.campaign_id) AS campaigns,
    sum(r.orders) AS orders,
    CAST(sum(r.revenue) AS DOUBLE) AS revenue
FROM ranked AS r
LEFT JOIN campaigns AS c ON c.campaign_id = r.campaign_id
GROUP BY 1, 2, 3, 4
ORDER BY CASE kind WHEN 'campaign' THEN 0 WHEN 'other' THEN 1 ELSE 2 END, revenue DESC
"""


def orders_by_campaign(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters, top: int = TOP_CAMPAIGNS
) -> pd.DataFrame:
    """Orders and revenue of the period per campaign: the ``top`` by revenue, the rest, none.

    Columns: ``kind`` ("campaign", "other" for every campaign below the top,
    "none" for orders without a campaign_id), ``campaign_id``, ``campaign`` (the
    campaign's name, its id when it has none or is not in ``campaigns``),
    ``channel`` (the campaign's own channel), ``campaigns`` (how many campaigns
    the bucket holds: 1, the number of other campaigns, 0), ``orders``, ``revenue``,
    ``revenue_share`` (0-100 of the period's revenue; NaN when it is 0). The
    top campaigns come first by revenue, then "other", then "none"; buckets
    without orders are left out, so no orders means no rows.
    """
    orders, selected, params = facts.rows(con, "orders", filters, "o")
    sql = _CAMPAIGN_SQL.format(orders=orders, selected=selected)
    bound = {"start": period.start, "end": period.end, "top": top, **params}
    frame = con.execute(sql, bound).df()
    frame = frame.astype({"campaigns": "int64", "orders": "int64"})
    total = frame["revenue"].sum()
    frame["revenue_share"] = frame["revenue"] / total * 100 if total else float("nan")
    return frame


_INTENT_SQL = """
WITH selected AS (
    SELECT o.order_id, o.customer_id, o.order_date, o.amount, o.device
    FROM orders AS o
    WHERE o.order_date >= $start AND o.order_date <= $end AND {selected}
), recent AS (
    SELECT t.customer_id, t.ts, t.event_id, t.intent
    FROM touchpoints AS t
    WHERE t.ts >= $lookback_start AND t.ts < $after_end
), last_touch AS (
    SELECT s.order_id, r.intent
    FROM selected AS s
    JOIN recent AS r
      ON r.customer_id = s.customer_id
     AND CAST(r.ts AS DATE) <= s.order_date
     AND date_diff('day', CAST(r.ts AS DATE), s.order_date) <= $lookback
    QUALIFY row_number() OVER (PARTITION BY s.order_id ORDER BY r.ts DESC, r.event_id DESC) = 1
)
SELECT
    nullif(trim(l.intent), '') AS intent,
    nullif(trim(s.device), '') AS device,
    count(*) AS orders,
    CAST(sum(s.amount) AS DOUBLE) AS revenue
FROM selected AS s
LEFT JOIN last_touch AS l ON l.order_id = s.order_id
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 2 NULLS LAST
"""


# order_intents (cxdash/kpis/sql/order_intents.sql) holds the orders per day,
# channel, segment, region, device and intent for INTENT_LOOKBACK_DAYS.
_INTENT_FROM_ROLLUP_SQL = """
SELECT
    i.intent,
    i.device,
    CAST(sum(i.orders) AS BIGINT) AS orders,
    CAST(sum(i.revenue) AS DOUBLE) AS revenue
FROM order_intents AS i
WHERE i.day BETWEEN $start AND $end
  AND {selected}
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 2 NULLS LAST
"""


def orders_by_intent(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    filters: Filters,
    lookback: int = INTENT_LOOKBACK_DAYS,
) -> pd.DataFrame:
    """Orders and revenue of the period per intent and device.

    An order's intent is the intent of the customer's last touchpoint (any
    stage, any channel) dated on the order day or up to ``lookback`` days
    before it; orders carry only a date, so a touchpoint later on the order day
    still counts. Ties on the timestamp go to the higher event_id.

    Columns: ``intent`` (None when the customer had no such touchpoint or it
    recorded no intent), ``device`` (None when the order has none, as for store
    and phone orders), ``orders``, ``revenue``. No orders means no rows.
    """
    if lookback == INTENT_LOOKBACK_DAYS and facts.is_current(con, facts.INTENTS):
        # The same sums from the rollup order_intents, made once per load.
        selected, params = facts.predicate(filters, "i")
        sql = _INTENT_FROM_ROLLUP_SQL.format(selected=selected)
        bound = {"start": period.start, "end": period.end, **params}
    else:
        selected, params = predicate("orders", filters, "o")
        sql = _INTENT_SQL.format(selected=selected)
        bound = {
            "start": period.start,
            "end": period.end,
            "lookback_start": period.start - dt.timedelta(days=lookback),
            "after_end": period.end + dt.timedelta(days=1),
            "lookback": lookback,
            **params,
        }
    frame = con.execute(sql, bound).df()
    frame["orders"] = frame["orders"].astype("int64")
    for column in ("intent", "device"):
        values = frame[column].astype(object)
        frame[column] = values.where(values.notna(), None)
    return frame


def intent_coverage(frame: pd.DataFrame) -> tuple[int, int]:
    """(orders with a known intent, all orders) of an :func:`orders_by_intent` frame."""
    total = int(frame["orders"].sum())
    return int(frame.loc[frame["intent"].notna(), "orders"].sum()), total


def cohort_period(period: Period, months: int = COHORT_MIN_MONTHS) -> Period:
    """The cohort window for ``period``: the period itself, widened to ``months`` months.

    Cohorts are the months that start inside the window (see
    :func:`cxdash.kpis.cohort_frame`); a short period (90 days by default)
    would hold only two or three, so the window starts at the first day of the
    month ``months - 1`` months before the period's last month whenever that is
    earlier than the period's start.
    """
    first = month_start(month_number(period.end) - (months - 1))
    return Period(min(first, period.start), period.end)
