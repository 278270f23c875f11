-- Campaigns: a few hundred marketing pushes over three years, launched more often ahead of
-- the seasonal peaks and more often as the business grows, drifting from store and web
-- towards social and the mobile app.
--
-- Spend is a whole number of thousand so'm per day times the number of days, so every
-- spend KPI sums exactly. $spend_scale keeps spend per customer equal across scales.
CREATE OR REPLACE TEMP TABLE demo_camp AS
WITH cdf AS (
    SELECT
        d,
        coalesce(sum(w) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
            / sum(w) OVER () AS lo
    FROM (SELECT d, season * power(0.3 + day_no / 365.0, 1.15) AS w FROM demo_calendar)
), drawn AS (
    SELECT c, (c - 1 + demo_u(c, 'camp_start')) / $n_campaigns AS q
    FROM range(1, $n_campaigns + 1) AS t(c)
), started AS (
    SELECT
        drawn.c,
        cdf.d AS start_date,
        demo_mix(cdf.d) AS s,
        demo_u(drawn.c, 'camp_channel') AS u_channel
    FROM drawn ASOF JOIN cdf ON drawn.q >= cdf.lo
), shaped AS (
    SELECT
        c,
        start_date,
        least(CAST($end AS DATE),
              start_date + CAST(6 + floor(demo_u(c, 'camp_days') * 36) AS INTEGER)) AS end_date,
        CASE
            WHEN u_channel < 0.30 + 0.20 * s THEN 'social'
            WHEN u_channel < 0.65 + 0.10 * s THEN 'web'
            WHEN u_channel < 0.75 + 0.25 * s THEN 'mobile_app'
            ELSE 'store'
        END AS channel,
        CASE
            WHEN (month(start_date) = 2 AND day(start_date) >= 15)
                OR (month(start_date) = 3 AND day(start_date) <= 21) THEN 'Navruz'
            WHEN month(start_date) = 12 OR (month(start_date) = 1 AND day(start_date) <= 7)
                THEN 'New Year'
            WHEN month(start_date) IN (1, 2) THEN 'Winter Sale'
            WHEN month(start_date) IN (3, 4, 5) THEN 'Spring Sale'
            WHEN month(start_date) IN (6, 7) THEN 'Summer Sale'
            WHEN month(start_date) = 8 THEN 'Back to School'
            WHEN month(start_date) = 9 THEN 'Independence Day'
            WHEN month(start_date) = 10 THEN 'Autumn Deals'
            ELSE '11.11 & Black Friday'
        END AS theme,
        demo_u(c, 'camp_tactic') AS u_tactic,
        0.6 + 0.8 * demo_u(c, 'camp_budget') AS budget
    FROM started
), named AS (
    SELECT
        *,
        -- a New Year campaign launched in December is named after the coming year
        theme || ' ' || (year(start_date) + CASE WHEN month(start_date) = 12 THEN 1 ELSE 0 END)
        || ' – ' || CASE channel
            WHEN 'social' THEN ['Instagram Reels', 'Telegram channel', 'Facebook lookalike',
                                'TikTok creators'][1 + CAST(floor(u_tactic * 4) AS INTEGER)]
            WHEN 'web' THEN ['Google Search', 'Yandex Direct', 'Display retargeting',
                             'Email to landing page'][1 + CAST(floor(u_tactic * 4) AS INTEGER)]
            WHEN 'mobile_app' THEN ['App push', 'In-app banner', 'Double loyalty points']
                                   [1 + CAST(floor(u_tactic * 3) AS INTEGER)]
            ELSE ['In-store promo', 'Mall pop-up', 'Flyers and POS']
                 [1 + CAST(floor(u_tactic * 3) AS INTEGER)]
        END AS base_name,
        -- thousand so'm per day
        1000 * greatest(1, round(budget * $spend_scale * CASE channel
            WHEN 'social' THEN 650 WHEN 'web' THEN 750 WHEN 'mobile_app' THEN 500 ELSE 650
        END)) AS daily_spend
    FROM shaped
)
SELECT
    c,
    'CMP' || lpad(CAST(c AS VARCHAR), $id_width, '0') AS campaign_id,
    base_name || CASE WHEN count(*) OVER (PARTITION BY base_name) > 1
                      THEN ' #' || row_number() OVER (PARTITION BY base_name ORDER BY c)
                      ELSE '' END AS name,
    channel,
    start_date,
    end_date,
    CAST(daily_spend * (date_diff('day', start_date, end_date) + 1) AS DOUBLE) AS spend
FROM named
ORDER BY c;

INSERT INTO campaigns (campaign_id, name, channel, start_date, end_date, spend)
SELECT campaign_id, name, channel, start_date, end_date, spend
FROM demo_camp
ORDER BY c;

-- For attribution: the campaigns running on each day in each channel.
CREATE OR REPLACE TEMP TABLE demo_camp_day AS
SELECT d, channel, list(campaign_id ORDER BY campaign_id) AS ids
FROM (
    SELECT campaign_id, channel, start_date + CAST(k AS INTEGER) AS d
    FROM (
        SELECT *, unnest(range(0, date_diff('day', start_date, end_date) + 1)) AS k
        FROM demo_camp
    )
)
GROUP BY d, channel;
