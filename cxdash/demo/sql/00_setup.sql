-- Demo data: helpers shared by every dataset script.
--
-- Everything the demo generates is a pure function of (seed, row key): no random(), no
-- clock. A "uniform" is the hash of (key, salt, seed) mapped to (0, 1); the salt names
-- what the number decides, so two decisions about the same row are independent.
-- The seed and the calendar bounds come in as session variables (SET VARIABLE demo_*),
-- which the Python driver sets from bound parameters and resets afterwards.

-- One uniform number in (0, 1) per (key, salt).
CREATE OR REPLACE TEMP MACRO demo_u(k, salt) AS
    ((hash(k, salt, getvariable('demo_seed')) >> 11)::DOUBLE + 0.5) / 9007199254740992.0;

-- The same for a two-part key (customer, slot).
CREATE OR REPLACE TEMP MACRO demo_u2(k1, k2, salt) AS
    ((hash(k1, k2, salt, getvariable('demo_seed')) >> 11)::DOUBLE + 0.5) / 9007199254740992.0;

-- A standard normal number (Box-Muller over two uniforms).
CREATE OR REPLACE TEMP MACRO demo_z(k, salt) AS
    sqrt(-2 * ln(demo_u(k, salt || ':r'))) * cos(2 * pi() * demo_u(k, salt || ':t'));

-- Transformation progress on a day: 0 before the transformation start, rising linearly to 1
-- when it is fully rolled out (six months later), 1 afterwards.
CREATE OR REPLACE TEMP MACRO demo_tx(d) AS
    greatest(0.0, least(1.0,
        date_diff('day', getvariable('demo_tx_start'), d)::DOUBLE
        / date_diff('day', getvariable('demo_tx_start'), getvariable('demo_tx_full'))));

-- Channel-mix shift on a day, 0 at the first day and 1 at the last: a slow drift before the
-- transformation (to 0.25) and a fast one after it (to 1.0). Every channel mix below is a
-- linear blend "share at the start + slope * shift" whose slopes sum to zero.
CREATE OR REPLACE TEMP MACRO demo_mix(d) AS
    CASE
        WHEN d < getvariable('demo_tx_start') THEN
            0.25 * greatest(0, date_diff('day', getvariable('demo_start'), d))
            / date_diff('day', getvariable('demo_start'), getvariable('demo_tx_start'))::DOUBLE
        ELSE
            0.25 + 0.75 * least(1.0, date_diff('day', getvariable('demo_tx_start'), d)
            / date_diff('day', getvariable('demo_tx_start'), getvariable('demo_end'))::DOUBLE)
    END;

-- Macros are expanded in place, so an argument used in several branches is evaluated in
-- each: callers pass the shift and uniforms below as columns computed one step earlier.

-- The channel of a customer-journey touchpoint at a stage, given the shift s and a uniform u.
-- One vocabulary for every dataset: web, mobile_app, store, social, email, phone, chat.
-- Orders use web, mobile_app, store, social, phone; support uses phone, email, chat,
-- social, store; the purchase and service mixes below are also the order and ticket mixes.
CREATE OR REPLACE TEMP MACRO demo_channel(stage, s, u) AS
    CASE stage
        WHEN 'awareness' THEN CASE
            WHEN u < 0.30 + 0.15 * s THEN 'social'
            WHEN u < 0.55 + 0.12 * s THEN 'web'
            WHEN u < 0.70 + 0.07 * s THEN 'email'
            WHEN u < 0.85 + 0.00 * s THEN 'store'
            WHEN u < 0.90 + 0.06 * s THEN 'mobile_app'
            ELSE 'phone' END
        WHEN 'consideration' THEN CASE
            WHEN u < 0.35 - 0.05 * s THEN 'web'
            WHEN u < 0.50 + 0.15 * s THEN 'mobile_app'
            WHEN u < 0.80 + 0.03 * s THEN 'store'
            WHEN u < 0.90 + 0.06 * s THEN 'social'
            ELSE 'phone' END
        WHEN 'purchase' THEN CASE
            WHEN u < 0.46 - 0.22 * s THEN 'store'
            WHEN u < 0.72 - 0.28 * s THEN 'web'
            WHEN u < 0.82 + 0.02 * s THEN 'mobile_app'
            WHEN u < 0.90 + 0.06 * s THEN 'social'
            ELSE 'phone' END
        WHEN 'service' THEN CASE
            WHEN u < 0.50 - 0.20 * s THEN 'phone'
            WHEN u < 0.75 - 0.30 * s THEN 'email'
            WHEN u < 0.83 - 0.31 * s THEN 'store'
            WHEN u < 0.90 - 0.20 * s THEN 'social'
            ELSE 'chat' END
        WHEN 'loyalty' THEN CASE
            WHEN u < 0.35 - 0.10 * s THEN 'email'
            WHEN u < 0.60 + 0.10 * s THEN 'mobile_app'
            WHEN u < 0.80 + 0.02 * s THEN 'store'
            WHEN u < 0.90 + 0.00 * s THEN 'web'
            ELSE 'social' END
        ELSE CASE  -- advocacy: reviews, referrals, posts
            WHEN u < 0.55 + 0.10 * s THEN 'social'
            WHEN u < 0.85 + 0.05 * s THEN 'web'
            WHEN u < 0.95 + 0.05 * s THEN 'mobile_app'
            ELSE 'store' END
    END;

-- The device behind a channel (none for a store visit or a phone call).
CREATE OR REPLACE TEMP MACRO demo_device(channel, s, u) AS
    CASE channel
        WHEN 'store' THEN NULL
        WHEN 'phone' THEN NULL
        WHEN 'mobile_app' THEN CASE WHEN u < 0.90 THEN 'mobile' ELSE 'tablet' END
        WHEN 'social' THEN CASE WHEN u < 0.85 THEN 'mobile' WHEN u < 0.95 THEN 'desktop'
                                ELSE 'tablet' END
        ELSE CASE  -- web, email, chat: mobile browsers take over from desktops
            WHEN u < 0.38 + 0.27 * s THEN 'mobile'
            WHEN u < 0.90 + 0.03 * s THEN 'desktop'
            ELSE 'tablet' END
    END;

-- What the customer came for at a stage.
CREATE OR REPLACE TEMP MACRO demo_intent(stage, u) AS
    CASE stage
        WHEN 'awareness' THEN CASE WHEN u < 0.85 THEN 'browse' ELSE 'compare' END
        WHEN 'consideration' THEN CASE WHEN u < 0.25 THEN 'browse' WHEN u < 0.85 THEN 'compare'
                                       ELSE 'buy' END
        WHEN 'purchase' THEN 'buy'
        WHEN 'service' THEN CASE WHEN u < 0.88 THEN 'support' ELSE 'renew' END
        WHEN 'loyalty' THEN CASE WHEN u < 0.60 THEN 'renew' ELSE 'buy' END
        ELSE CASE WHEN u < 0.85 THEN 'refer' ELSE 'browse' END
    END;

-- Seconds after midnight at which something happens on a channel: shops and the call
-- centre keep business hours (9:00-20:00), digital channels run 7:00-24:00 with evenings
-- busiest.
CREATE OR REPLACE TEMP MACRO demo_daytime(channel, u) AS
    CASE WHEN channel IN ('store', 'phone') THEN 32400 + floor(u * 39600)
         ELSE 25200 + floor(sqrt(u) * 61199) END;

-- A day plus a number of seconds, as a timestamp.
CREATE OR REPLACE TEMP MACRO demo_at(d, secs) AS
    CAST(d AS TIMESTAMP) + to_seconds(CAST(secs AS BIGINT));

-- The calendar: one row per day of the demo window with its demand weight.
--   season   monthly seasonality: the run-up to Navruz (21 March) and the New Year are the
--            peaks, summer the dip, plus back-to-school, 11.11 and Black Friday; weekends busier
--   tx       transformation progress (see demo_tx)
--   order_w  how likely a planned repeat order lands on that day (season x a lift in
--            purchase frequency once the transformation is in place), scaled to at most 1
--   cdf_lo   share of all sign-ups before the day: sign-ups follow the season, grow year on
--            year and faster after the transformation, and start with an enrolment wave when
--            the loyalty programme (and with it the customer records) launched
CREATE OR REPLACE TEMP TABLE demo_calendar AS
WITH days AS (
    SELECT CAST($start AS DATE) + CAST(n AS INTEGER) AS d, n AS day_no
    FROM range(0, date_diff('day', CAST($start AS DATE), CAST($end AS DATE)) + 1) AS t(n)
), weighted AS (
    SELECT
        d,
        day_no,
        CASE
            WHEN month(d) = 3 AND day(d) <= 20 THEN 1.45
            WHEN month(d) = 3 THEN 1.00
            WHEN month(d) = 12 AND day(d) >= 15 THEN 1.60
            WHEN month(d) = 12 THEN 1.25
            WHEN month(d) = 1 THEN 0.85
            WHEN month(d) = 2 THEN 0.90
            WHEN month(d) = 4 THEN 1.00
            WHEN month(d) = 5 THEN 0.95
            WHEN month(d) = 6 THEN 0.82
            WHEN month(d) = 7 THEN 0.72
            WHEN month(d) = 8 THEN 0.85
            WHEN month(d) = 9 THEN 1.05
            WHEN month(d) = 10 THEN 0.95
            ELSE 1.15
        END * CASE WHEN dayofweek(d) IN (0, 6) THEN 1.12 ELSE 0.95 END AS season,
        demo_tx(d) AS tx
    FROM days
), demand AS (
    SELECT
        *,
        season * (1 + 0.15 * tx) AS order_raw,
        season * (1 + 0.25 * day_no / 365.0 + 0.35 * tx) + 3.0 * exp(-day_no / 45.0) AS signup_w
    FROM weighted
)
SELECT
    d,
    day_no,
    season,
    tx,
    order_raw / max(order_raw) OVER () AS order_w,
    coalesce(sum(signup_w) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
        / sum(signup_w) OVER () AS cdf_lo
FROM demand
ORDER BY d;
