"""RFM segments scored in one query over the selected orders up to the period's end."""

import datetime as dt

import pytest

from cxdash.evidence.rfm import COLUMNS, SEGMENTS, rfm_segments
from cxdash.filters import Filters
from cxdash.period import Period

JUNE = Period(dt.date(2024, 6, 1), dt.date(2024, 6, 30))


@pytest.fixture
def shop(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) VALUES "
        "('c1', DATE '2023-01-01', 'VIP'), ('c2', DATE '2023-01-01', 'VIP'), "
        "('c3', DATE '2023-01-01', 'Retail'), ('c4', DATE '2023-01-01', 'Retail'), "
        "('c5', DATE '2023-01-01', 'Retail')"
    )
    # customer: orders, days since the last one on Jun 30, revenue
    #   c1: 3, 0, 300   c2: 2, 10, 100   c3: 1, 30, 50   c4: 1, 182, 500   c5: 1, 366, 10
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES "
        "('o1', 'c1', DATE '2024-01-10', 100, 'web'), ('o2', 'c1', DATE '2024-03-10', 100, 'web'), "
        "('o3', 'c1', DATE '2024-06-30', 100, 'store'), "
        "('o4', 'c1', DATE '2024-07-05', 1000, 'web'), "  # after the period: not counted
        "('o5', 'c2', DATE '2024-05-01', 50, 'web'), ('o6', 'c2', DATE '2024-06-20', 50, 'web'), "
        "('o7', 'c3', DATE '2024-05-31', 50, 'web'), "
        "('o8', 'c4', DATE '2023-12-31', 500, 'store'), "
        "('o9', 'c5', DATE '2023-06-30', 10, 'web')"
    )
    return con


def test_rfm_scores_and_names_each_customer(shop):
    frame = rfm_segments(shop, JUNE, Filters())
    assert list(frame.columns) == list(COLUMNS)
    # R by recency 1..5 (c5..c1); F: three one-order customers share 3, c2 4, c1 5;
    # M 1..5 (c5, c3, c2, c1, c4); FM = floor((F + M) / 2).
    # c1 R5 FM4 champions, c2 R4 FM3 loyal, c3 R3 FM2 need attention, c4 R2 FM4 at risk,
    # c5 R1 FM2 lost; listed from best to worst.
    assert list(frame["segment"]) == ["champions", "loyal", "need_attention", "at_risk", "lost"]
    assert list(frame["customers"]) == [1] * 5
    assert list(frame["revenue"]) == [300.0, 100.0, 50.0, 500.0, 10.0]
    assert list(frame["recency_days"]) == [0.0, 10.0, 30.0, 182.0, 366.0]
    assert frame["customer_share"].tolist() == [20.0] * 5
    assert frame["revenue_share"].iloc[0] == pytest.approx(300 / 960 * 100)


def test_rfm_moves_with_the_period_end(shop):
    # At the end of March, c1 has 2 orders (200) and c2, c3 have none yet. Among three:
    # c1 R5 F5 M4, c4 R4 F4 M5 (champions both), c5 R2 F4 M2 (at risk).
    march = Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    frame = rfm_segments(shop, march, Filters())
    assert list(frame["segment"]) == ["champions", "at_risk"]
    assert list(frame["customers"]) == [2, 1]
    assert list(frame["revenue"]) == [700.0, 10.0]
    assert list(frame["orders_per_customer"]) == [1.5, 1.0]
    assert list(frame["recency_days"]) == [(21 + 91) / 2, 275.0]


def test_rfm_scores_among_the_filtered_customers_only(shop):
    frame = rfm_segments(shop, JUNE, Filters(segments=("VIP",)))
    # Two customers: c2 scores R3 F3 M3 (loyal), c1 R5 F5 M5 (champions).
    assert list(frame["segment"]) == ["champions", "loyal"]
    web = rfm_segments(shop, JUNE, Filters(channels=("web",)))
    # Without its store order c1 last bought in March and c4 drops out.
    assert web["customers"].sum() == 4
    assert "at_risk" not in set(web["segment"])


def test_equal_customers_share_a_segment(con):
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES "
        "('a', 'x1', DATE '2024-06-01', 10), ('b', 'x2', DATE '2024-06-01', 10)"
    )
    frame = rfm_segments(con, JUNE, Filters())
    # Everything ties at the top: every score is 5.
    assert frame.to_dict("records")[0]["segment"] == "champions"
    assert frame["customers"].tolist() == [2]


def test_rfm_on_no_orders_is_empty(con):
    frame = rfm_segments(con, JUNE, Filters())
    assert frame.empty and list(frame.columns) == list(COLUMNS)


def test_segments_are_six_to_eight_named_groups():
    assert 6 <= len(SEGMENTS) <= 8 and len(set(SEGMENTS)) == len(SEGMENTS)
