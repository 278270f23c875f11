-- Feedback KPIs over the survey responses dated in the period and in its
-- previous period, one row each (period = 'current' / 'previous'): nps, csat, ces.
--
-- Parameters: $prev_start_at, $start_at and $end_before: midnight at the start
-- of the previous period, of the period and of the day after it.
-- {source:surveys}: surveys or its copy with segment and region (facts.copies).
-- {filter:surveys:s}: the active filters; channel is the response's own.
--
-- Each score has its own denominator: a response without an nps (NULL) does
-- not count towards nps, but its csat or ces still counts towards theirs.
--   nps  = (promoters 9-10 - detractors 0-6) / responses with an nps x 100; 7-8 are passives
--   csat = responses scoring 4-5 / responses with a csat x 100
--   ces  = mean ces (1-7)

WITH labelled AS (
    SELECT
        CASE WHEN s.responded_at >= $start_at THEN 'current' ELSE 'previous' END AS period,
        s.nps,
        s.csat,
        s.ces
    FROM {source:surveys} AS s
    WHERE s.responded_at >= $prev_start_at
      AND s.responded_at < $end_before
      AND {filter:surveys:s}
)

SELECT
    p.period,
    count(l.nps) AS nps_responses,
    100 * (count(*) FILTER (WHERE l.nps BETWEEN 9 AND 10) - count(*) FILTER (WHERE l.nps BETWEEN 0 AND 6))
        / nullif(count(l.nps), 0) AS nps,
    100 * count(*) FILTER (WHERE l.csat BETWEEN 4 AND 5) / nullif(count(l.csat), 0) AS csat,
    avg(l.ces) AS ces
-- Both periods appear even when one has no responses.
FROM (VALUES ('current'), ('previous')) AS p (period)
LEFT JOIN labelled AS l ON l.period = p.period
GROUP BY p.period
