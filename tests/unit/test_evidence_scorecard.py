"""Monthly KPI values and targets, the period scorecard and the lifecycle headlines."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from cxdash.evidence.scorecard import (
    HEADLINES,
    MONTHLY_KPIS,
    lifecycle_headlines,
    month_windows,
    monthly_kpis,
    scorecard,
)
from cxdash.filters import Filters
from cxdash.kpis import kpi_results, kpi_values
from cxdash.period import Period

D = dt.date
END = D(2024, 4, 20)  # three months: February, March and April 1-20 (2024 is a leap year)


def _fixture(con) -> None:
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment, referred_by) VALUES "
        "('c1', DATE '2024-01-01', 'Retail', NULL), ('c2', DATE '2024-01-01', 'VIP', 'c1')"
    )
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel, campaign_id) "
        "VALUES ('o1', 'c1', DATE '2024-03-05', 10, 'web', 'k1'), "
        "('o2', 'c1', DATE '2024-03-31', 5, 'store', NULL), "
        "('o3', 'c2', DATE '2024-04-10', 7, 'web', ''), "
        "('o4', 'c2', DATE '2024-02-20', 3, 'web', NULL), "
        "('o5', 'c1', DATE '2024-04-02', 20, 'web', NULL)"
    )
    con.execute(
        "INSERT INTO campaigns (campaign_id, channel, start_date, end_date, spend) VALUES "
        "('k1', 'web', DATE '2024-03-01', DATE '2024-03-10', 100)"
    )
    con.execute(
        "INSERT INTO surveys (response_id, customer_id, responded_at, nps, csat, ces, channel) "
        "VALUES ('s1', 'c1', TIMESTAMP '2024-03-10 10:00', 10, 5, 2, 'web'), "
        "('s2', 'c2', TIMESTAMP '2024-03-31 23:30', 3, 3, 4, 'web'), "
        "('s3', 'c2', TIMESTAMP '2024-04-01 00:10', 8, NULL, NULL, 'web')"
    )
    con.execute(
        "INSERT INTO tickets (ticket_id, customer_id, opened_at, resolved_at, channel, "
        "first_contact_resolution) VALUES "
        "('t1', 'c1', TIMESTAMP '2024-03-01 09:00', TIMESTAMP '2024-03-01 10:30', 'chat', TRUE), "
        "('t2', 'c2', TIMESTAMP '2024-03-02 23:00', TIMESTAMP '2024-03-03 01:00', 'chat', FALSE), "
        "('t3', 'c2', TIMESTAMP '2024-04-05 12:00', NULL, 'phone', NULL)"
    )
    con.execute(
        "INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel) VALUES "
        "('e1', 'c1', TIMESTAMP '2024-03-03 08:00', 'awareness', 'web'), "
        "('e2', 'c1', TIMESTAMP '2024-03-05 09:00', 'purchase', 'web'), "
        "('e3', 'c2', TIMESTAMP '2024-03-20 10:00', 'awareness', 'social'), "
        "('e4', 'c2', TIMESTAMP '2024-04-01 10:00', 'purchase', 'web')"
    )
    con.execute(
        "INSERT INTO kpi_targets (kpi, period_start, period_end, target) VALUES "
        # Quarters (91 days each in 2024) and a narrower March revenue target.
        "('revenue', DATE '2024-01-01', DATE '2024-03-31', 91), "
        "('revenue', DATE '2024-03-01', DATE '2024-03-31', 12), "
        "('revenue', DATE '2024-04-01', DATE '2024-06-30', 182), "
        "('retention_rate', DATE '2024-04-01', DATE '2024-06-30', 50), "
        "('retention_rate', DATE '2024-04-01', DATE '2024-04-30', 90), "
        "('nps', DATE '2024-01-01', DATE '2024-06-30', 10), "
        "('churn_rate', DATE '2024-01-01', DATE '2024-03-31', 20)"
    )


def _series(frame: pd.DataFrame, kpi_id: str, column: str = "value") -> list:
    values = frame.loc[frame["kpi"] == kpi_id, column].tolist()
    return [None if isinstance(v, float) and math.isnan(v) else v for v in values]


def test_month_windows_end_on_the_last_day_given():
    assert month_windows(D(2024, 1, 15), 3) == [
        (D(2023, 11, 1), D(2023, 11, 30)),
        (D(2023, 12, 1), D(2023, 12, 31)),
        (D(2024, 1, 1), D(2024, 1, 15)),
    ]


def test_monthly_order_kpis_by_hand(con):
    _fixture(con)
    ids = ("revenue", "orders", "aov", "active_customers", "repeat_purchase_rate")
    frame = monthly_kpis(con, ids, END, Filters(), months=3)
    assert list(frame.columns) == ["kpi", "month", "days", "value", "target", "status"]
    assert len(frame) == 3 * len(ids)
    revenue = frame[frame["kpi"] == "revenue"]
    assert [m.strftime("%Y-%m") for m in revenue["month"]] == ["2024-02", "2024-03", "2024-04"]
    assert list(revenue["days"]) == [29, 31, 20]
    assert _series(frame, "revenue") == [3.0, 15.0, 27.0]
    assert _series(frame, "orders") == [1.0, 2.0, 2.0]
    assert _series(frame, "aov") == [3.0, 7.5, 13.5]
    assert _series(frame, "active_customers") == [1.0, 1.0, 2.0]
    assert _series(frame, "repeat_purchase_rate") == [0.0, 100.0, 0.0]


def test_monthly_customer_kpis_by_hand(con):
    _fixture(con)
    ids = ("new_customers", "referral_rate", "churn_rate", "retention_rate", "cac", "romi")
    frame = monthly_kpis(con, ids, END, Filters(), months=3)
    assert _series(frame, "new_customers") == [1.0, 1.0, 0.0]
    assert _series(frame, "referral_rate") == [100.0, 0.0, None]
    # March's previous period is Jan 30 - Feb 29: c2 ordered then, not in March.
    # April 1-20's previous period is Mar 12-31: c1 ordered then and again on Apr 2.
    assert _series(frame, "churn_rate") == [None, 100.0, 0.0]
    assert _series(frame, "retention_rate") == [None, 0.0, 100.0]
    # February: no spend for one new customer costs 0; April has no new customer.
    assert _series(frame, "cac") == [0.0, 100.0, None]
    assert _series(frame, "romi") == [None, -90.0, None]


def test_monthly_service_feedback_and_conversion_by_hand(con):
    _fixture(con)
    ids = ("nps", "csat", "ces", "fcr", "avg_resolution_hours", "same_day_resolution_rate")
    frame = monthly_kpis(con, (*ids, "conversion_rate"), END, Filters(), months=3)
    assert _series(frame, "nps") == [None, 0.0, 0.0]
    assert _series(frame, "csat") == [None, 50.0, None]
    assert _series(frame, "ces") == [None, 3.0, None]
    assert _series(frame, "fcr") == [None, 50.0, 0.0]
    assert _series(frame, "avg_resolution_hours") == [None, 1.75, None]
    assert _series(frame, "same_day_resolution_rate") == [None, 50.0, 0.0]
    assert _series(frame, "conversion_rate") == [None, 50.0, None]


def test_a_full_month_matches_the_kpi_engine(con):
    _fixture(con)
    frame = monthly_kpis(con, MONTHLY_KPIS, D(2024, 3, 31), Filters(), months=1)
    engine = kpi_values(con, Period(D(2024, 3, 1), D(2024, 3, 31)))
    for kpi_id in MONTHLY_KPIS:
        (value,) = _series(frame, kpi_id)
        assert value == pytest.approx(engine[kpi_id]), kpi_id


def test_filters_select_rows_first(con):
    _fixture(con)
    web = monthly_kpis(con, ("revenue",), END, Filters(channels=("web",)), months=3)
    assert _series(web, "revenue") == [3.0, 10.0, 27.0]
    vip = monthly_kpis(con, ("revenue", "cac"), END, Filters(segments=("VIP",)), months=3)
    assert _series(vip, "revenue") == [3.0, 0.0, 7.0]
    # Campaign spend has no segment: cac is "no data" under a segment filter.
    assert _series(vip, "cac") == [None, None, None]


def test_targets_are_made_comparable_with_a_month(con):
    _fixture(con)
    ids = ("revenue", "retention_rate", "churn_rate", "nps")
    frame = monthly_kpis(con, ids, END, Filters(), months=3)
    # Revenue: a quarter's target spread over its 91 days; March's own target is narrower.
    assert _series(frame, "revenue", "target") == [pytest.approx(29.0), 12.0, pytest.approx(40.0)]
    assert _series(frame, "revenue", "status") == ["off_target", "on_target", "off_target"]
    # Retention depends on the period's length: only the month-long April target applies.
    assert _series(frame, "retention_rate", "target") == [None, None, 90.0]
    assert _series(frame, "retention_rate", "status") == [None, None, "on_target"]
    assert _series(frame, "churn_rate", "target") == [None, None, None]
    # Shares and means take the target as set; nps 0 is off a target of 10.
    assert _series(frame, "nps", "target") == [10.0, 10.0, 10.0]
    assert _series(frame, "nps", "status") == [None, "off_target", "off_target"]


def test_empty_tables_give_every_month_with_zero_counts(con):
    frame = monthly_kpis(con, ("revenue", "nps", "retention_rate"), END, Filters(), months=3)
    assert len(frame) == 9
    assert _series(frame, "revenue") == [0.0, 0.0, 0.0]
    assert _series(frame, "nps") == [None, None, None]
    assert frame["target"].isna().all()
    assert frame["status"].isna().all()


def test_no_kpis_give_an_empty_frame_and_unknown_ones_raise(con):
    empty = monthly_kpis(con, (), END, Filters())
    assert empty.empty
    assert list(empty.columns) == ["kpi", "month", "days", "value", "target", "status"]
    with pytest.raises(KeyError):
        monthly_kpis(con, ("arpc_12m",), END, Filters())


def test_scorecard_and_lifecycle_headlines(con):
    _fixture(con)
    card = scorecard(kpi_results(con, Period(D(2024, 3, 1), D(2024, 3, 31))))
    assert len(card) == 20
    revenue = card.set_index("kpi").loc["revenue"]
    assert (revenue["value"], revenue["target"], revenue["status"]) == (15.0, 12.0, "on_target")
    assert revenue["stage"] == "conversion"
    # churn 100% against a target of 20%: lower is better, so off target.
    assert card.set_index("kpi").loc["churn_rate", "status"] == "off_target"
    assert pd.isna(card.set_index("kpi").loc["orders", "status"])

    headlines = lifecycle_headlines(card)
    assert list(headlines["stage"]) == list(HEADLINES)
    assert list(headlines["kpi"]) == list(HEADLINES.values())
    conversion = headlines.set_index("stage").loc["conversion"]
    assert (conversion["on_target"], conversion["with_target"]) == (1, 1)


def test_scorecard_of_nothing_has_its_columns():
    card = scorecard([])
    assert card.empty and "status" in card.columns
    assert lifecycle_headlines(card).empty
