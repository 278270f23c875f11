-- order_follow_ups: every order with the days from it to what its customer did
-- next on a later day: their next order (any channel), their next support
-- ticket opened, their next survey response and the next sign-up of a
-- customer they referred (NULL when nothing followed). With the order's
-- channel and the customer's segment and region, for the filters.
--
-- Why: "what follows an order within 30 or 90 days" (cxdash/evidence/
-- follow_ups.py) otherwise joins every order of the period to the customer's
-- tickets, surveys and referrals on each request; here it is four filtered
-- counts over the period's orders. Rebuilt whole (cxdash/kpis/facts.py) after
-- the orders, customers, tickets or surveys change; read only while current.

CREATE OR REPLACE TABLE order_follow_ups AS
WITH events AS (
    SELECT customer_id, order_date AS day, 'order' AS kind, channel
    FROM orders
    UNION ALL
    SELECT customer_id, CAST(opened_at AS DATE), 'ticket', NULL
    FROM tickets
    WHERE customer_id IS NOT NULL
    UNION ALL
    SELECT customer_id, CAST(responded_at AS DATE), 'survey', NULL
    FROM surveys
    WHERE customer_id IS NOT NULL
    UNION ALL
    -- a sign-up counts for the customer who referred it
    SELECT referred_by, signup_date, 'referral', NULL
    FROM customers
    WHERE referred_by IS NOT NULL
),

following AS (
    SELECT
        customer_id,
        day,
        kind,
        channel,
        min(day) FILTER (WHERE kind = 'order') OVER later AS next_order,
        min(day) FILTER (WHERE kind = 'ticket') OVER later AS next_ticket,
        min(day) FILTER (WHERE kind = 'survey') OVER later AS next_survey,
        min(day) FILTER (WHERE kind = 'referral') OVER later AS next_referral
    FROM events
    WINDOW later AS (
        PARTITION BY customer_id ORDER BY day
        RANGE BETWEEN INTERVAL 1 DAY FOLLOWING AND UNBOUNDED FOLLOWING
    )
)

SELECT
    f.day AS order_date,
    f.channel,
    c.segment,
    c.region,
    date_diff('day', f.day, f.next_order) AS repeat_order,
    date_diff('day', f.day, f.next_ticket) AS ticket,
    date_diff('day', f.day, f.next_survey) AS survey,
    date_diff('day', f.day, f.next_referral) AS referral
FROM following AS f
LEFT JOIN customers AS c ON c.customer_id = f.customer_id
WHERE f.kind = 'order'
ORDER BY f.day
