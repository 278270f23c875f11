"""Step 6 order evidence: campaigns, intent and device, what follows an order, cohort window."""

import datetime as dt
import math

import pytest

from cxdash.evidence.follow_ups import FOLLOW_UPS, follow_ups
from cxdash.evidence.insights import (
    cohort_period,
    intent_coverage,
    orders_by_campaign,
    orders_by_intent,
)
from cxdash.filters import Filters
from cxdash.period import Period

D = dt.date
JUNE = Period(D(2024, 6, 1), D(2024, 6, 30))


def _customers(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment, region, referred_by) VALUES "
        "('c1', DATE '2024-01-01', 'VIP', 'North', NULL), "
        "('c2', DATE '2024-01-01', 'Retail', 'South', NULL), "
        "('c3', DATE '2024-06-15', 'Retail', 'South', 'c1'), "  # 5 days after c1's order
        "('c4', DATE '2024-07-31', 'Retail', 'South', 'c2')"  # 31 days after c2's order
    )


# ---------------------------------------------------------------- campaigns


def _campaign_orders(con):
    con.execute(
        "INSERT INTO campaigns (campaign_id, name, channel, start_date, end_date, spend) VALUES "
        "('K1', 'Spring push', 'web', DATE '2024-06-01', DATE '2024-06-30', 10), "
        "('K2', NULL, 'store', DATE '2024-06-01', DATE '2024-06-30', 10)"
    )
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel, campaign_id) "
        "VALUES "
        "('o1', 'c1', DATE '2024-06-02', 50, 'web', 'K1'), "
        "('o2', 'c2', DATE '2024-06-03', 30, 'store', 'K2'), "
        "('o3', 'c2', DATE '2024-06-04', 10, 'store', 'K3'), "  # not in campaigns
        "('o4', 'c1', DATE '2024-06-05', 5, 'web', 'K4'), "
        "('o5', 'c1', DATE '2024-06-06', 100, 'web', NULL), "
        "('o6', 'c2', DATE '2024-06-07', 5, 'store', ''), "  # empty id is no campaign
        "('o7', 'c1', DATE '2024-07-01', 999, 'web', 'K1')"  # after the period
    )


def test_orders_by_campaign_keeps_the_top_and_sums_the_rest(con):
    _campaign_orders(con)
    frame = orders_by_campaign(con, JUNE, Filters(), top=2)
    assert list(frame["kind"]) == ["campaign", "campaign", "other", "none"]
    # A campaign without a name, or missing from campaigns, shows its id.
    assert list(frame["campaign"][:2]) == ["Spring push", "K2"]
    assert list(frame["channel"][:2]) == ["web", "store"]
    assert list(frame["revenue"]) == [50.0, 30.0, 15.0, 105.0]
    assert list(frame["orders"]) == [1, 1, 2, 2]
    assert list(frame["campaigns"]) == [1, 1, 2, 0]
    assert frame["revenue_share"].sum() == pytest.approx(100.0)
    assert frame["revenue_share"].iloc[-1] == pytest.approx(105 / 200 * 100)


def test_orders_by_campaign_respects_filters(con):
    _customers(con)
    _campaign_orders(con)
    web = orders_by_campaign(con, JUNE, Filters(channels=("web",)), top=10)
    assert list(web["campaign"].fillna("-")) == ["Spring push", "K4", "-"]
    retail = orders_by_campaign(con, JUNE, Filters(segments=("Retail",)), top=1)
    assert list(retail["kind"]) == ["campaign", "other", "none"]
    assert list(retail["revenue"]) == [30.0, 10.0, 5.0]


def test_orders_by_campaign_on_no_orders_is_empty(con):
    frame = orders_by_campaign(con, JUNE, Filters())
    assert frame.empty
    assert {"kind", "campaign", "campaigns", "orders", "revenue", "revenue_share"} <= set(frame)


# ---------------------------------------------------------------- intent


def _intent_data(con):
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel, device) VALUES "
        "('o1', 'c1', DATE '2024-06-10', 10, 'web', 'mobile'), "
        "('o2', 'c2', DATE '2024-06-10', 20, 'store', NULL), "
        "('o3', 'c2', DATE '2024-06-20', 40, 'store', NULL), "
        "('o4', 'c3', DATE '2024-06-20', 80, 'web', 'desktop')"
    )
    con.execute(
        "INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel, device, intent) "
        "VALUES "
        # c1: the last touchpoint up to the order day wins; one the day after does not count.
        "('e1', 'c1', TIMESTAMP '2024-06-04 09:00', 'awareness', 'web', 'mobile', 'browse'), "
        "('e2', 'c1', TIMESTAMP '2024-06-09 09:00', 'consideration', 'web', 'mobile', 'compare'), "
        "('e3', 'c1', TIMESTAMP '2024-06-11 09:00', 'service', 'chat', 'mobile', 'support'), "
        # c2: 7 days before o2 counts; o3 (20th) looks back to the 13th: only e5 (on the day).
        "('e4', 'c2', TIMESTAMP '2024-06-03 23:00', 'awareness', 'web', 'mobile', 'browse'), "
        "('e5', 'c2', TIMESTAMP '2024-06-20 23:59', 'purchase', 'store', NULL, 'buy'), "
        # c3: 8 days before the order is too early.
        "('e6', 'c3', TIMESTAMP '2024-06-12 10:00', 'awareness', 'web', 'desktop', 'browse')"
    )


def test_orders_by_intent_uses_the_last_touchpoint_of_the_week_before(con):
    _intent_data(con)
    frame = orders_by_intent(con, JUNE, Filters())
    rows = {(r.intent, r.device): (r.orders, r.revenue) for r in frame.itertuples()}
    assert rows == {
        ("compare", "mobile"): (1, 10.0),
        ("browse", None): (1, 20.0),
        ("buy", None): (1, 40.0),
        (None, "desktop"): (1, 80.0),
    }
    assert intent_coverage(frame) == (3, 4)


def test_orders_by_intent_with_a_shorter_lookback_and_filters(con):
    _customers(con)
    _intent_data(con)
    same_day = orders_by_intent(con, JUNE, Filters(), lookback=0)
    assert intent_coverage(same_day) == (1, 4)  # only o3 has a touchpoint on its day
    web = orders_by_intent(con, JUNE, Filters(channels=("web",)))
    assert sorted(web["orders"]) == [1, 1] and intent_coverage(web) == (1, 2)
    vip = orders_by_intent(con, JUNE, Filters(segments=("VIP",)))
    assert list(vip["intent"]) == ["compare"]


def test_orders_by_intent_on_no_orders_is_empty(con):
    frame = orders_by_intent(con, JUNE, Filters())
    assert frame.empty and list(frame.columns) == ["intent", "device", "orders", "revenue"]
    assert intent_coverage(frame) == (0, 0)


# ---------------------------------------------------------------- follow-ups


def _follow_up_data(con):
    _customers(con)
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES "
        "('o1', 'c1', DATE '2024-06-10', 10, 'web'), "
        "('o2', 'c1', DATE '2024-07-10', 10, 'web'), "  # exactly 30 days after o1
        "('o3', 'c2', DATE '2024-06-30', 10, 'store'), "
        "('o4', 'c2', DATE '2024-06-30', 10, 'store'), "  # same day: not a follow-up
        "('o5', 'c2', DATE '2024-09-28', 10, 'store')"  # 90 days after o3
    )
    con.execute(
        "INSERT INTO tickets (ticket_id, customer_id, opened_at, channel) VALUES "
        "('t1', 'c1', TIMESTAMP '2024-06-10 18:00', 'chat'), "  # order day: not after
        "('t2', 'c2', TIMESTAMP '2024-07-30 08:00', 'phone')"  # 30 days after o3 and o4
    )
    con.execute(
        "INSERT INTO surveys (response_id, customer_id, responded_at, nps) VALUES "
        "('s1', 'c1', TIMESTAMP '2024-07-11 09:00', 9)"  # 31 days after o1, 1 after o2
    )


def _shares(frame):
    return dict(zip(frame["event"], frame["share"], strict=True))


def test_follow_ups_within_30_days(con):
    _follow_up_data(con)
    frame = follow_ups(con, JUNE, Filters(), days=30)
    assert list(frame["event"]) == list(FOLLOW_UPS)
    assert set(frame["orders"]) == {3}  # o1, o3, o4 are in June
    followed = dict(zip(frame["event"], frame["followed"], strict=True))
    # o1 -> o2 on day 30; t2 is 30 days after both June-30 orders; c3 signs up 5 days after o1.
    assert followed == {"repeat_order": 1, "ticket": 2, "survey": 0, "referral": 1}
    assert _shares(frame)["ticket"] == pytest.approx(200 / 3)
    # The latest order (Sep 28) is at least 30 days after every June order.
    assert set(frame["complete"]) == {3}


def test_follow_ups_within_90_days_reach_further(con):
    _follow_up_data(con)
    frame = follow_ups(con, JUNE, Filters(), days=90)
    followed = dict(zip(frame["event"], frame["followed"], strict=True))
    # o3 and o4 -> o5 on day 90; s1 is 31 days after o1; c4 signs up 31 days after o3/o4.
    assert followed == {"repeat_order": 3, "ticket": 2, "survey": 1, "referral": 3}
    # Sep 28 is 90 days after Jun 30 but only 110 after Jun 10: all windows are complete.
    assert set(frame["complete"]) == {3}
    assert set(follow_ups(con, JUNE, Filters(), days=100)["complete"]) == {1}


def test_follow_ups_select_orders_by_filter_and_count_events_on_any_channel(con):
    _follow_up_data(con)
    web = follow_ups(con, JUNE, Filters(channels=("web",)), days=30)
    assert set(web["orders"]) == {1}
    # The survey has no channel, the ticket is on chat: both still follow a web order.
    assert _shares(follow_ups(con, JUNE, Filters(channels=("web",)), days=31))["survey"] == 100
    retail = follow_ups(con, JUNE, Filters(segments=("Retail",)), days=30)
    assert set(retail["orders"]) == {2} and _shares(retail)["ticket"] == 100


def test_follow_ups_say_no_data_for_an_empty_dataset_and_no_orders(con):
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES "
        "('o1', 'c1', DATE '2024-06-10', 10), ('o2', 'c1', DATE '2024-06-12', 10)"
    )
    shares = _shares(follow_ups(con, JUNE, Filters(), days=30))
    assert shares["repeat_order"] == 50.0
    assert all(math.isnan(shares[e]) for e in ("ticket", "survey", "referral"))
    con.execute("DELETE FROM orders")
    empty = follow_ups(con, JUNE, Filters(), days=30)
    assert len(empty) == 4 and set(empty["orders"]) == {0} and empty["share"].isna().all()


# ---------------------------------------------------------------- cohorts


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        # The default 90 days: widened to the 12 months up to the period's end.
        (Period(D(2026, 7, 3), D(2026, 9, 30)), Period(D(2025, 10, 1), D(2026, 9, 30))),
        (Period(D(2024, 3, 15), D(2024, 3, 20)), Period(D(2023, 4, 1), D(2024, 3, 20))),
        # Already a year or more: left as it is.
        (Period(D(2023, 1, 1), D(2024, 6, 30)), Period(D(2023, 1, 1), D(2024, 6, 30))),
    ],
)
def test_cohort_period_covers_at_least_twelve_months(period, expected):
    assert cohort_period(period) == expected
