-- order_facts: every order with the date of the same customer's order before
-- and after it, over all of the customer's orders and within the order's own
-- channel, and the customer's segment and region (NULL for a customer missing
-- from customers, so segment and region filters drop it as they drop its
-- orders). Rebuilt whole (cxdash/kpis/facts.py) after the orders or customers
-- change; the KPI engine reads it (orders_from_facts.sql) only while it
-- matches them.
--
-- Why: the customer counts of the catalog (active, repeat, churned, new, the
-- trailing year's customers) otherwise group millions of orders by customer on
-- every request. Knowing each order's neighbours turns each count into a
-- filtered count over the orders of the period: a customer's first order in a
-- range is the one whose previous order lies before the range.
--
-- Ties on a day are broken by order_id, so two orders of one day are still a
-- first and a second (and the running counts and sums step one order at a
-- time). Rows are stored in date order, so a period reads only the row groups
-- of its dates. The order's own columns the monthly sums read (device,
-- campaign_id) are kept too, so a segment or region filter on those sums
-- needs no lookup in customers either (facts.order_rows).

CREATE OR REPLACE TABLE order_facts AS
SELECT
    o.order_id,
    o.customer_id,
    o.order_date,
    o.channel,
    c.segment,
    c.region,
    o.amount,
    o.device,
    o.campaign_id,
    nullif(trim(o.campaign_id), '') IS NOT NULL AS from_campaign,
    -- referral_rate counts new customers whose referred_by is set
    coalesce(nullif(trim(c.referred_by), '') IS NOT NULL, false) AS referred,
    lag(o.order_date) OVER by_customer AS previous_order,
    lead(o.order_date) OVER by_customer AS next_order,
    lag(o.order_date) OVER by_customer_channel AS previous_order_in_channel,
    lead(o.order_date) OVER by_customer_channel AS next_order_in_channel,
    -- the customer's first order (cohorts), and their orders and revenue up to
    -- and including this one (RFM as of any day: read the customer's last order)
    first_value(o.order_date) OVER by_customer AS first_order,
    first_value(o.order_date) OVER by_customer_channel AS first_order_in_channel,
    count(*) OVER by_customer AS orders_so_far,
    count(*) OVER by_customer_channel AS orders_so_far_in_channel,
    sum(o.amount) OVER by_customer AS amount_so_far,
    sum(o.amount) OVER by_customer_channel AS amount_so_far_in_channel,
    -- the customer's next order on a later day, in any channel (what follows an order)
    min(o.order_date) OVER (
        PARTITION BY o.customer_id ORDER BY o.order_date
        RANGE BETWEEN INTERVAL 1 DAY FOLLOWING AND UNBOUNDED FOLLOWING
    ) AS next_day_order
FROM orders AS o
LEFT JOIN customers AS c ON c.customer_id = o.customer_id
WINDOW
    by_customer AS (PARTITION BY o.customer_id ORDER BY o.order_date, o.order_id),
    by_customer_channel AS (PARTITION BY o.customer_id, o.channel ORDER BY o.order_date, o.order_id)
ORDER BY o.order_date
