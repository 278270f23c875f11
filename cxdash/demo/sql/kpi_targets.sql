-- KPI targets: one per KPI and calendar quarter from $targets_from to the last full quarter
-- of the data, set a little ahead of what was actually reached (most targets stretch by up to
-- 8%, or 4 points for percentages; a third of them turn out to be beaten), so the scorecard
-- shows a mix of on-target, at-risk and off-target KPIs.
--
-- The actuals follow the definitions of DESIGN.md section 5 per quarter with no filters, with
-- two simplifications that do not matter for a target: churn compares with the previous
-- calendar quarter and arpc_12m uses the trailing four quarters. Sums are of whole so'm and
-- whole seconds, so every target is exactly reproducible.
INSERT INTO kpi_targets (kpi, period_start, period_end, target)
WITH quarters AS (
    SELECT qs, CAST(qs + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE) AS qe
    FROM (SELECT DISTINCT CAST(date_trunc('quarter', d) AS DATE) AS qs FROM demo_calendar)
    WHERE qs >= CAST($targets_from AS DATE)
        AND qs + INTERVAL 3 MONTH - INTERVAL 1 DAY <= CAST($end AS DATE)
), cust_q AS (
    SELECT
        customer_id,
        CAST(date_trunc('quarter', order_date) AS DATE) AS qs,
        count(*) AS n,
        sum(amount) AS revenue
    FROM orders
    GROUP BY ALL
), sales AS (
    SELECT qs, sum(revenue) AS revenue, sum(n) AS orders, count(*) AS active,
           count(*) FILTER (WHERE n >= 2) AS repeaters
    FROM cust_q
    GROUP BY qs
), campaign_sales AS (
    SELECT CAST(date_trunc('quarter', order_date) AS DATE) AS qs, sum(amount) AS revenue
    FROM orders
    WHERE campaign_id IS NOT NULL
    GROUP BY ALL
), firsts AS (
    SELECT o.customer_id, CAST(date_trunc('quarter', min(o.order_date)) AS DATE) AS qs
    FROM orders AS o
    GROUP BY o.customer_id
), newcomers AS (
    SELECT f.qs, count(*) AS new_customers, count(c.referred_by) AS referred
    FROM firsts AS f
    LEFT JOIN customers AS c ON c.customer_id = f.customer_id
    GROUP BY f.qs
), churn AS (
    SELECT q.qs, count(*) AS prev_active, count(*) FILTER (WHERE cur.customer_id IS NULL) AS lost
    FROM quarters AS q
    JOIN cust_q AS prev ON prev.qs = CAST(q.qs - INTERVAL 3 MONTH AS DATE)
    LEFT JOIN cust_q AS cur ON cur.customer_id = prev.customer_id AND cur.qs = q.qs
    GROUP BY q.qs
), trailing_year AS (
    SELECT qs, sum(revenue) / count(DISTINCT customer_id) AS arpc_12m
    FROM (
        SELECT CAST(qs + to_months(CAST(k * 3 AS INTEGER)) AS DATE) AS qs, customer_id, revenue
        FROM (SELECT *, unnest(range(4)) AS k FROM cust_q)
    )
    GROUP BY qs
), spend AS (
    SELECT q.qs, sum(
        c.spend / (date_diff('day', c.start_date, c.end_date) + 1)
        * (date_diff('day', greatest(c.start_date, q.qs), least(c.end_date, q.qe)) + 1)) AS spend
    FROM quarters AS q
    JOIN campaigns AS c ON c.start_date <= q.qe AND c.end_date >= q.qs
    GROUP BY q.qs
), funnel AS (
    SELECT qs, count(*) FILTER (WHERE aware) AS aware, count(*) FILTER (WHERE aware AND bought)
        AS converted
    FROM (
        SELECT customer_id, CAST(date_trunc('quarter', ts) AS DATE) AS qs,
               bool_or(stage = 'awareness') AS aware, bool_or(stage = 'purchase') AS bought
        FROM touchpoints
        GROUP BY ALL
    )
    GROUP BY qs
), voice AS (
    SELECT
        CAST(date_trunc('quarter', responded_at) AS DATE) AS qs,
        100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6))
            / nullif(count(nps), 0) AS nps,
        100.0 * count(*) FILTER (WHERE csat >= 4) / nullif(count(csat), 0) AS csat,
        avg(ces) AS ces
    FROM surveys
    GROUP BY ALL
), service AS (
    SELECT
        CAST(date_trunc('quarter', opened_at) AS DATE) AS qs,
        100.0 * count(*) FILTER (WHERE first_contact_resolution) / count(*) AS fcr,
        sum(date_diff('second', opened_at, resolved_at)) / 3600.0 / nullif(count(resolved_at), 0)
            AS avg_resolution_hours,
        100.0 * count(*) FILTER (WHERE CAST(resolved_at AS DATE) = CAST(opened_at AS DATE))
            / count(*) AS same_day_resolution_rate
    FROM tickets
    GROUP BY ALL
), actuals AS (
    SELECT
        q.qs,
        q.qe,
        s.revenue,
        CAST(s.orders AS DOUBLE) AS orders,
        s.revenue / nullif(s.orders, 0) AS aov,
        CAST(s.active AS DOUBLE) AS active_customers,
        CAST(n.new_customers AS DOUBLE) AS new_customers,
        100.0 * s.repeaters / nullif(s.active, 0) AS repeat_purchase_rate,
        100.0 * ch.lost / nullif(ch.prev_active, 0) AS churn_rate,
        100.0 - 100.0 * ch.lost / nullif(ch.prev_active, 0) AS retention_rate,
        t.arpc_12m,
        sp.spend / nullif(n.new_customers, 0) AS cac,
        t.arpc_12m / nullif(sp.spend / nullif(n.new_customers, 0), 0) AS ltv_cac,
        100.0 * (coalesce(cs.revenue, 0) - sp.spend) / nullif(sp.spend, 0) AS romi,
        100.0 * f.converted / nullif(f.aware, 0) AS conversion_rate,
        v.nps,
        v.csat,
        v.ces,
        sv.fcr,
        sv.avg_resolution_hours,
        sv.same_day_resolution_rate,
        100.0 * n.referred / nullif(n.new_customers, 0) AS referral_rate
    FROM quarters AS q
    LEFT JOIN sales AS s ON s.qs = q.qs
    LEFT JOIN campaign_sales AS cs ON cs.qs = q.qs
    LEFT JOIN newcomers AS n ON n.qs = q.qs
    LEFT JOIN churn AS ch ON ch.qs = q.qs
    LEFT JOIN trailing_year AS t ON t.qs = q.qs
    LEFT JOIN spend AS sp ON sp.qs = q.qs
    LEFT JOIN funnel AS f ON f.qs = q.qs
    LEFT JOIN voice AS v ON v.qs = q.qs
    LEFT JOIN service AS sv ON sv.qs = q.qs
), unpivoted AS (
    UNPIVOT actuals
    ON revenue, orders, aov, active_customers, new_customers, repeat_purchase_rate, churn_rate,
       retention_rate, arpc_12m, cac, ltv_cac, romi, conversion_rate, nps, csat, ces, fcr,
       avg_resolution_hours, same_day_resolution_rate, referral_rate
    INTO NAME kpi VALUE actual
), stretched AS (
    SELECT
        *,
        kpi IN ('churn_rate', 'cac', 'ces', 'avg_resolution_hours') AS lower_is_better,
        kpi IN ('repeat_purchase_rate', 'churn_rate', 'retention_rate', 'conversion_rate',
                'nps', 'csat', 'fcr', 'same_day_resolution_rate', 'referral_rate') AS in_points,
        -- retention is 100 - churn, so both share one draw and their targets agree
        demo_u2(CASE kpi WHEN 'retention_rate' THEN 'churn_rate' ELSE kpi END, qs, 'target')
            AS u
    FROM unpivoted
    WHERE actual IS NOT NULL
), targeted AS (
    SELECT
        kpi,
        qs,
        qe,
        CASE
            WHEN in_points AND kpi = 'retention_rate' THEN actual + (-1.5 + 5.5 * u)
            WHEN in_points AND lower_is_better THEN actual - (-1.5 + 5.5 * u)
            WHEN in_points THEN actual + (-1.5 + 5.5 * u)
            WHEN lower_is_better THEN actual * (1 - (-0.04 + 0.12 * u))
            ELSE actual * (1 + (-0.04 + 0.12 * u))
        END AS raw
    FROM stretched
)
SELECT
    kpi,
    qs,
    qe,
    CASE
        WHEN kpi = 'revenue' THEN round(raw, -6)
        WHEN kpi IN ('orders', 'active_customers', 'new_customers') THEN round(raw)
        WHEN kpi IN ('aov', 'arpc_12m', 'cac') THEN round(raw, -3)
        WHEN kpi IN ('ltv_cac', 'ces') THEN round(raw, 2)
        WHEN kpi IN ('repeat_purchase_rate', 'churn_rate', 'retention_rate', 'conversion_rate',
                     'csat', 'fcr', 'same_day_resolution_rate', 'referral_rate')
            THEN greatest(0, least(100, round(raw, 1)))
        ELSE round(raw, 1)
    END
FROM targeted
ORDER BY kpi, qs;
