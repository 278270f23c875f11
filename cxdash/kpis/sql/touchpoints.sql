-- conversion_rate for the period and its previous period, one row each
-- (period = 'current' / 'previous'): of the distinct customers with an
-- awareness-stage touchpoint in the period, the share that also has a
-- purchase-stage touchpoint in the same period.
--
-- Parameters: $prev_start_at, $start_at and $end_before: midnight at the start
-- of the previous period, of the period and of the day after it. A timestamp
-- is in a period when its calendar date is; half-open bounds on the raw column
-- say exactly that and keep the scan prunable.
-- {filter:touchpoints:t}: the active filters; channel is the touchpoint's own.

WITH labelled AS (
    SELECT
        CASE WHEN t.ts >= $start_at THEN 'current' ELSE 'previous' END AS period,
        t.customer_id,
        t.stage
    FROM touchpoints AS t
    WHERE t.ts >= $prev_start_at
      AND t.ts < $end_before
      AND t.stage IN ('awareness', 'purchase')
      AND {filter:touchpoints:t}
),

per_customer AS (
    SELECT
        period,
        customer_id,
        count(*) FILTER (WHERE stage = 'awareness') AS awareness_events,
        count(*) FILTER (WHERE stage = 'purchase') AS purchase_events
    FROM labelled
    GROUP BY period, customer_id
),

totals AS (
    SELECT
        p.period,
        count(*) FILTER (WHERE c.awareness_events > 0) AS aware_customers,
        count(*) FILTER (WHERE c.awareness_events > 0 AND c.purchase_events > 0) AS converted_customers
    -- Both periods appear even when one has no touchpoints.
    FROM (VALUES ('current'), ('previous')) AS p (period)
    LEFT JOIN per_customer AS c ON c.period = p.period
    GROUP BY p.period
)

SELECT
    period,
    aware_customers,
    converted_customers,
    100 * converted_customers / nullif(aware_customers, 0) AS conversion_rate
FROM totals
