import datetime as dt

import pytest

from cxdash.period import Period, resolve

D = dt.date


def test_previous_period_has_the_same_length_just_before():
    period = Period(D(2024, 3, 1), D(2024, 3, 31))
    assert period.days == 31
    assert period.previous() == Period(D(2024, 1, 30), D(2024, 2, 29))


def test_trailing_year_is_365_days_ending_at_the_end():
    year = Period(D(2024, 3, 1), D(2024, 3, 31)).trailing_year()
    assert year == Period(D(2023, 4, 2), D(2024, 3, 31))
    assert year.days == 365


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Period(D(2024, 3, 2), D(2024, 3, 1))


def test_default_period_is_90_days_to_the_latest_order(con):
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount) VALUES "
        "('o1', 'c1', DATE '2024-01-10', 5), ('o2', 'c1', DATE '2024-06-30', 5)"
    )
    assert resolve(con) == Period(D(2024, 4, 2), D(2024, 6, 30))


def test_default_period_without_orders_ends_today(con):
    assert resolve(con, today=D(2025, 1, 1)) == Period(D(2024, 10, 4), D(2025, 1, 1))


def test_one_given_end_takes_the_other_from_the_default(con):
    assert resolve(con, end=D(2024, 1, 31), today=D(2030, 1, 1)).start == D(2023, 11, 3)
    assert resolve(con, start=D(2024, 1, 1), today=D(2024, 2, 1)) == Period(
        D(2024, 1, 1), D(2024, 2, 1)
    )
