-- Campaign spend that falls in the period and in its previous period, one row
-- each (period = 'current' / 'previous'); input to cac, ltv_cac and romi.
--
-- A campaign's spend is spread evenly over its days, start_date and end_date
-- both included; a period takes the days it overlaps:
--     spend * overlap_days / campaign_days
-- Parameters: $start, $end and $prev_start, $prev_end (dates, both inclusive).
-- {filter:campaigns:c} applies only the channel filter (the campaign's own
-- channel): spend has no segment or region, so the engine does not ask for it
-- under those filters.

WITH periods AS (
    SELECT 'current' AS period, $start AS period_start, $end AS period_end
    UNION ALL
    SELECT 'previous', $prev_start, $prev_end
)

SELECT
    p.period,
    CAST(coalesce(sum(
        c.spend
        * (date_diff('day', greatest(c.start_date, p.period_start), least(c.end_date, p.period_end)) + 1)
        / (date_diff('day', c.start_date, c.end_date) + 1)
    ), 0) AS DOUBLE) AS spend
FROM periods AS p
LEFT JOIN campaigns AS c
    ON c.start_date <= p.period_end
   AND c.end_date >= p.period_start
   AND {filter:campaigns:c}
GROUP BY p.period
