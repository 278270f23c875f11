"""Cohort retention (DESIGN sections 5 and 7) on a hand-computed fixture."""

from __future__ import annotations

import datetime as dt

import pytest

from cxdash.filters import Filters
from cxdash.kpis import cohort_frame, cohort_matrix
from cxdash.kpis.cohorts import COLUMNS, cohort_months, month_label, month_number
from cxdash.period import Period

Q1 = Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31))

# a, b: first order in January; c: February; e: March 31.
# d: first order 2023-12-30 in the store, then a web order in January.
ORDERS = """
INSERT INTO customers (customer_id, signup_date, segment) VALUES
    ('a', '2023-01-01', 'retail'),
    ('b', '2023-01-01', 'retail'),
    ('c', '2023-01-01', 'b2b'),
    ('d', '2023-01-01', 'retail');
INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES
    ('a1', 'a', '2024-01-05', 10, 'web'),
    ('a2', 'a', '2024-02-10', 10, 'web'),
    ('a3', 'a', '2024-03-01', 10, 'web'),
    ('b1', 'b', '2024-01-20', 10, 'web'),
    ('b2', 'b', '2024-03-15', 10, 'web'),
    ('c1', 'c', '2024-02-02', 10, 'web'),
    ('c2', 'c', '2024-02-25', 10, 'web'),
    ('c3', 'c', '2024-04-10', 10, 'web'),
    ('d1', 'd', '2023-12-30', 10, 'store'),
    ('d2', 'd', '2024-01-10', 10, 'web'),
    ('e1', 'e', '2024-03-31', 10, 'web');
"""


@pytest.fixture
def shop(con):
    con.execute(ORDERS)
    return con


def cells(matrix):
    return {(m["cohort"], m["k"]): (m["customers"], m["retained"], m["rate"]) for m in matrix}


def test_matrix_by_hand(shop):
    matrix = cohort_matrix(shop, Q1, Filters())
    assert cells(matrix) == {
        # January: a, b (d's first order is December, so d is not in it).
        ("2024-01", 0): (2, 2, 100.0),
        ("2024-01", 1): (2, 1, 50.0),  # February: a
        ("2024-01", 2): (2, 2, 100.0),  # March: a (03-01) and b (03-15)
        # February: c, ordering twice in February and next in April (beyond March).
        ("2024-02", 0): (1, 1, 100.0),
        ("2024-02", 1): (1, 0, 0.0),
        ("2024-03", 0): (1, 1, 100.0),  # e
    }
    # ordered by cohort, then k, with exactly the documented keys
    assert [(m["cohort"], m["k"]) for m in matrix] == sorted(cells(matrix))
    assert all(tuple(m) == COLUMNS for m in matrix)
    assert all(type(m["rate"]) is float and type(m["customers"]) is int for m in matrix)


def test_k0_is_always_100(shop):
    matrix = cohort_matrix(shop, Period(dt.date(2023, 12, 1), dt.date(2024, 4, 30)), Filters())
    k0 = [m for m in matrix if m["k"] == 0]
    assert [m["cohort"] for m in k0] == ["2023-12", "2024-01", "2024-02", "2024-03"]
    assert all(m["rate"] == 100.0 for m in k0)
    # December's d ordered again in January (k = 1), then never: 1 / 1, then 0 / 1
    december = {m["k"]: m["rate"] for m in matrix if m["cohort"] == "2023-12"}
    assert december == {0: 100.0, 1: 100.0, 2: 0.0, 3: 0.0, 4: 0.0}


def test_channel_filter_moves_the_first_order(shop):
    # Web orders only: d's first web order is 2024-01-10, so d joins January.
    january = {
        m["k"]: m
        for m in cohort_matrix(shop, Q1, Filters(channels=("web",)))
        if m["cohort"] == "2024-01"
    }
    assert january[0]["customers"] == 3
    assert january[1]["rate"] == pytest.approx(100 / 3)  # a
    assert january[2]["rate"] == pytest.approx(200 / 3)  # a, b


def test_segment_filter_drops_customers_not_in_customers(shop):
    # retail = a, b, d; e has no customers row and c is b2b, so February and March vanish.
    matrix = cohort_matrix(shop, Q1, Filters(segments=("retail",)))
    assert sorted({m["cohort"] for m in matrix}) == ["2024-01"]


def test_cohorts_start_inside_the_period(shop):
    # 01-15 .. 03-31: January starts before the period, so the first cohort is February.
    matrix = cohort_matrix(shop, Period(dt.date(2024, 1, 15), dt.date(2024, 3, 31)), Filters())
    assert sorted({m["cohort"] for m in matrix}) == ["2024-02", "2024-03"]
    # a period inside one month starts no month: empty
    assert cohort_matrix(shop, Period(dt.date(2024, 1, 15), dt.date(2024, 1, 31)), Filters()) == []


def test_last_month_counts_its_whole_calendar_month(shop):
    # The period ends 03-20, but March (which starts inside it) is a calendar month:
    # e's first order on 03-31 still makes the March cohort.
    matrix = cohort_matrix(shop, Period(dt.date(2024, 1, 1), dt.date(2024, 3, 20)), Filters())
    assert cells(matrix)[("2024-03", 0)] == (1, 1, 100.0)


def test_empty_database(con):
    assert cohort_matrix(con, Q1, Filters()) == []
    frame = cohort_frame(con, Q1, Filters())
    assert list(frame.columns) == list(COLUMNS) and frame.empty


def test_frame_matches_matrix(shop):
    frame = cohort_frame(shop, Q1, Filters())
    assert frame.to_dict("records") == cohort_matrix(shop, Q1, Filters())
    heat = frame.pivot(index="cohort", columns="k", values="rate")
    assert heat.loc["2024-01", 1] == 50.0


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2024-01-01", "2024-03-31", ("2024-01", "2024-03")),
        ("2024-01-02", "2024-03-31", ("2024-02", "2024-03")),
        ("2023-12-15", "2024-01-01", ("2024-01", "2024-01")),
        ("2024-01-02", "2024-01-31", None),
    ],
)
def test_cohort_months(start, end, months):
    found = cohort_months(Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    assert (found and tuple(month_label(m) for m in found)) == months


def test_month_numbers_round_trip():
    assert month_label(month_number(dt.date(2024, 12, 31))) == "2024-12"
    assert month_number(dt.date(2025, 1, 1)) - month_number(dt.date(2024, 12, 1)) == 1
