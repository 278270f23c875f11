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
-- of its dates. The device is kept for order_days below, the campaign for the
-- orders per campaign under a segment or region filter (insights.py).

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
    nullif(trim(o.campaign_id), '') AS campaign_id,
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
    sum(o.amount) OVER by_customer_channel AS amount_so_far_in_channel
FROM orders AS o
LEFT JOIN customers AS c ON c.customer_id = o.customer_id
WINDOW
    by_customer AS (PARTITION BY o.customer_id ORDER BY o.order_date, o.order_id),
    by_customer_channel AS (PARTITION BY o.customer_id, o.channel ORDER BY o.order_date, o.order_id)
ORDER BY o.order_date
;

-- order_days: for every day, channel, segment and region, that day's orders
-- (count, revenue, revenue from campaigns, mobile orders) and the customers
-- and revenue of the year ending that day (its 365 days, as
-- Period.trailing_year; arpc_12m divides one by the other). Monthly sums read
-- a few thousand rows here instead of millions of orders, and the orders KPIs
-- read only their periods' orders rather than a year and a quarter of them.
-- Built from order_facts right above in the same rebuild, so it is current
-- exactly when order_facts is. Every figure adds up across rows: a customer
-- has one segment and region, and their first order of a year lies in one
-- channel.
--
-- A customer is counted on day e by their first order of the year ending on
-- e: the order o with o.order_date <= e <= o.order_date + 364 whose previous
-- order is more than 364 days before e. So o counts from the later of its own
-- date and its previous order + 365 up to its own date + 364: the changes add
-- 1 on the first of those days and take it away after the last, and a running
-- sum per cell gives the count. year_customers_in_channel does the same within
-- the row's channel (what a channel filter reads).
--
-- A mobile order has device 'mobile' (any case) or channel 'mobile_app', as
-- cxdash/evidence/orientation.py's mobile share defines it.
CREATE OR REPLACE TABLE order_days AS
WITH entered AS (
    SELECT
        channel,
        segment,
        region,
        order_date,
        amount,
        from_campaign,
        lower(trim(device)) = 'mobile' OR channel = 'mobile_app' AS mobile,
        previous_order IS NULL OR previous_order < order_date AS counts,
        greatest(order_date, previous_order + 365) AS enters,
        previous_order_in_channel IS NULL
            OR previous_order_in_channel < order_date AS counts_in_channel,
        greatest(order_date, previous_order_in_channel + 365) AS enters_in_channel
    FROM order_facts
),

changes AS (
    SELECT channel, segment, region, coalesce(enters, order_date) AS day,
           1 AS customers, 0 AS customers_in_channel
    FROM entered WHERE counts
    UNION ALL
    SELECT channel, segment, region, order_date + 365, -1, 0
    FROM entered WHERE counts
    UNION ALL
    SELECT channel, segment, region, coalesce(enters_in_channel, order_date), 0, 1
    FROM entered WHERE counts_in_channel
    UNION ALL
    SELECT channel, segment, region, order_date + 365, 0, -1
    FROM entered WHERE counts_in_channel
),

customer_changes AS (
    SELECT
        channel,
        segment,
        region,
        day,
        sum(customers) AS customers,
        sum(customers_in_channel) AS customers_in_channel
    FROM changes
    GROUP BY channel, segment, region, day
),

sales AS (
    SELECT
        channel,
        segment,
        region,
        order_date AS day,
        count(*) AS orders,
        sum(amount) AS revenue,
        sum(amount) FILTER (WHERE from_campaign) AS campaign_revenue,
        count(*) FILTER (WHERE mobile) AS mobile_orders
    FROM entered
    GROUP BY channel, segment, region, order_date
),

-- Every day of each cell from its first order to a year after its last, so
-- that a day is read with one equality test; outside that span all is 0. The
-- days are counted out with plain joins (0 to 99,999 days on from the first),
-- not a range() table function, which other engines lack.
digits AS (
    SELECT d FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t (d)
),

offsets AS (
    SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS n
    FROM digits AS a, digits AS b, digits AS c, digits AS e, digits AS f
),

spans AS (
    SELECT
        channel,
        segment,
        region,
        min(day) AS first_day,
        date_diff('day', min(day), max(day)) + 365 AS days
    FROM sales
    GROUP BY channel, segment, region
),

calendar AS (
    SELECT s.channel, s.segment, s.region, s.first_day + o.n AS day
    FROM spans AS s
    JOIN offsets AS o ON o.n <= s.days
)

SELECT
    c.day,
    c.channel,
    c.segment,
    c.region,
    coalesce(s.orders, 0) AS orders,
    s.revenue,
    s.campaign_revenue,
    coalesce(s.mobile_orders, 0) AS mobile_orders,
    sum(coalesce(d.customers, 0)) OVER running AS year_customers,
    sum(coalesce(d.customers_in_channel, 0)) OVER running AS year_customers_in_channel,
    sum(s.revenue) OVER (running ROWS BETWEEN 364 PRECEDING AND CURRENT ROW) AS year_revenue
FROM calendar AS c
LEFT JOIN sales AS s
    ON s.day = c.day
   AND s.channel IS NOT DISTINCT FROM c.channel
   AND s.segment IS NOT DISTINCT FROM c.segment
   AND s.region IS NOT DISTINCT FROM c.region
LEFT JOIN customer_changes AS d
    ON d.day = c.day
   AND d.channel IS NOT DISTINCT FROM c.channel
   AND d.segment IS NOT DISTINCT FROM c.segment
   AND d.region IS NOT DISTINCT FROM c.region
WINDOW running AS (PARTITION BY c.channel, c.segment, c.region ORDER BY c.day)
ORDER BY c.day
