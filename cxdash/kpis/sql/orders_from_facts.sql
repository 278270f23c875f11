-- The orders KPIs of orders.sql (same columns, same two rows 'current' and
-- 'previous'), read from order_facts (order_facts.sql) instead of grouping the
-- orders by customer. Used only while order_facts matches the orders and at
-- most one channel is selected: each order's previous and next order are then
-- known among the selected orders (a segment or region filter keeps or drops
-- all of a customer's orders; one channel keeps that channel's orders, whose
-- neighbours are previous_order_in_channel / next_order_in_channel).
--
-- Parameters: those of orders.sql. {column:previous} and {column:next} are the
-- order_facts columns of each order's neighbours among the selected orders
-- (facts.columns: within the order's channel under a channel filter), and
-- {column:year_customers} the order_days column of the trailing year's
-- customers (order_facts.sql builds both tables), so only the orders of the
-- period and the two before it are read.
-- {filter:customers:o} applies segment and region to the columns
-- order_facts carries, {channel_filter:orders:o} the channel.
--
-- For a range [a, b] of dates and the selected orders:
--   a customer with an order in [a, b]    = an order in [a, b] whose previous order is before a (or none)
--   ... with 2 or more orders in [a, b]   = such an order whose next order is on or before b
--   a customer whose first order is in it = an order in [a, b] with no previous order
--   ordered in the previous period P but not in [P end + 1, b]
--                                         = an order in P whose next order is after b (or none)

-- Each order is classed once: which of the three periods it falls in, where
-- its previous order falls against their starts, where its next order falls
-- against their ends. Every count below is then a sum over a few hundred
-- classes, not a dozen tests on every order.
WITH classes AS (
    SELECT
        -- 0: the period before the previous one, 1: the previous period, 2: the period
        CASE
            WHEN o.order_date >= $start THEN 2
            WHEN o.order_date >= $prev_start THEN 1
            ELSE 0
        END AS placed,
        -- -1: none (the customer's first order), 0: before the period before the
        -- previous one, 1: in it, 2: in the previous period, 3: in the period
        CASE
            WHEN o.{column:previous} IS NULL THEN -1
            WHEN o.{column:previous} < $prev2_start THEN 0
            WHEN o.{column:previous} < $prev_start THEN 1
            WHEN o.{column:previous} < $start THEN 2
            ELSE 3
        END AS previous_order,
        -- 0: by the previous period's end, 1: by the period's end, 2: after it or none
        CASE
            WHEN o.{column:next} <= $prev_end THEN 0
            WHEN o.{column:next} <= $end THEN 1
            ELSE 2
        END AS next_order,
        o.from_campaign,
        o.referred,
        count(*) AS orders,
        sum(o.amount) AS amount
    FROM order_facts AS o
    -- the three periods the counts compare; the trailing years come from order_days
    WHERE o.order_date BETWEEN $prev2_start AND $end
      AND {filter:customers:o}
      AND {channel_filter:orders:o}
    GROUP BY ALL
),

-- Both periods' counts side by side (c_ the period, p_ the previous period);
-- the two rows are taken apart below.
sums AS (
    SELECT
        sum(orders) FILTER (WHERE placed = 2) AS c_orders,
        sum(amount) FILTER (WHERE placed = 2) AS c_revenue,
        sum(amount) FILTER (WHERE placed = 2 AND from_campaign) AS c_campaign_revenue,
        sum(orders) FILTER (WHERE placed = 2 AND previous_order <= 2) AS c_active_customers,
        sum(orders) FILTER (
            WHERE placed = 2 AND previous_order <= 2 AND next_order <= 1
        ) AS c_repeat_customers,
        sum(orders) FILTER (WHERE placed = 1 AND previous_order <= 1) AS c_customers_before,
        sum(orders) FILTER (WHERE placed = 1 AND next_order = 2) AS c_churned_customers,
        sum(orders) FILTER (WHERE placed = 2 AND previous_order = -1) AS c_new_customers,
        sum(orders) FILTER (
            WHERE placed = 2 AND previous_order = -1 AND referred
        ) AS c_referred_new_customers,

        sum(orders) FILTER (WHERE placed = 1) AS p_orders,
        sum(amount) FILTER (WHERE placed = 1) AS p_revenue,
        sum(amount) FILTER (WHERE placed = 1 AND from_campaign) AS p_campaign_revenue,
        -- the previous period's active customers are the period's customers_before
        sum(orders) FILTER (
            WHERE placed = 1 AND previous_order <= 1 AND next_order = 0
        ) AS p_repeat_customers,
        sum(orders) FILTER (WHERE placed = 0 AND previous_order <= 0) AS p_customers_before,
        sum(orders) FILTER (WHERE placed = 0 AND next_order >= 1) AS p_churned_customers,
        sum(orders) FILTER (WHERE placed = 1 AND previous_order = -1) AS p_new_customers,
        sum(orders) FILTER (
            WHERE placed = 1 AND previous_order = -1 AND referred
        ) AS p_referred_new_customers
    FROM classes
),

-- The customers and revenue of the year ending on each period's last day.
years AS (
    SELECT
        sum(y.year_revenue) FILTER (WHERE y.day = $end) AS c_year_revenue,
        coalesce(sum(y.{column:year_customers}) FILTER (WHERE y.day = $end), 0) AS c_year_customers,
        sum(y.year_revenue) FILTER (WHERE y.day = $prev_end) AS p_year_revenue,
        coalesce(sum(y.{column:year_customers}) FILTER (WHERE y.day = $prev_end), 0) AS p_year_customers
    FROM order_days AS y
    WHERE y.day IN ($end, $prev_end)
      AND {filter:customers:y}
      AND {channel_filter:orders:y}
),

counts AS (
    SELECT
        'current' AS period, c_orders AS orders, c_revenue AS revenue,
        c_campaign_revenue AS campaign_revenue, c_year_revenue AS year_revenue,
        c_active_customers AS active_customers, c_repeat_customers AS repeat_customers,
        c_customers_before AS customers_before, c_churned_customers AS churned_customers,
        c_year_customers AS year_customers, c_new_customers AS new_customers,
        c_referred_new_customers AS referred_new_customers
    FROM sums, years
    UNION ALL
    SELECT
        'previous', p_orders, p_revenue,
        p_campaign_revenue, p_year_revenue,
        c_customers_before, p_repeat_customers,
        p_customers_before, p_churned_customers,
        p_year_customers, p_new_customers,
        p_referred_new_customers
    FROM sums, years
),

totals AS (
    SELECT
        t.period,
        CAST(coalesce(t.revenue, 0) AS DOUBLE) AS revenue,
        -- a sum over no classes is NULL where a count is 0
        CAST(coalesce(t.orders, 0) AS BIGINT) AS orders,
        CAST(coalesce(t.campaign_revenue, 0) AS DOUBLE) AS campaign_revenue,
        CAST(coalesce(t.year_revenue, 0) AS DOUBLE) AS year_revenue,
        CAST(coalesce(t.active_customers, 0) AS BIGINT) AS active_customers,
        CAST(coalesce(t.repeat_customers, 0) AS BIGINT) AS repeat_customers,
        CAST(coalesce(t.customers_before, 0) AS BIGINT) AS customers_before,
        CAST(coalesce(t.churned_customers, 0) AS BIGINT) AS churned_customers,
        CAST(t.year_customers AS BIGINT) AS year_customers,
        CAST(coalesce(t.new_customers, 0) AS BIGINT) AS new_customers,
        CAST(coalesce(t.referred_new_customers, 0) AS BIGINT) AS referred_new_customers
    FROM counts AS t
)

SELECT
    period,
    revenue,
    orders,
    revenue / nullif(orders, 0) AS aov,
    active_customers,
    new_customers,
    100 * repeat_customers / nullif(active_customers, 0) AS repeat_purchase_rate,
    100 * churned_customers / nullif(customers_before, 0) AS churn_rate,
    100 - 100 * churned_customers / nullif(customers_before, 0) AS retention_rate,
    year_revenue / nullif(year_customers, 0) AS arpc_12m,
    CASE
        WHEN EXISTS (SELECT 1 FROM customers)
            THEN 100 * referred_new_customers / nullif(new_customers, 0)
    END AS referral_rate,
    campaign_revenue
FROM totals
