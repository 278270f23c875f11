"""Step 6 evidence: what follows an order within 30 or 90 days.

Of the period's orders, the share followed by a repeat order, a support
ticket, a survey response or a referral sign-up by the same customer.
"""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pandas as pd

from cxdash.filters import Filters, predicate
from cxdash.kpis import facts
from cxdash.period import Period

FOLLOW_UP_DAYS = (30, 90)
FOLLOW_UPS = ("repeat_order", "ticket", "survey", "referral")
_PARAM = re.compile(r"\$(\w+)")

# The orders of the period, joined to what their customer did in the days after
# (used while order_follow_ups, below, does not match the tables).
_FOLLOW_UP_SQL = """
WITH base AS (
    SELECT o.order_id, o.customer_id, o.order_date
    FROM orders AS o
    WHERE o.order_date >= $start AND o.order_date <= $end AND {selected}
), repeat_order AS (
    SELECT DISTINCT b.order_id
    FROM base AS b
    JOIN orders AS n ON n.customer_id = b.customer_id
    WHERE n.order_date > $start AND n.order_date <= $until
      AND date_diff('day', b.order_date, n.order_date) BETWEEN 1 AND $days
), ticket AS (
    SELECT DISTINCT b.order_id
    FROM base AS b
    JOIN tickets AS t ON t.customer_id = b.customer_id
    WHERE t.opened_at >= $after_start AND t.opened_at < $after_until
      AND date_diff('day', b.order_date, CAST(t.opened_at AS DATE)) BETWEEN 1 AND $days
), survey AS (
    SELECT DISTINCT b.order_id
    FROM base AS b
    JOIN surveys AS s ON s.customer_id = b.customer_id
    WHERE s.responded_at >= $after_start AND s.responded_at < $after_until
      AND date_diff('day', b.order_date, CAST(s.responded_at AS DATE)) BETWEEN 1 AND $days
), referral AS (
    SELECT DISTINCT b.order_id
    FROM base AS b
    JOIN customers AS c ON c.referred_by = b.customer_id
    WHERE c.signup_date > $start AND c.signup_date <= $until
      AND date_diff('day', b.order_date, c.signup_date) BETWEEN 1 AND $days
)
SELECT
    count(b.order_id) AS orders,
    count(b.order_id) FILTER (
        WHERE date_diff('day', b.order_date, (SELECT max(order_date) FROM orders)) >= $days
    ) AS complete,
    count(ro.order_id) AS repeat_order,
    count(tk.order_id) AS ticket,
    count(sv.order_id) AS survey,
    count(rf.order_id) AS referral,
    EXISTS (SELECT 1 FROM tickets) AS has_ticket,
    EXISTS (SELECT 1 FROM surveys) AS has_survey,
    EXISTS (SELECT 1 FROM customers WHERE referred_by IS NOT NULL) AS has_referral
FROM base AS b
LEFT JOIN repeat_order AS ro ON ro.order_id = b.order_id
LEFT JOIN ticket AS tk ON tk.order_id = b.order_id
LEFT JOIN survey AS sv ON sv.order_id = b.order_id
LEFT JOIN referral AS rf ON rf.order_id = b.order_id
"""


# The same counts from order_follow_ups (cxdash/kpis/sql/order_follow_ups.sql):
# every order with the days to each kind of event that followed it.
_FROM_ROLLUP_SQL = """
SELECT
    count(*) AS orders,
    count(*) FILTER (
        WHERE date_diff('day', f.order_date, (SELECT max(order_date) FROM orders)) >= $days
    ) AS complete,
    count(*) FILTER (WHERE f.repeat_order <= $days) AS repeat_order,
    count(*) FILTER (WHERE f.ticket <= $days) AS ticket,
    count(*) FILTER (WHERE f.survey <= $days) AS survey,
    count(*) FILTER (WHERE f.referral <= $days) AS referral,
    EXISTS (SELECT 1 FROM tickets) AS has_ticket,
    EXISTS (SELECT 1 FROM surveys) AS has_survey,
    EXISTS (SELECT 1 FROM customers WHERE referred_by IS NOT NULL) AS has_referral
FROM order_follow_ups AS f
WHERE f.order_date >= $start AND f.order_date <= $end AND {selected}
"""


def follow_ups(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters, days: int = 30
) -> pd.DataFrame:
    """Of the period's orders, the share followed within ``days`` days by each kind of event.

    An event follows an order when it falls on a day after the order day and at
    most ``days`` days later (order_date < event date <= order_date + days), by
    the same customer: another order (``repeat_order``), a support ticket
    opened, a survey response, or a new customer signing up with
    ``referred_by`` set to them (``referral``). Filters select the orders;
    what follows counts on any channel.

    One row per event kind, in :data:`FOLLOW_UPS` order. Columns: ``event``,
    ``orders`` (orders in the period), ``followed``, ``share`` (0-100; NaN when
    there are no orders, or when the event's dataset is empty so nothing could
    be seen), ``complete`` (orders whose whole window lies on or before the
    latest order date in the data: later ones have had less time).
    """
    if facts.is_current(con, facts.FOLLOW_UPS):
        selected, params = facts.predicate(filters, "f")
        sql = _FROM_ROLLUP_SQL.replace("{selected}", selected)
    else:
        selected, params = predicate("orders", filters, "o")
        sql = _FOLLOW_UP_SQL.replace("{selected}", selected)
    until = period.end + dt.timedelta(days=days)
    bound = {
        "start": period.start,
        "end": period.end,
        "days": days,
        "until": until,
        "after_start": period.start + dt.timedelta(days=1),
        "after_until": until + dt.timedelta(days=1),
        **params,
    }
    # Bind what the query names: DuckDB refuses surplus parameters.
    used = set(_PARAM.findall(sql))
    row = con.execute(sql, {k: v for k, v in bound.items() if k in used}).df().iloc[0]
    orders = int(row["orders"])
    seen = {
        "repeat_order": orders > 0,
        "ticket": bool(row["has_ticket"]),
        "survey": bool(row["has_survey"]),
        "referral": bool(row["has_referral"]),
    }
    rows = []
    for event in FOLLOW_UPS:
        followed = int(row[event])
        share = 100.0 * followed / orders if orders and seen[event] else float("nan")
        rows.append(
            {
                "event": event,
                "orders": orders,
                "followed": followed,
                "share": share,
                "complete": int(row["complete"]),
            }
        )
    return pd.DataFrame(rows, columns=["event", "orders", "followed", "share", "complete"])
