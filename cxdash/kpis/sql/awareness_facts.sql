-- awareness_facts: every awareness touchpoint with what conversion_rate needs
-- to know about the same customer's other touchpoints, on calendar days (a
-- touchpoint is in a period when its date is):
--   previous_awareness   the day of the customer's awareness touchpoint before it
--   last_purchase        the latest day with a purchase touchpoint, on or before its day
--   next_purchase        the earliest day with a purchase touchpoint, on or after its day
-- each also within the touchpoint's own channel (*_in_channel), and the
-- customer's segment and region (NULL for a customer missing from customers).
-- Rebuilt whole (cxdash/kpis/facts.py) after touchpoints or customers change.
--
-- Then, for a range of days [a, b]: the customer's first awareness touchpoint
-- in it is the one whose previous_awareness is before a (or none), and the
-- customer also has a purchase touchpoint in [a, b] exactly when, seen from
-- that touchpoint's day d, last_purchase >= a or next_purchase <= b.

CREATE OR REPLACE TABLE awareness_facts AS
WITH events AS (
    SELECT
        t.customer_id,
        CAST(t.ts AS DATE) AS day,
        t.stage,
        t.channel
    FROM touchpoints AS t
    WHERE t.stage IN ('awareness', 'purchase')
),

neighbours AS (
    SELECT
        e.*,
        -- lag within one stage; a purchase row's value is never read
        lag(e.day) OVER (PARTITION BY e.customer_id, e.stage ORDER BY e.day) AS previous_awareness,
        lag(e.day) OVER (PARTITION BY e.customer_id, e.channel, e.stage ORDER BY e.day) AS previous_awareness_in_channel,
        -- RANGE frames take the rows of the same day in, whichever stage sorts first
        max(CASE WHEN e.stage = 'purchase' THEN e.day END) OVER (
            PARTITION BY e.customer_id ORDER BY e.day
            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS last_purchase,
        min(CASE WHEN e.stage = 'purchase' THEN e.day END) OVER (
            PARTITION BY e.customer_id ORDER BY e.day
            RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
        ) AS next_purchase,
        max(CASE WHEN e.stage = 'purchase' THEN e.day END) OVER (
            PARTITION BY e.customer_id, e.channel ORDER BY e.day
            RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS last_purchase_in_channel,
        min(CASE WHEN e.stage = 'purchase' THEN e.day END) OVER (
            PARTITION BY e.customer_id, e.channel ORDER BY e.day
            RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING
        ) AS next_purchase_in_channel
    FROM events AS e
)

SELECT
    n.customer_id,
    n.day,
    n.channel,
    c.segment,
    c.region,
    n.previous_awareness,
    n.previous_awareness_in_channel,
    n.last_purchase,
    n.next_purchase,
    n.last_purchase_in_channel,
    n.next_purchase_in_channel
FROM neighbours AS n
LEFT JOIN customers AS c ON c.customer_id = n.customer_id
WHERE n.stage = 'awareness'
ORDER BY n.day
