"""Step 1 evidence: monthly KPI trends and the channel-mix shift, on hand-computed fixtures."""

import datetime as dt
import math

import pytest

from cxdash.evidence.orientation import (
    TREND_KPIS,
    contact_share,
    kpi_trends,
    mobile_share,
    month_start,
)
from cxdash.filters import Filters
from cxdash.kpis import kpi_values
from cxdash.period import Period

END = dt.date(2024, 3, 15)  # mid-month: March runs to the 15th only


@pytest.fixture
def data(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) VALUES "
        "('c1', DATE '2023-01-01', 'VIP'), ('c2', DATE '2023-01-01', 'Retail')"
    )
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel, device) VALUES "
        "('o1', 'c1', DATE '2024-01-05', 100, 'web', 'desktop'),"
        "('o2', 'c1', DATE '2024-01-20', 50, 'mobile_app', 'tablet'),"
        "('o3', 'c2', DATE '2024-01-31', 30, 'web', 'Mobile'),"
        "('o4', 'c2', DATE '2024-03-15', 20, 'store', NULL),"
        "('o5', 'c2', DATE '2024-03-16', 999, 'web', 'mobile'),"  # after the end
        "('o6', 'c1', DATE '2023-12-31', 999, 'web', 'mobile')"  # before the window
    )
    con.execute(
        "INSERT INTO surveys (response_id, customer_id, responded_at, nps, csat) VALUES "
        "('s1', 'c1', TIMESTAMP '2024-01-02 10:00', 10, 5),"
        "('s2', 'c2', TIMESTAMP '2024-01-03 10:00', 3, 2),"
        "('s3', 'c2', TIMESTAMP '2024-01-04 10:00', 9, NULL),"
        "('s4', 'c1', TIMESTAMP '2024-03-15 23:59', 8, 4),"
        "('s5', 'c1', TIMESTAMP '2024-03-16 00:00', 0, 1)"  # the day after the end
    )
    con.execute(
        "INSERT INTO tickets (ticket_id, customer_id, opened_at, resolved_at, channel, "
        "first_contact_resolution) VALUES "
        "('t1', 'c1', TIMESTAMP '2024-02-01 09:00', TIMESTAMP '2024-02-01 17:00', 'chat', TRUE),"
        "('t2', 'c2', TIMESTAMP '2024-02-02 23:00', TIMESTAMP '2024-02-03 01:00', 'social', FALSE),"
        "('t3', 'c2', TIMESTAMP '2024-02-10 09:00', NULL, 'phone', NULL),"
        "('t4', 'c1', TIMESTAMP '2024-02-11 09:00', TIMESTAMP '2024-02-11 10:00', 'social', TRUE)"
    )
    con.execute(
        "INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel) VALUES "
        "('e1', 'c1', TIMESTAMP '2024-01-01 08:00', 'awareness', 'social'),"
        "('e2', 'c1', TIMESTAMP '2024-01-09 08:00', 'purchase', 'web'),"
        "('e3', 'c2', TIMESTAMP '2024-01-02 08:00', 'awareness', 'web'),"
        "('e4', 'c2', TIMESTAMP '2024-02-02 08:00', 'purchase', 'web')"
    )
    return con


def _by_month(frame, kpi_id):
    part = frame[frame["kpi"] == kpi_id]
    return {m.strftime("%Y-%m"): v for m, v in zip(part["month"], part["value"], strict=True)}


def test_month_start_counts_calendar_months_back():
    assert month_start(dt.date(2024, 3, 15)) == dt.date(2024, 3, 1)
    assert month_start(dt.date(2024, 3, 15), 14) == dt.date(2023, 1, 1)


def test_kpi_trends_has_every_month_and_kpi_in_order(data):
    frame = kpi_trends(data, END, Filters(), ("nps", "revenue"), months=3)
    assert list(frame.columns) == ["month", "kpi", "value"]
    assert list(frame["kpi"]) == ["nps"] * 3 + ["revenue"] * 3
    assert _by_month(frame, "revenue") == {"2024-01": 180.0, "2024-02": 0.0, "2024-03": 20.0}


def test_kpi_trends_follow_the_kpi_definitions(data):
    frame = kpi_trends(data, END, Filters(), TREND_KPIS, months=3)
    assert _by_month(frame, "active_customers") == {"2024-01": 2, "2024-02": 0, "2024-03": 1}
    aov = _by_month(frame, "aov")
    assert aov["2024-01"] == pytest.approx(60.0) and math.isnan(aov["2024-02"])
    # January: promoters s1, s3; detractor s2 -> (2 - 1) / 3. March: only the passive s4.
    nps = _by_month(frame, "nps")
    assert nps["2024-01"] == pytest.approx(100 / 3) and nps["2024-03"] == 0.0
    assert math.isnan(nps["2024-02"])
    assert _by_month(frame, "csat")["2024-01"] == pytest.approx(50.0)
    # February tickets: t1 and t4 solved the same day; t2 crosses midnight; t3 is open.
    assert _by_month(frame, "same_day_resolution_rate")["2024-02"] == pytest.approx(50.0)
    assert _by_month(frame, "fcr")["2024-02"] == pytest.approx(50.0)
    # January: c1 and c2 aware, only c1 bought in the same month.
    assert _by_month(frame, "conversion_rate")["2024-01"] == pytest.approx(50.0)


@pytest.mark.parametrize(
    "start, end", [(dt.date(2024, 1, 1), dt.date(2024, 1, 31)), (dt.date(2024, 3, 1), END)]
)
def test_a_month_value_is_the_kpi_of_that_month(data, start, end):
    frame = kpi_trends(data, END, Filters(), TREND_KPIS, months=3)
    expected = kpi_values(data, Period(start, end))
    month = start.strftime("%Y-%m")
    for kpi_id in TREND_KPIS:
        got, want = _by_month(frame, kpi_id)[month], expected[kpi_id]
        if want is None:
            assert math.isnan(got), kpi_id
        else:
            assert got == pytest.approx(want), kpi_id


def test_kpi_trends_apply_the_filters(data):
    web = kpi_trends(data, END, Filters(channels=("web",)), ("revenue",), months=3)
    assert _by_month(web, "revenue") == {"2024-01": 130.0, "2024-02": 0.0, "2024-03": 0.0}
    vip = kpi_trends(data, END, Filters(segments=("VIP",)), ("revenue", "nps"), months=3)
    assert _by_month(vip, "revenue")["2024-01"] == 150.0
    assert _by_month(vip, "nps")["2024-01"] == 100.0


def test_kpi_trends_refuse_a_kpi_without_a_monthly_series(con):
    with pytest.raises(ValueError, match="churn_rate"):
        kpi_trends(con, END, Filters(), ("churn_rate",))


def test_kpi_trends_on_an_empty_database(con):
    frame = kpi_trends(con, END, Filters(), ("revenue", "nps"), months=24)
    assert len(frame) == 48
    assert (frame[frame["kpi"] == "revenue"]["value"] == 0).all()
    assert frame[frame["kpi"] == "nps"]["value"].isna().all()
    assert list(kpi_trends(con, END, Filters(), ()).columns) == ["month", "kpi", "value"]


def test_mobile_share_counts_mobile_devices_and_the_app(data):
    frame = mobile_share(data, END, Filters(), months=3)
    assert list(frame.columns) == ["month", "orders", "mobile_orders", "share"]
    # January: o2 (app on a tablet) and o3 (device "Mobile") of o1-o3.
    assert list(frame["orders"]) == [3, 0, 1]
    assert list(frame["mobile_orders"]) == [2, 0, 0]
    assert frame["share"].iloc[0] == pytest.approx(200 / 3)
    assert math.isnan(frame["share"].iloc[1]) and frame["share"].iloc[2] == 0.0


def test_mobile_share_applies_the_filters(data):
    frame = mobile_share(data, END, Filters(segments=("Retail",)), months=3)
    assert list(frame["orders"]) == [1, 0, 1] and list(frame["mobile_orders"]) == [1, 0, 0]


def test_contact_share_per_channel_and_month(data):
    frame = contact_share(data, END, Filters(), months=3)
    assert list(frame.columns) == ["month", "channel", "contacts", "tickets", "share"]
    feb = frame[frame["month"] == "2024-02-01"].set_index("channel")
    assert list(feb.index) == ["social", "chat"]
    assert feb.loc["social", "contacts"] == 2 and feb.loc["social", "tickets"] == 4
    assert feb.loc["social", "share"] == 50.0 and feb.loc["chat", "share"] == 25.0
    assert frame[frame["month"] == "2024-01-01"]["share"].isna().all()


def test_contact_share_under_a_filter(data):
    vip = contact_share(data, END, Filters(segments=("VIP",)), months=3)
    feb = vip[vip["month"] == "2024-02-01"].set_index("channel")
    assert list(feb["share"]) == [50.0, 50.0]  # c1: t1 chat, t4 social


def test_channel_mix_on_an_empty_database(con):
    contacts = contact_share(con, END, Filters(), months=2)
    assert len(contacts) == 4 and contacts["share"].isna().all()
    orders = mobile_share(con, END, Filters(), months=2)
    assert list(orders["orders"]) == [0, 0] and orders["share"].isna().all()
