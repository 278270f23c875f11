-- Touchpoints: customer journeys through the six lifecycle stages.
--
-- Every customer starts with an acquisition journey (awareness -> consideration -> the
-- first order's purchase). Later journeys are spread over the customer's relationship and
-- a year past churn (win-back marketing). A journey always starts with awareness and
-- goes deeper with falling odds, so there are many more awareness than purchase events:
--   consideration   45% while the customer is active, 20% once churned
--   purchase        26% of those (42% after the transformation), 5% once churned
--   service         25% of purchases; loyalty 35% (50%); advocacy 25% (40%) of loyalty
-- Stage channels follow demo_channel, devices demo_device, intents demo_intent.
INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel, device, intent)
WITH spans AS (
    SELECT
        i,
        customer_id,
        signup_date,
        first_date,
        life_days,
        coalesce(first_date, signup_date) AS anchor,
        greatest(0, least(
            date_diff('day', coalesce(first_date, signup_date), CAST($end AS DATE)),
            life_days + 365)) AS span_days
    FROM demo_cust
), planned AS (
    SELECT
        *,
        1 + CAST(floor($journey_rate * span_days / 30.0 + demo_u(i, 'journeys')) AS INTEGER)
            AS n_journeys
    FROM spans
), journeys AS (
    SELECT
        i,
        customer_id,
        first_date,
        life_days,
        j,
        i * 1000 + j AS jkey,
        CASE
            WHEN j > 0 THEN anchor + CAST(floor(demo_u(i * 1000 + j, 'j_day') * (span_days + 1))
                                          AS INTEGER)
            WHEN first_date IS NULL THEN signup_date
            -- the acquisition journey ends on the first order day
            ELSE first_date - CAST(floor(demo_u(i * 1000, 'j_lead') * 4) AS INTEGER)
                 - CAST(floor(-ln(demo_u(i * 1000, 'j_aware')) * 12) AS INTEGER)
        END AS d_aw
    FROM (SELECT *, unnest(range(least(n_journeys, 999))) AS j FROM planned)
), shaped AS (
    SELECT
        *,
        first_date IS NOT NULL AND date_diff('day', first_date, d_aw) <= life_days AS in_life,
        demo_tx(d_aw) AS tx,
        demo_u(jkey, 'j_consider') AS u_co,
        demo_u(jkey, 'j_purchase') AS u_pu,
        demo_u(jkey, 'j_service') AS u_se,
        demo_u(jkey, 'j_loyalty') AS u_lo,
        demo_u(jkey, 'j_advocacy') AS u_ad
    FROM journeys
), reached AS (
    SELECT
        *,
        CASE WHEN j = 0 THEN u_co < CASE WHEN first_date IS NULL THEN 0.50 ELSE 0.90 END
             ELSE u_co < CASE WHEN in_life THEN 0.45 ELSE 0.20 END END AS r_co,
        CASE WHEN j = 0 THEN first_date IS NOT NULL
             ELSE u_co < CASE WHEN in_life THEN 0.45 ELSE 0.20 END
                  AND u_pu < CASE WHEN in_life THEN 0.26 + 0.16 * tx ELSE 0.05 END END AS r_pu
    FROM shaped
), dated AS (
    SELECT
        *,
        CASE WHEN j = 0 AND first_date IS NOT NULL
             THEN first_date - CAST(floor(demo_u(jkey, 'j_lead') * 4) AS INTEGER)
             ELSE d_aw + CAST(floor(demo_u(jkey, 'j_co_day') * 3) AS INTEGER) END AS d_co,
        CASE WHEN j = 0 AND first_date IS NOT NULL THEN first_date
             ELSE d_aw + CAST(floor(demo_u(jkey, 'j_pu_day') * 9) AS INTEGER) END AS d_pu,
        CAST(1 + floor(demo_u(jkey, 'j_se_day') * 20) AS INTEGER) AS se_after,
        CAST(7 + floor(demo_u(jkey, 'j_lo_day') * 50) AS INTEGER) AS lo_after,
        CAST(20 + floor(demo_u(jkey, 'j_ad_day') * 60) AS INTEGER) AS ad_after,
        r_pu AND u_se < 0.25 AS r_se,
        r_pu AND u_lo < 0.35 + 0.15 * tx AS r_lo,
        r_pu AND u_lo < 0.35 + 0.15 * tx AND u_ad < 0.25 + 0.15 * tx AS r_ad
    FROM reached
), stages AS (
    SELECT
        i,
        customer_id,
        j,
        k,
        (jkey * 10 + k) AS ekey,
        ['awareness', 'consideration', 'purchase', 'service', 'loyalty', 'advocacy'][k + 1]
            AS stage,
        [d_aw, d_co, d_pu, d_pu + se_after, d_pu + lo_after, d_pu + ad_after][k + 1] AS day,
        [true, r_co, r_pu, r_se, r_lo, r_ad][k + 1] AS is_reached
    FROM (SELECT *, unnest(range(6)) AS k FROM dated)
), placed AS (
    SELECT
        *,
        demo_mix(day) AS s,
        demo_u(ekey, 'tp_channel') AS u_channel,
        demo_u(ekey, 'tp_time') AS u_time,
        demo_u(ekey, 'tp_device') AS u_device,
        demo_u(ekey, 'tp_intent') AS u_intent
    FROM stages
    WHERE is_reached AND day BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
), channeled AS (
    SELECT *, demo_channel(stage, s, u_channel) AS channel
    FROM placed
), timed AS (
    SELECT *, demo_at(day, demo_daytime(channel, u_time)) AS ts
    FROM channeled
)
SELECT
    'E' || lpad(CAST(row_number() OVER (ORDER BY ts, i, j, k) AS VARCHAR), $id_width, '0')
        AS event_id,
    customer_id,
    ts,
    stage,
    channel,
    demo_device(channel, s, u_device) AS device,
    demo_intent(stage, u_intent) AS intent
FROM timed;
-- No ORDER BY: the window above already sorts the rows by (ts, i, j, k), and DuckDB keeps
-- that order on insert; a second sort of ten million wide rows would cost a quarter more
-- memory for the same stored order.
