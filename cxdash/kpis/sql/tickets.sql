-- Service KPIs over the tickets opened in the period and in its previous
-- period, one row each (period = 'current' / 'previous'):
--   fcr, avg_resolution_hours, same_day_resolution_rate.
--
-- Parameters: $prev_start_at, $start_at and $end_before: midnight at the start
-- of the previous period, of the period and of the day after it. A ticket is in
-- a period when the calendar date it was opened is.
-- {source:tickets}: tickets or its copy with segment and region (facts.copies).
-- {filter:tickets:tk}: the active filters; channel is the ticket's own.
--
-- Edge cases, by the contract:
--   * a ticket with NULL first_contact_resolution counts in the fcr denominator;
--   * avg_resolution_hours averages resolved tickets only (avg skips NULL),
--     however long after the period they were resolved, in exact hours
--     (microseconds / 3,600,000,000), so 90 minutes is 1.5, not 1 or 2;
--   * an unresolved ticket is never a same-day resolution, but counts in the
--     denominator; "same day" compares calendar dates, so 23:00 -> 01:00 is not.

WITH labelled AS (
    SELECT
        CASE WHEN tk.opened_at >= $start_at THEN 'current' ELSE 'previous' END AS period,
        tk.opened_at,
        tk.resolved_at,
        tk.first_contact_resolution
    FROM {source:tickets} AS tk
    WHERE tk.opened_at >= $prev_start_at
      AND tk.opened_at < $end_before
      AND {filter:tickets:tk}
)

SELECT
    p.period,
    count(l.period) AS tickets,
    100 * count(*) FILTER (WHERE l.first_contact_resolution = TRUE)
        / nullif(count(l.period), 0) AS fcr,
    avg(date_diff('microsecond', l.opened_at, l.resolved_at) / 3600000000) AS avg_resolution_hours,
    100 * count(*) FILTER (WHERE CAST(l.resolved_at AS DATE) = CAST(l.opened_at AS DATE))
        / nullif(count(l.period), 0) AS same_day_resolution_rate
-- Both periods appear even when one has no tickets; count(l.period) counts real tickets only.
FROM (VALUES ('current'), ('previous')) AS p (period)
LEFT JOIN labelled AS l ON l.period = p.period
GROUP BY p.period
