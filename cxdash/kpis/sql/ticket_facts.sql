-- ticket_facts: every row of tickets with its customer's segment and region
-- (NULL when the customer is unknown, so segment and region filters drop it as
-- they drop it from tickets). Rebuilt whole (cxdash/kpis/facts.py) after the
-- tickets or customers change; read only while it matches them.
--
-- Why: a segment or region filter on tickets otherwise looks every row's
-- customer up in customers, a join on a million customer ids per query; here
-- it is a test on the row's own columns (facts.rows).

CREATE OR REPLACE TABLE ticket_facts AS
SELECT
    r.*,
    c.segment,
    c.region
FROM tickets AS r
LEFT JOIN customers AS c ON c.customer_id = r.customer_id
ORDER BY r.opened_at
