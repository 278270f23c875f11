-- conversion_rate of touchpoints.sql (same columns, same two rows 'current' and
-- 'previous'), read from awareness_facts (awareness_facts.sql) instead of
-- grouping the touchpoints by customer. Used only while awareness_facts
-- matches the touchpoints and at most one channel is selected.
--
-- Parameters: $start, $end, $prev_start, $prev_end (dates, both inclusive) and
-- $by_channel (true under a channel filter: then the neighbours within the
-- touchpoint's channel count). {filter:customers:t} applies segment and region
-- to the columns awareness_facts carries, {channel_filter:touchpoints:t} the channel.

WITH selected AS (
    SELECT
        t.day,
        CASE WHEN $by_channel THEN t.previous_awareness_in_channel ELSE t.previous_awareness END AS previous_awareness,
        CASE WHEN $by_channel THEN t.last_purchase_in_channel ELSE t.last_purchase END AS last_purchase,
        CASE WHEN $by_channel THEN t.next_purchase_in_channel ELSE t.next_purchase END AS next_purchase
    FROM awareness_facts AS t
    WHERE t.day BETWEEN $prev_start AND $end
      AND {filter:customers:t}
      AND {channel_filter:touchpoints:t}
),

counts AS (
    SELECT
        count(*) FILTER (
            WHERE day >= $start AND (previous_awareness IS NULL OR previous_awareness < $start)
        ) AS c_aware,
        count(*) FILTER (
            WHERE day >= $start AND (previous_awareness IS NULL OR previous_awareness < $start)
              AND (last_purchase >= $start OR next_purchase <= $end)
        ) AS c_converted,
        count(*) FILTER (
            WHERE day <= $prev_end AND (previous_awareness IS NULL OR previous_awareness < $prev_start)
        ) AS p_aware,
        count(*) FILTER (
            WHERE day <= $prev_end AND (previous_awareness IS NULL OR previous_awareness < $prev_start)
              AND (last_purchase >= $prev_start OR next_purchase <= $prev_end)
        ) AS p_converted
    FROM selected
),

totals AS (
    SELECT 'current' AS period, c_aware AS aware_customers, c_converted AS converted_customers
    FROM counts
    UNION ALL
    SELECT 'previous', p_aware, p_converted
    FROM counts
)

SELECT
    period,
    aware_customers,
    converted_customers,
    100 * converted_customers / nullif(aware_customers, 0) AS conversion_rate
FROM totals
