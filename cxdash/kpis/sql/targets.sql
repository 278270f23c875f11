-- The target of each KPI for a period.
--
-- A target row applies when its [period_start, period_end] contains $end, the
-- period's last day (the day a CMO reads the number "as of"). When several rows
-- of a KPI apply, the narrowest wins (fewest days: a quarterly target beats a
-- yearly one), then the one that started latest.

SELECT kpi, target
FROM kpi_targets
WHERE period_start <= $end
  AND period_end >= $end
QUALIFY row_number() OVER (
    PARTITION BY kpi
    ORDER BY date_diff('day', period_start, period_end), period_start DESC
) = 1
