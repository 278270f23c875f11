-- Surveys: a short questionnaire after an order ($survey_order_rate of orders, within a
-- week) and after a resolved ticket ($survey_ticket_rate of them, within 36 hours).
-- The survey's channel is the channel of the order or contact it asks about.
--
-- One latent "how was it" score drives all three answers: it rises by 0.8 points with the
-- transformation (NPS from about +5 to about +30), is higher in the app and with VIPs, lower
-- by email and phone, and after a ticket follows the ticket's satisfaction.
--   nps  0-10 (missing 4%)     csat 1-5 (missing 15% after orders, 5% after tickets)
--   ces  1-7, lower is easier  (missing 55% after orders, 5% after tickets)
-- 35% leave a comment, picked from demo_comment_pool by sentiment (promoter -> positive,
-- passive -> neutral, detractor -> negative) and language (Uzbek, Russian, English; more
-- Russian in Tashkent).
INSERT INTO surveys (response_id, customer_id, responded_at, nps, csat, ces, comment, channel)
WITH asked AS (
    SELECT
        'order' AS source,
        okey AS skey,
        customer_id,
        segment,
        region,
        channel,
        demo_at(order_date + CAST(1 + floor(demo_u(okey, 'srv_lag') * 6) AS INTEGER),
                demo_daytime(channel, demo_u(okey, 'srv_time'))) AS responded_at,
        CAST(NULL AS INTEGER) AS ticket_satisfaction,
        CAST(NULL AS DOUBLE) AS ticket_hours
    FROM demo_ord
    WHERE demo_u(okey, 'srv_order') < $survey_order_rate
    UNION ALL
    SELECT
        'ticket',
        tkey,
        customer_id,
        segment,
        region,
        channel,
        resolved_at + to_seconds(CAST(floor(demo_u(tkey, 'srv_ticket_lag') * 129600) AS BIGINT)),
        satisfaction,
        hours
    FROM demo_tkt
    WHERE resolved_at IS NOT NULL AND demo_u(tkey, 'srv_ticket') < $survey_ticket_rate
), answered AS (
    SELECT
        *,
        7.55
        + 0.8 * demo_tx(CAST(responded_at AS DATE))
        + CASE channel
            WHEN 'mobile_app' THEN 0.35 WHEN 'chat' THEN 0.2 WHEN 'store' THEN 0.15
            WHEN 'social' THEN -0.1 WHEN 'phone' THEN -0.3 WHEN 'email' THEN -0.5 ELSE 0
          END
        + CASE segment WHEN 'VIP' THEN 0.3 WHEN 'Premium' THEN 0.1 WHEN 'SMB' THEN -0.2 ELSE 0 END
        + CASE
            WHEN source = 'order' THEN 0
            WHEN ticket_satisfaction IS NOT NULL THEN 0.7 * (ticket_satisfaction - 3.5)
            ELSE 0.3 - 0.5 * ln(1 + ticket_hours / 24)
          END
        + 1.9 * demo_z(hash(source, skey), 'srv_mood') AS mood,
        demo_u2(source, skey, 'srv_missing') AS u_missing,
        demo_u2(source, skey, 'srv_ces_missing') AS u_ces_missing
    FROM asked
    WHERE responded_at < CAST($end AS TIMESTAMP) + INTERVAL 1 DAY
), scored AS (
    SELECT
        *,
        CASE WHEN u_missing >= 0.04 THEN CAST(greatest(0, least(10, round(mood))) AS INTEGER)
            END AS nps,
        CASE WHEN u_missing < CASE source WHEN 'order' THEN 0.85 ELSE 0.95 END
             THEN CAST(greatest(1, least(5, round(
                1 + (mood - 1.5) / 2.0 + 0.6 * demo_z(hash(source, skey), 'srv_csat')))) AS INTEGER)
        END AS csat,
        CASE WHEN u_ces_missing < CASE source WHEN 'order' THEN 0.45 ELSE 0.95 END
             THEN CAST(greatest(1, least(7, round(
                1 + 0.55 * (10 - mood) + 0.8 * demo_z(hash(source, skey), 'srv_ces')))) AS INTEGER)
        END AS ces
    FROM answered
), commented AS (
    SELECT
        s.*,
        CASE WHEN demo_u2(source, skey, 'srv_comment') < 0.35 THEN pool.texts[1 + CAST(floor(
            demo_u2(source, skey, 'srv_comment_pick') * len(pool.texts)) AS INTEGER)] END
            AS comment
    FROM scored AS s
    JOIN demo_comment_lists AS pool
        ON pool.sentiment = CASE
                WHEN coalesce(s.nps >= 9, s.csat >= 4) THEN 'positive'
                WHEN coalesce(s.nps >= 7, s.csat = 3) THEN 'neutral'
                ELSE 'negative'
            END
        AND pool.lang = CASE
                WHEN demo_u2(source, skey, 'srv_lang')
                     < CASE WHEN s.region = 'Tashkent' THEN 0.40 ELSE 0.62 END THEN 'uz'
                WHEN demo_u2(source, skey, 'srv_lang')
                     < CASE WHEN s.region = 'Tashkent' THEN 0.85 ELSE 0.92 END THEN 'ru'
                ELSE 'en'
            END
)
SELECT
    'S' || lpad(CAST(row_number() OVER (ORDER BY responded_at, source, skey) AS VARCHAR),
                $id_width, '0'),
    customer_id,
    responded_at,
    nps,
    csat,
    ces,
    comment,
    channel
FROM commented
ORDER BY responded_at, source, skey;
