-- Orders: every buyer's first order, then repeat orders while the customer is active.
--
-- Repeat orders are planned evenly over the customer's active days (demo_cust.n_repeat) and
-- kept with the day's demand weight, which gives the seasonality (Navruz, New Year, summer
-- dip) and, through the lifetime model, cohorts that decay month after month.
-- Amounts are in so'm, rounded to 1,000, with about 11% a year of price inflation.
-- The channel mix drifts from store and web to the mobile app (demo_channel 'purchase').
-- A campaign is credited when the order comes in while a campaign of its channel runs:
-- 30% of first orders and 12% of repeat orders ask for one (more campaigns later on mean
-- more of them find one).
CREATE OR REPLACE TEMP TABLE demo_ord AS
WITH slots AS (
    SELECT i, customer_id, segment, region, 0 AS slot, first_date AS order_date
    FROM demo_cust
    WHERE first_date IS NOT NULL
    UNION ALL
    SELECT i, customer_id, segment, region, 1 + j AS slot,
           first_date + CAST(1 + floor(demo_u2(i, j, 'order_day') * active_days) AS INTEGER)
    FROM (SELECT *, unnest(range(n_repeat)) AS j FROM demo_cust WHERE n_repeat > 0)
), kept AS (
    SELECT slots.*, i * 1000 + slot AS okey, demo_mix(slots.order_date) AS s
    FROM slots
    JOIN demo_calendar AS cal ON cal.d = slots.order_date
    WHERE slot = 0 OR demo_u2(i, slot, 'order_keep') < cal.order_w
), drawn AS (
    SELECT
        *,
        demo_u(okey, 'order_channel') AS u_channel,
        demo_u(okey, 'order_device') AS u_device
    FROM kept
), shaped AS (
    SELECT
        *,
        demo_channel('purchase', s, u_channel) AS channel,
        demo_u(okey, 'order_campaign')
            < CASE WHEN slot = 0 THEN 0.30 ELSE 0.12 END AS wants_campaign
    FROM drawn
), priced AS (
    SELECT
        *,
        CASE segment WHEN 'Retail' THEN 320 WHEN 'Premium' THEN 620 WHEN 'SMB' THEN 1100
                     ELSE 1400 END
        * power(1.009, date_diff('month', CAST($start AS DATE), order_date))
        * CASE channel WHEN 'store' THEN 1.15 WHEN 'mobile_app' THEN 0.85
                       WHEN 'social' THEN 0.9 ELSE 1.0 END
        * exp(0.65 * demo_z(okey, 'order_amount')) AS thousands
    FROM shaped
)
SELECT
    row_number() OVER (ORDER BY o.order_date, o.i, o.slot) AS order_no,
    o.okey,
    o.i,
    o.customer_id,
    o.segment,
    o.region,
    o.slot,
    o.order_date,
    o.channel,
    demo_device(o.channel, o.s, o.u_device) AS device,
    CAST(greatest(5000, 1000 * round(o.thousands)) AS DOUBLE) AS amount,
    cd.ids[1 + CAST(floor(demo_u(o.okey, 'order_pick') * len(cd.ids)) AS INTEGER)] AS campaign_id
FROM priced AS o
LEFT JOIN demo_camp_day AS cd
    ON o.wants_campaign AND cd.d = o.order_date AND cd.channel = o.channel;

INSERT INTO orders (order_id, customer_id, order_date, amount, channel, device, campaign_id)
SELECT
    'O' || lpad(CAST(order_no AS VARCHAR), $id_width, '0'),
    customer_id, order_date, amount, channel, device, campaign_id
FROM demo_ord
ORDER BY order_no;
