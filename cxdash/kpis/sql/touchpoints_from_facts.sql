-- conversion_rate of touchpoints.sql (same columns, same two rows 'current' and
-- 'previous'), read from touchpoint_facts (touchpoint_facts.sql) instead of
-- grouping the touchpoints by customer. Used only while touchpoint_facts
-- matches the touchpoints and at most one channel is selected.
--
-- Parameters: $start, $end, $prev_start, $prev_end (dates, both inclusive).
-- The column markers name the touchpoint_facts columns to read (facts.columns:
-- within the touchpoint's channel under a channel filter). {filter:customers:t}
-- applies segment and region to the columns touchpoint_facts carries,
-- {channel_filter:touchpoints:t} the channel.

WITH selected AS (
    SELECT
        t.day,
        -- No earlier awareness (purchase) reads as one before every date, no
        -- later purchase as one after: plain comparisons instead of "IS NULL OR".
        coalesce(t.{column:previous_in_stage}, DATE '-infinity') AS previous_awareness,
        coalesce(t.{column:last_purchase}, DATE '-infinity') AS last_purchase,
        coalesce(t.{column:next_purchase}, DATE 'infinity') AS next_purchase
    FROM touchpoint_facts AS t
    WHERE t.day BETWEEN $prev_start AND $end
      AND t.stage = 'awareness'
      AND {filter:customers:t}
      AND {channel_filter:touchpoints:t}
),

counts AS (
    SELECT
        count(*) FILTER (
            WHERE day >= $start AND previous_awareness < $start
        ) AS c_aware,
        count(*) FILTER (
            WHERE day >= $start AND previous_awareness < $start
              AND (last_purchase >= $start OR next_purchase <= $end)
        ) AS c_converted,
        count(*) FILTER (
            WHERE day <= $prev_end AND previous_awareness < $prev_start
        ) AS p_aware,
        count(*) FILTER (
            WHERE day <= $prev_end AND previous_awareness < $prev_start
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
