-- Tickets: support contacts that follow an order by a few days ($ticket_rate of orders).
--
-- The contact channel drifts from phone and email to chat and social (demo_channel
-- 'service'). A ticket is either solved on first contact (minutes; an hour or more by
-- email) or escalated (a log-normal wait whose median is 6 h in chat, 10 h on social, 20 h
-- by phone, 30 h in a store, 40 h by email), and the transformation both raises the share
-- solved on first contact and cuts escalated waits by up to 45%. Tickets opened late in
-- the evening often resolve after midnight; 2% are never resolved, and tickets whose
-- resolution would fall after the last day stay open (the backlog).
-- Satisfaction (1-5, unanswered for a third) falls with the wait; 2% of contacts are
-- anonymous.
CREATE OR REPLACE TEMP TABLE demo_tkt AS
WITH picked AS (
    SELECT
        okey,
        i,
        customer_id,
        segment,
        region,
        order_date
            + CAST(1 + least(60, floor(-ln(demo_u(okey, 'tkt_lag')) * 6)) AS INTEGER) AS open_day
    FROM demo_ord
    WHERE demo_u(okey, 'tkt') < $ticket_rate
), drawn AS (
    SELECT
        *,
        demo_tx(open_day) AS tx,
        demo_mix(open_day) AS s,
        demo_u(okey, 'tkt_channel') AS u_channel,
        demo_u(okey, 'tkt_topic') AS u_topic
    FROM picked
    WHERE open_day <= CAST($end AS DATE)
), opened AS (
    SELECT *, demo_channel('service', s, u_channel) AS channel
    FROM drawn
), handled AS (
    SELECT
        *,
        demo_at(open_day, demo_daytime(channel, demo_u(okey, 'tkt_time'))) AS opened_at,
        demo_u(okey, 'tkt_fcr') < CASE channel
            WHEN 'phone' THEN 0.55 + 0.12 * tx
            WHEN 'chat' THEN 0.62 + 0.13 * tx
            WHEN 'social' THEN 0.35 + 0.20 * tx
            WHEN 'email' THEN 0.22 + 0.10 * tx
            ELSE 0.60 + 0.10 * tx
        END AS quick,
        demo_u(okey, 'tkt_quick_len') AS u_quick
    FROM opened
), timed AS (
    SELECT
        *,
        CASE WHEN quick THEN CASE channel
                WHEN 'chat' THEN 2 + 10 * u_quick
                WHEN 'phone' THEN 4 + 16 * u_quick
                WHEN 'social' THEN 10 + 80 * u_quick
                WHEN 'store' THEN 5 + 25 * u_quick
                ELSE 60 + 420 * u_quick
            END
        ELSE 60.0 * CASE channel
                WHEN 'chat' THEN 6 WHEN 'social' THEN 10 WHEN 'phone' THEN 20
                WHEN 'store' THEN 30 ELSE 40
            END
            * exp(0.9 * demo_z(okey, 'tkt_wait')) * (1 - 0.45 * tx)
        END AS minutes,
        demo_u(okey, 'tkt_lost') < 0.02 AS lost
    FROM handled
), closed AS (
    SELECT
        *,
        CASE WHEN NOT lost THEN opened_at + to_seconds(CAST(round(minutes * 60) AS BIGINT)) END
            AS resolved_try
    FROM timed
), settled AS (
    SELECT
        *,
        CASE WHEN resolved_try < CAST($end AS TIMESTAMP) + INTERVAL 1 DAY THEN resolved_try END
            AS resolved_at
    FROM closed
)
SELECT
    row_number() OVER (ORDER BY opened_at, okey) AS ticket_no,
    okey AS tkey,
    i,
    CASE WHEN demo_u(okey, 'tkt_anonymous') >= 0.02 THEN customer_id END AS customer_id,
    segment,
    region,
    channel,
    opened_at,
    resolved_at,
    date_diff('second', opened_at, resolved_at) / 3600.0 AS hours,
    quick AND resolved_at IS NOT NULL AS first_contact_resolution,
    CASE WHEN demo_u(okey, 'tkt_rated') < 0.65 THEN CAST(greatest(1, least(5, round(
        CASE WHEN resolved_at IS NULL THEN 1.8
             ELSE 4.7 - 0.55 * ln(1 + date_diff('second', opened_at, resolved_at) / 7200.0)
                  + CASE WHEN quick THEN 0.3 ELSE 0 END
        END + 0.8 * demo_z(okey, 'tkt_sat')))) AS INTEGER)
    END AS satisfaction,
    CASE
        WHEN u_topic < 0.22 THEN 'delivery'
        WHEN u_topic < 0.34 THEN 'payment'
        WHEN u_topic < 0.48 THEN 'returns'
        WHEN u_topic < 0.60 THEN 'warranty repair'
        WHEN u_topic < 0.74 THEN 'product question'
        WHEN u_topic < 0.84 THEN 'app and account'
        WHEN u_topic < 0.92 THEN 'loyalty points'
        ELSE 'instalment plan'
    END AS topic
FROM settled;

INSERT INTO tickets (ticket_id, customer_id, opened_at, resolved_at, channel,
                     first_contact_resolution, satisfaction, topic)
SELECT
    'T' || lpad(CAST(ticket_no AS VARCHAR), $id_width, '0'),
    customer_id, opened_at, resolved_at, channel, first_contact_resolution, satisfaction, topic
FROM demo_tkt
ORDER BY ticket_no;
