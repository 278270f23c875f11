-- Orders KPIs for the period and for its previous period, one row each
-- (period = 'current' / 'previous'), computed in one pass:
--   revenue, orders, aov, active_customers, new_customers, repeat_purchase_rate,
--   churn_rate, retention_rate, arpc_12m, referral_rate,
-- plus campaign_revenue, which the engine combines with campaign spend (romi).
--
-- Parameters, all computed in Python and bound (dates, both ends inclusive):
--   $start,       $end          the period
--   $prev_start,  $prev_end     the previous period: as many days, just before $start
--   $prev2_start, $prev2_end    the period before that (the previous period's churn)
--   $year_start                 $end - 364 days: the 365 days ending at $end (arpc_12m)
--   $prev_year_start            $prev_end - 364 days (the previous period's arpc_12m)
--   $window_start               the earliest of those dates: the counts below look
--                               at orders from $window_start to $end; only the
--                               new-customer check looks further back
-- {filter:orders:o} is replaced by the code-generated condition for the active
-- filters (segment / region through customers, channel on the order's own
-- channel); {channel_filter:orders:o} by its channel part alone.
--
-- `/` is true division (DuckDB and Spark alike); nullif(x, 0) turns a zero
-- denominator into NULL, the contract's "no data".

WITH window_orders AS (
    SELECT
        o.customer_id,
        o.order_date,
        o.amount,
        nullif(trim(o.campaign_id), '') IS NOT NULL AS from_campaign
    FROM orders AS o
    WHERE o.order_date BETWEEN $window_start AND $end
      AND {filter:orders:o}
),

-- Sums over orders, per period. No grouping by customer is needed for these.
order_totals AS (
    SELECT
        'current' AS period,
        count(*) FILTER (WHERE order_date BETWEEN $start AND $end) AS orders,
        sum(amount) FILTER (WHERE order_date BETWEEN $start AND $end) AS revenue,
        sum(amount) FILTER (WHERE order_date BETWEEN $start AND $end AND from_campaign) AS campaign_revenue,
        sum(amount) FILTER (WHERE order_date BETWEEN $year_start AND $end) AS year_revenue
    FROM window_orders
    UNION ALL
    SELECT
        'previous',
        count(*) FILTER (WHERE order_date BETWEEN $prev_start AND $prev_end),
        sum(amount) FILTER (WHERE order_date BETWEEN $prev_start AND $prev_end),
        sum(amount) FILTER (WHERE order_date BETWEEN $prev_start AND $prev_end AND from_campaign),
        sum(amount) FILTER (WHERE order_date BETWEEN $prev_year_start AND $prev_end)
    FROM window_orders
),

-- One row per customer who ordered in the window: their first order in the
-- window and how many orders they placed in each stretch of time a KPI needs.
per_customer AS (
    SELECT
        customer_id,
        min(order_date) AS first_in_window,
        count(*) FILTER (WHERE order_date BETWEEN $start AND $end) AS orders_current,
        count(*) FILTER (WHERE order_date BETWEEN $prev_start AND $prev_end) AS orders_previous,
        count(*) FILTER (WHERE order_date BETWEEN $prev2_start AND $prev2_end) AS orders_before_previous,
        count(*) FILTER (WHERE order_date BETWEEN $year_start AND $end) AS orders_year_current,
        count(*) FILTER (WHERE order_date BETWEEN $prev_year_start AND $prev_end) AS orders_year_previous
    FROM window_orders
    GROUP BY customer_id
),

-- New customers: those whose first selected order at any date falls in the
-- period. A first order in the window is the first order ever unless the
-- customer also ordered before the window; only the few whose first order in
-- the window falls in one of the two periods need that look back in history.
-- The customer already passed the segment / region filter, so the look back
-- applies the channel filter only.
new_in_period AS (
    SELECT
        CASE WHEN p.first_in_window >= $start THEN 'current' ELSE 'previous' END AS period,
        p.customer_id
    FROM per_customer AS p
    WHERE p.first_in_window >= $prev_start
      AND NOT EXISTS (
          SELECT 1
          FROM orders AS o
          WHERE o.customer_id = p.customer_id
            AND o.order_date < $window_start
            AND {channel_filter:orders:o}
      )
),

new_customer_counts AS (
    SELECT
        n.period,
        count(*) AS new_customers,
        -- referral_rate's numerator: new customers whose referred_by is set.
        count(c.customer_id) FILTER (WHERE nullif(trim(c.referred_by), '') IS NOT NULL) AS referred_new_customers
    FROM new_in_period AS n
    LEFT JOIN customers AS c ON c.customer_id = n.customer_id
    GROUP BY n.period
),

-- Counts of customers per period; each period reads its own columns of per_customer.
customer_counts AS (
    SELECT
        'current' AS period,
        count(*) FILTER (WHERE orders_current > 0) AS active_customers,
        count(*) FILTER (WHERE orders_current >= 2) AS repeat_customers,
        count(*) FILTER (WHERE orders_previous > 0) AS customers_before,
        count(*) FILTER (WHERE orders_previous > 0 AND orders_current = 0) AS churned_customers,
        count(*) FILTER (WHERE orders_year_current > 0) AS year_customers
    FROM per_customer
    UNION ALL
    SELECT
        'previous',
        count(*) FILTER (WHERE orders_previous > 0),
        count(*) FILTER (WHERE orders_previous >= 2),
        count(*) FILTER (WHERE orders_before_previous > 0),
        count(*) FILTER (WHERE orders_before_previous > 0 AND orders_previous = 0),
        count(*) FILTER (WHERE orders_year_previous > 0)
    FROM per_customer
),

totals AS (
    SELECT
        t.period,
        CAST(coalesce(t.revenue, 0) AS DOUBLE) AS revenue,
        t.orders,
        CAST(coalesce(t.campaign_revenue, 0) AS DOUBLE) AS campaign_revenue,
        CAST(coalesce(t.year_revenue, 0) AS DOUBLE) AS year_revenue,
        c.active_customers,
        c.repeat_customers,
        c.customers_before,
        c.churned_customers,
        c.year_customers,
        coalesce(n.new_customers, 0) AS new_customers,
        coalesce(n.referred_new_customers, 0) AS referred_new_customers
    FROM order_totals AS t
    JOIN customer_counts AS c ON c.period = t.period
    LEFT JOIN new_customer_counts AS n ON n.period = t.period
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
    -- referral_rate needs customers: with no customer rows at all it is "no data", not 0.
    CASE
        WHEN EXISTS (SELECT 1 FROM customers)
            THEN 100 * referred_new_customers / nullif(new_customers, 0)
    END AS referral_rate,
    campaign_revenue
FROM totals
