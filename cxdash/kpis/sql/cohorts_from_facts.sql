-- The cohort retention cells of cohorts.sql (same columns), read from
-- order_facts (order_facts.sql) instead of grouping the orders by customer.
-- Used only while order_facts is current and at most one channel is selected.
--
-- Each order knows its customer's first selected order (under a channel filter:
-- within the order's channel) and the previous one. A customer counts once in cell
-- (cohort, k) through their first order of month cohort + k: the one whose
-- previous order falls before that month. Customers whose first order is
-- before $months_start belong to an earlier cohort and are left out, as in
-- cohorts.sql.
--
-- Parameters: $months_start, $months_end (see cohorts.sql). {column:first} and
-- {column:previous}: the order_facts columns for the filters (facts.columns).
-- {filter:customers:o} applies segment and region to the columns order_facts
-- carries, {channel_filter:orders:o} the channel.

WITH selected AS (
    SELECT
        year(o.order_date) * 12 + month(o.order_date) AS order_month,
        date_trunc('month', o.order_date) AS month_start,
        o.{column:first} AS first_order,
        o.{column:previous} AS previous_order
    FROM order_facts AS o
    WHERE o.order_date >= $months_start
      AND o.order_date < $months_end
      AND {filter:customers:o}
      AND {channel_filter:orders:o}
)

SELECT
    year(first_order) * 12 + month(first_order) AS cohort_month,
    order_month - (year(first_order) * 12 + month(first_order)) AS k,
    count(*) AS retained
FROM selected
WHERE first_order >= $months_start
  AND (previous_order IS NULL OR previous_order < month_start)
GROUP BY 1, 2
ORDER BY 1, 2
