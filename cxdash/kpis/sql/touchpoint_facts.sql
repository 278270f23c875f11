-- touchpoint_facts: every touchpoint, on its calendar day (a touchpoint is in a
-- period when its date is), with what distinct-customer counts need to know
-- about the same customer's other touchpoints:
--   previous_in_stage    the day of the customer's touchpoint of the same stage before it
--   last_purchase        the latest day with a purchase touchpoint, on or before its day
--   next_purchase        the earliest day with a purchase touchpoint, on or after its day
-- each also within the touchpoint's own channel (*_in_channel), and the
-- customer's segment and region (NULL for a customer missing from customers).
-- Rebuilt whole (cxdash/kpis/facts.py) after touchpoints or customers change.
--
-- Then, for a range of days [a, b]: the customer's first touchpoint of a stage
-- in it is the one whose previous_in_stage is before a (or none): counting
-- those counts customers per stage without grouping by customer. For
-- conversion_rate, a customer with an awareness touchpoint on day d in [a, b]
-- also has a purchase touchpoint in [a, b] exactly when last_purchase >= a or
-- next_purchase <= b, seen from d.

CREATE OR REPLACE TABLE touchpoint_facts AS
WITH events AS (
    SELECT
        t.customer_id,
        CAST(t.ts AS DATE) AS day,
        t.stage,
        t.channel
    FROM touchpoints AS t
),

neighbours AS (
    SELECT
        e.*,
        lag(e.day) OVER (PARTITION BY e.customer_id, e.stage ORDER BY e.day) AS previous_in_stage,
        lag(e.day) OVER (PARTITION BY e.customer_id, e.channel, e.stage ORDER BY e.day) AS previous_in_stage_in_channel,
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
    n.day,
    n.stage,
    n.channel,
    c.segment,
    c.region,
    n.previous_in_stage,
    n.previous_in_stage_in_channel,
    n.last_purchase,
    n.next_purchase,
    n.last_purchase_in_channel,
    n.next_purchase_in_channel
FROM neighbours AS n
LEFT JOIN customers AS c ON c.customer_id = n.customer_id
-- By stage, then day: conversion_rate reads only awareness touchpoints, which
-- then lie together (a third fewer rows to scan); a date range still skips
-- the blocks outside it within each stage.
ORDER BY n.stage, n.day
