-- Cohort retention cells.
--
-- A customer's cohort is the calendar month of their first selected order (at
-- any date). Cell (cohort, k) counts the cohort's customers with an order in
-- calendar month cohort + k; k = 0 holds every member, so it is the cohort size.
-- Months are numbered year * 12 + month, which every engine computes the same.
--
-- Parameters: $months_start, the first day of the first cohort month shown
-- (the first month that starts inside the period), and $months_end, the first
-- day of the month after the period's last day. Only orders between the two
-- are counted; customers who also ordered before $months_start belong to an
-- earlier cohort and are left out. Only cells with at least one retained
-- customer come back; the engine fills in the zeros.
-- {filter:orders:o}: the active filters.

WITH window_orders AS (
    SELECT o.customer_id, year(o.order_date) * 12 + month(o.order_date) AS order_month
    FROM orders AS o
    WHERE o.order_date >= $months_start
      AND o.order_date < $months_end
      AND {filter:orders:o}
),

first_months AS (
    SELECT w.customer_id, min(w.order_month) AS cohort_month
    FROM window_orders AS w
    GROUP BY w.customer_id
),

-- A first order in the window is the first order ever only without an earlier
-- one. The customer already passed the segment / region filter, so the look
-- back applies the channel filter only.
cohort_members AS (
    SELECT f.customer_id, f.cohort_month
    FROM first_months AS f
    WHERE NOT EXISTS (
        SELECT 1
        FROM orders AS o
        WHERE o.customer_id = f.customer_id
          AND o.order_date < $months_start
          AND {channel_filter:orders:o}
    )
)

SELECT
    m.cohort_month,
    w.order_month - m.cohort_month AS k,
    count(DISTINCT w.customer_id) AS retained
FROM window_orders AS w
JOIN cohort_members AS m ON m.customer_id = w.customer_id
GROUP BY m.cohort_month, w.order_month - m.cohort_month
ORDER BY m.cohort_month, k
