-- Customers: who they are, when they signed up, how long they stay and how often they buy.
--
-- Customer i (1..n) takes the i-th quantile of the sign-up curve of demo_calendar, so the
-- numbering follows the sign-up date and C000001 is the oldest customer. The working table
-- demo_cust keeps the hidden traits the later scripts need (lifetime, buying appetite).
--
-- Lifetime follows a churn hazard that falls when the transformation lands: a customer's
-- "life clock" is an exponential draw spent at a mean lifetime of 8 months before
-- $tx_mid and 16 months after it (longer for loyal segments). Churned customers stop buying
-- but keep receiving marketing, which is what drags their conversion down.
CREATE OR REPLACE TEMP TABLE demo_cust AS
WITH drawn AS (
    SELECT i, (i - 1 + demo_u(i, 'signup')) / $n_customers AS q
    FROM range(1, $n_customers + 1) AS t(i)
), signed AS (
    SELECT
        drawn.i,
        cal.d AS signup_date,
        cal.tx,
        demo_u(drawn.i, 'segment') AS u_segment,
        demo_u(drawn.i, 'region') AS u_region,
        demo_u(drawn.i, 'acq') AS u_acq
    FROM drawn ASOF JOIN demo_calendar AS cal ON drawn.q >= cal.cdf_lo
), profiled AS (
    SELECT
        i,
        signup_date,
        tx,
        u_acq,
        demo_mix(signup_date) AS s,
        CASE
            WHEN u_segment < 0.62 THEN 'Retail'
            WHEN u_segment < 0.84 THEN 'Premium'
            WHEN u_segment < 0.94 THEN 'SMB'
            ELSE 'VIP'
        END AS segment,
        CASE  -- roughly the population of the regions of Uzbekistan, Tashkent over-weighted
            WHEN u_region < 0.24 THEN 'Tashkent'
            WHEN u_region < 0.33 THEN 'Tashkent region'
            WHEN u_region < 0.44 THEN 'Samarkand'
            WHEN u_region < 0.54 THEN 'Fergana'
            WHEN u_region < 0.62 THEN 'Andijan'
            WHEN u_region < 0.70 THEN 'Namangan'
            WHEN u_region < 0.77 THEN 'Kashkadarya'
            WHEN u_region < 0.82 THEN 'Bukhara'
            WHEN u_region < 0.87 THEN 'Khorezm'
            WHEN u_region < 0.91 THEN 'Surkhandarya'
            WHEN u_region < 0.94 THEN 'Karakalpakstan'
            WHEN u_region < 0.97 THEN 'Navoi'
            WHEN u_region < 0.99 THEN 'Jizzakh'
            ELSE 'Syrdarya'
        END AS region,
        -- the referral programme is promoted from the transformation on
        demo_u(i, 'referred') < 0.08 + 0.07 * tx AS is_referred,
        -- 4% register and never buy; the rest place a first order within days
        CASE WHEN demo_u(i, 'never') >= 0.04 THEN
            signup_date + CAST(least(30, floor(-ln(demo_u(i, 'lag')) * 3)) AS INTEGER)
        END AS first_try,
        -ln(demo_u(i, 'life')) AS life_clock,
        exp(0.55 * demo_z(i, 'appetite') - 0.15) AS appetite
    FROM signed
), traits AS (
    SELECT
        *,
        CASE WHEN first_try <= CAST($end AS DATE) THEN first_try END AS first_date,
        CASE segment WHEN 'VIP' THEN 1.6 WHEN 'Premium' THEN 1.25 WHEN 'SMB' THEN 1.3
                     ELSE 1.0 END AS life_factor,
        CASE segment WHEN 'VIP' THEN 1.8 WHEN 'Premium' THEN 1.2 WHEN 'SMB' THEN 1.4
                     ELSE 1.0 END AS rate_factor
    FROM profiled
), lives AS (
    SELECT
        *,
        date_diff('day', first_date, CAST($tx_mid AS DATE)) AS days_to_switch,
        240.0 * life_factor AS mean_before,
        480.0 * life_factor AS mean_after
    FROM traits
), timed AS (
    SELECT
        *,
        CASE
            WHEN first_date IS NULL THEN 0.0
            WHEN days_to_switch <= 0 THEN life_clock * mean_after
            WHEN life_clock * mean_before <= days_to_switch THEN life_clock * mean_before
            ELSE days_to_switch + (life_clock - days_to_switch / mean_before) * mean_after
        END AS life_days,
        -- the first customer of each sign-up day: referrers must have signed up before it
        min(i) OVER (PARTITION BY signup_date) AS first_of_day
    FROM lives
), active AS (
    SELECT
        *,
        -- days on which the customer can still place repeat orders inside the window
        CASE WHEN first_date IS NULL THEN 0.0
             ELSE least(life_days, date_diff('day', first_date, CAST($end AS DATE))) END
            AS active_days
    FROM timed
)
SELECT
    i,
    'C' || lpad(CAST(i AS VARCHAR), $id_width, '0') AS customer_id,
    signup_date,
    segment,
    region,
    CASE
        WHEN is_referred AND first_of_day > 1 THEN 'referral'
        WHEN u_acq < 0.45 - 0.20 * s THEN 'store'
        WHEN u_acq < 0.70 - 0.25 * s THEN 'web'
        WHEN u_acq < 0.90 - 0.10 * s THEN 'social'
        ELSE 'mobile_app'
    END AS acquisition_channel,
    CASE WHEN is_referred AND first_of_day > 1 THEN
        'C' || lpad(CAST(1 + CAST(floor(demo_u(i, 'referrer') * (first_of_day - 1)) AS BIGINT)
                         AS VARCHAR), $id_width, '0')
    END AS referred_by,
    first_date,
    life_days,
    active_days,
    -- planned repeat orders before seasonal thinning (see orders.sql)
    CASE WHEN first_date IS NULL THEN 0
         ELSE CAST(least(400, floor($repeat_rate * rate_factor * appetite * active_days
                                    + demo_u(i, 'repeat'))) AS INTEGER)
    END AS n_repeat,
    appetite
FROM active
ORDER BY i;

INSERT INTO customers (customer_id, signup_date, segment, region, acquisition_channel, referred_by)
SELECT customer_id, signup_date, segment, region, acquisition_channel, referred_by
FROM demo_cust
ORDER BY i;
