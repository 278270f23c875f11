-- order_intents: the orders per day, channel, segment, region, device and
-- intent, with their revenue, where an order's intent is that of the
-- customer's last touchpoint (any stage, any channel) dated on the order day
-- or up to 7 days before it (cxdash/evidence/insights.py,
-- INTENT_LOOKBACK_DAYS; the tests compare the two). Orders carry only a date,
-- so a touchpoint later on the order day still counts; ties on the timestamp
-- go to the higher event_id.
--
-- Why: matching each order of a period to the touchpoints before it is a
-- range join over millions of rows, on every change of the period or a
-- filter. Done once per load here, the intents of any period and filter are
-- sums over a few hundred thousand rows. Rebuilt whole (cxdash/kpis/facts.py)
-- after the orders, touchpoints or customers change; read only while current.

CREATE OR REPLACE TABLE order_intents AS
WITH last_touch AS (
    SELECT o.order_id, t.intent
    FROM orders AS o
    JOIN touchpoints AS t
      ON t.customer_id = o.customer_id
     AND CAST(t.ts AS DATE) <= o.order_date
     AND date_diff('day', CAST(t.ts AS DATE), o.order_date) <= 7
    QUALIFY row_number() OVER (PARTITION BY o.order_id ORDER BY t.ts DESC, t.event_id DESC) = 1
)

SELECT
    o.order_date AS day,
    o.channel,
    c.segment,
    c.region,
    nullif(trim(o.device), '') AS device,
    nullif(trim(l.intent), '') AS intent,
    count(*) AS orders,
    sum(o.amount) AS revenue
FROM orders AS o
LEFT JOIN last_touch AS l ON l.order_id = o.order_id
LEFT JOIN customers AS c ON c.customer_id = o.customer_id
GROUP BY ALL
ORDER BY day
