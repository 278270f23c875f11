"""order_facts gives the orders KPIs of orders.sql exactly, and is read only while it is current."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from cxdash import series, store
from cxdash.demo import build
from cxdash.evidence import (
    feedback,
    follow_ups,
    insights,
    journey,
    orientation,
    rfm,
    scorecard,
    service,
)
from cxdash.filters import Filters
from cxdash.kpis import cohort_frame, engine, facts, kpi_values
from cxdash.kpis.sql import fetch
from cxdash.period import Period
from tests.processes import cxdash

# The small demo's orders run from 2023-10-01 to 2026-09-30.
PERIODS = [
    Period(dt.date(2026, 7, 3), dt.date(2026, 9, 30)),  # the default: 90 days to the last order
    Period(dt.date(2026, 9, 30), dt.date(2026, 9, 30)),  # one day
    Period(dt.date(2025, 2, 10), dt.date(2025, 5, 1)),
    Period(dt.date(2023, 9, 1), dt.date(2023, 11, 30)),  # starts before the first order
    Period(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),  # longer than the trailing year
    # after the last order: no orders, but a trailing year that still holds some
    Period(dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
    Period(dt.date(2023, 1, 1), dt.date(2023, 6, 30)),  # before the first order
]
FILTERS = [
    Filters(),
    Filters(channels=("web",)),
    Filters(segments=("VIP",)),
    Filters(regions=("Tashkent",)),
    Filters(segments=("Retail", "SMB"), channels=("store",)),
    Filters(segments=("no such segment",)),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "small.duckdb"
    with store.connect(path) as con:
        build(con, scale="small", seed=5)
    con = store.connect(path, read_only=True)
    yield con
    con.close()


def _both(con, period: Period, filters: Filters, group: str = "orders"):
    bounds = engine._bounds(period)
    by_rows = fetch(con, group, filters, bounds)
    table = facts.ORDERS if group == "orders" else facts.TOUCHPOINTS
    by_facts = fetch(con, f"{group}_from_facts", filters, bounds, facts.columns(table, filters))

    def key(row):
        return row["period"]

    return sorted(by_rows, key=key), sorted(by_facts, key=key)


def _assert_same_rows(found: list[dict], expected: list[dict]) -> None:
    """KPI rows equal per period: texts and None exactly, numbers to 1e-9."""
    by_period = sorted(found, key=lambda r: r["period"])
    for row, want in zip(by_period, sorted(expected, key=lambda r: r["period"]), strict=True):
        assert row.keys() == want.keys()
        for column, value in want.items():
            if value is None or isinstance(value, str):
                assert row[column] == value, column
            else:
                assert row[column] == pytest.approx(value, rel=1e-9), column


def test_the_demo_is_built_with_current_facts(demo):
    for table in facts.TABLES:
        assert facts.is_current(demo, table)
        assert all(facts.usable(demo, f, table) for f in FILTERS)


@pytest.mark.parametrize("group", ["orders", "touchpoints"])
@pytest.mark.parametrize("period", PERIODS, ids=str)
@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_facts_give_the_numbers_of_grouping_by_customer(demo, period, filters, group):
    by_rows, by_facts = _both(demo, period, filters, group)
    assert [r["period"] for r in by_facts] == ["current", "previous"]
    _assert_same_rows(by_facts, by_rows)


def test_the_comparison_sees_real_customers(demo):
    """The grid above compares non-trivial numbers: customers, repeaters, churn and referrals."""
    values = kpi_values(demo, PERIODS[0], Filters())
    assert values["active_customers"] > 100
    assert 0 < values["repeat_purchase_rate"] < 100
    assert 0 < values["churn_rate"] < 100
    assert values["new_customers"] > 0 and values["referral_rate"] > 0
    assert 0 < values["conversion_rate"] < 100


def test_ties_on_a_day_count_one_customer_twice_ordered(con):
    con.execute("""
        INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES
            ('a', 'c1', '2024-04-10', 10, 'web'),
            ('b', 'c1', '2024-04-10', 20, 'web'),
            ('c', 'c2', '2024-03-31', 30, 'web'),
            ('d', 'c2', '2024-03-31', 40, 'store')
    """)
    facts.refresh(con)
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    values = kpi_values(con, april, Filters())
    assert values["active_customers"] == 1 and values["new_customers"] == 1
    assert values["repeat_purchase_rate"] == 100.0
    # c2 ordered twice on the previous period's last day and never again: one churned customer
    assert values["churn_rate"] == 100.0
    assert kpi_values(con, april, Filters(channels=("store",)))["churn_rate"] == 100.0


def test_facts_are_not_read_once_orders_change_outside_a_load(con):
    con.execute("INSERT INTO orders VALUES ('o1', 'c1', '2024-04-02', 10, 'web', NULL, NULL)")
    assert not facts.is_current(con)  # never built
    facts.refresh(con)
    assert facts.is_current(con)
    con.execute("INSERT INTO orders VALUES ('o2', 'c2', '2024-04-03', 10, 'web', NULL, NULL)")
    assert not facts.is_current(con)
    # the KPIs still count the new order, through the orders themselves
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert kpi_values(con, april, Filters())["active_customers"] == 2
    assert facts.refresh_if_stale(con) is not None
    assert facts.refresh_if_stale(con) is None  # current again: nothing to do


def test_a_customers_change_outdates_the_facts(con):
    con.execute("INSERT INTO orders VALUES ('o1', 'c1', '2024-04-02', 10, 'web', NULL, NULL)")
    facts.refresh(con)
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) "
        "VALUES ('c1', '2024-01-01', 'VIP')"
    )
    assert not facts.is_current(con)
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert kpi_values(con, april, Filters(segments=("VIP",)))["orders"] == 1


def test_two_channels_take_the_long_way(con):
    facts.refresh(con)
    assert facts.usable(con, Filters(channels=("web",)))
    assert not facts.usable(con, Filters(channels=("web", "store")))


def test_loads_and_undos_through_the_command_line_keep_the_facts_current(db_path, tmp_path):
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "order_id,customer_id,order_date,amount\no1,c1,2024-04-02,10\no2,c1,2024-04-20,15\n",
        encoding="utf-8",
    )
    assert cxdash("load", str(orders), "--dataset", "orders", "--db", str(db_path)).returncode == 0
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    with store.connect(db_path, read_only=True) as con:
        assert facts.is_current(con)
        assert kpi_values(con, april, Filters())["repeat_purchase_rate"] == 100.0
    assert cxdash("undo", "--dataset", "orders", "--db", str(db_path)).returncode == 0
    with store.connect(db_path, read_only=True) as con:
        assert facts.is_current(con)
        assert kpi_values(con, april, Filters())["orders"] == 0


@pytest.mark.parametrize(
    "filters",
    [
        *FILTERS,
        Filters(channels=("web", "store")),
        Filters(segments=("VIP",), regions=("Tashkent",)),
    ],
    ids=repr,
)
@pytest.mark.parametrize("end", [dt.date(2026, 9, 30), dt.date(2025, 3, 17)], ids=str)
def test_monthly_order_sums_from_order_days_equal_summing_the_orders(
    demo, monkeypatch, filters, end
):
    """order_days answers any filter, two channels too, with the numbers of the orders."""
    kpis = ("revenue", "aov", "romi")
    found = (
        series.monthly_revenue(demo, end, filters, months=30),
        orientation.mobile_share(demo, end, filters, months=30),
        scorecard.monthly_values(demo, kpis, end, filters, months=30),
    )
    monkeypatch.setattr(facts, "is_current", lambda *args: False)
    by_rows = (
        series.monthly_revenue(demo, end, filters, months=30),
        orientation.mobile_share(demo, end, filters, months=30),
        scorecard.monthly_values(demo, kpis, end, filters, months=30),
    )
    for from_days, from_orders in zip(found, by_rows, strict=True):
        pd.testing.assert_frame_equal(from_days, from_orders, rtol=1e-9)
    revenue, mobile, _ = found
    # not a comparison of empty months
    assert (revenue["orders"] > 0).sum() >= 12 or filters.segments == ("no such segment",)
    assert (
        mobile["mobile_orders"].sum() > 0
        or filters.channels == ("store",)
        or (filters.segments == ("no such segment",))
    )


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("end", [dt.date(2026, 9, 30), dt.date(2025, 3, 17)], ids=str)
def test_monthly_customer_counts_from_facts_equal_grouping_the_orders(
    demo, monkeypatch, filters, end
):
    kpis = (
        "active_customers",
        "repeat_purchase_rate",
        "new_customers",
        "referral_rate",
        "churn_rate",
        "conversion_rate",
    )
    from_facts = scorecard.monthly_values(demo, kpis, end, filters, months=18)
    monkeypatch.setattr(facts, "usable", lambda *args: False)
    by_rows = scorecard.monthly_values(demo, kpis, end, filters, months=18)
    pd.testing.assert_frame_equal(from_facts, by_rows, rtol=1e-9)
    # not a comparison of empty months
    assert from_facts.loc[from_facts["kpi"] == "churn_rate", "value"].notna().sum() >= 12 or (
        filters.segments == ("no such segment",)
    )


def test_a_purchase_on_the_day_of_awareness_or_around_it_converts(con):
    con.execute("""
        INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel) VALUES
            ('e1', 'c1', '2024-04-05 18:00', 'purchase',  'web'),
            ('e2', 'c1', '2024-04-05 09:00', 'awareness', 'web'),
            ('e3', 'c2', '2024-04-02 10:00', 'purchase',  'web'),
            ('e4', 'c2', '2024-04-20 10:00', 'awareness', 'web'),
            ('e5', 'c3', '2024-03-30 10:00', 'purchase',  'store'),
            ('e6', 'c3', '2024-04-03 10:00', 'awareness', 'web'),
            ('e7', 'c3', '2024-04-09 10:00', 'awareness', 'web'),
            ('e8', 'c3', '2024-05-01 10:00', 'purchase',  'web')
    """)
    facts.refresh(con, facts.TOUCHPOINTS)
    assert facts.usable(con, Filters(), facts.TOUCHPOINTS)
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    # c1 same day, c2 earlier in April; c3's purchases fall outside April: 2 of 3
    assert kpi_values(con, april, Filters())["conversion_rate"] == pytest.approx(200 / 3)
    # on the web only: c1 and c2 convert, c3's March purchase was in the store anyway
    assert kpi_values(con, april, Filters(channels=("web",)))["conversion_rate"] == pytest.approx(
        200 / 3
    )
    assert kpi_values(con, april, Filters(channels=("store",)))["conversion_rate"] is None


@pytest.mark.parametrize("filters", [*FILTERS, Filters(channels=("web", "store"))], ids=repr)
@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_orders_by_intent_from_the_rollup_equal_matching_each_order(
    demo, monkeypatch, period, filters
):
    """order_intents is built with the lookback the insights use: the same orders per intent."""
    found = insights.orders_by_intent(demo, period, filters)
    monkeypatch.setattr(facts, "is_current", lambda *args: False)
    by_rows = insights.orders_by_intent(demo, period, filters)
    pd.testing.assert_frame_equal(found, by_rows, rtol=1e-9)


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_orders_by_campaign_from_facts_equal_looking_up_the_customers(
    demo, monkeypatch, period, filters
):
    found = insights.orders_by_campaign(demo, period, filters)
    monkeypatch.setattr(facts, "is_current", lambda *args: False)
    pd.testing.assert_frame_equal(found, insights.orders_by_campaign(demo, period, filters))


def test_the_campaign_comparison_sees_every_kind_under_a_segment(demo):
    found = insights.orders_by_campaign(demo, PERIODS[0], Filters(segments=("VIP",)))
    assert set(found["kind"]) == {insights.CAMPAIGN, insights.OTHER, insights.NONE}


def test_the_intent_comparison_sees_intents_near_the_lookback_edge(demo):
    found = insights.orders_by_intent(demo, PERIODS[0], Filters())
    known, total = insights.intent_coverage(found)
    assert 0 < known < total
    # a day less of lookback matches fewer orders: the rollup's 7 days are tested, not any number
    shorter = insights.orders_by_intent(
        demo, PERIODS[0], Filters(), insights.INTENT_LOOKBACK_DAYS - 1
    )
    assert insights.intent_coverage(shorter)[0] < known


BY_CUSTOMER = [
    Filters(segments=("VIP",)),
    Filters(regions=("Tashkent",)),
    Filters(segments=("Retail", "SMB"), channels=("chat",)),
    Filters(segments=("no such segment",)),
]


@pytest.mark.parametrize("filters", BY_CUSTOMER, ids=repr)
@pytest.mark.parametrize("period", PERIODS[:3], ids=str)
def test_tickets_and_surveys_with_segment_give_the_numbers_of_the_customers_lookup(
    demo, monkeypatch, period, filters
):
    """Under a segment or region filter they are read from their copies; same numbers."""
    assert set(facts.copies(demo, filters)) == {"tickets", "surveys"}
    bounds = engine._bounds(period)

    def everything():
        return (
            [
                fetch(demo, g, filters, bounds, None, facts.copies(demo, filters))
                for g in ("tickets", "surveys")
            ],
            service.tickets_by_month(demo, period.end, filters),
            service.resolution_times(demo, period, filters),
            service.resolution_rates(demo, period, filters),
            service.open_backlog(demo, period.end, filters),
            feedback.nps_monthly(demo, period.end, filters),
            feedback.nps_split(demo, period, filters),
            feedback.search_comments(demo, period, filters, "e"),
            orientation.contact_share(demo, period.end, filters),
            scorecard.monthly_values(demo, ("nps", "csat", "fcr"), period.end, filters, months=12),
        )

    from_copies = everything()
    monkeypatch.setattr(facts, "is_current", lambda *args: False)
    assert facts.copies(demo, filters) == {}
    from_lookup = everything()
    for rows, expected_rows in zip(from_copies[0], from_lookup[0], strict=True):
        _assert_same_rows(rows, expected_rows)
    for found, expected in zip(from_copies[1:], from_lookup[1:], strict=True):
        pd.testing.assert_frame_equal(found, expected, rtol=1e-9)
    if filters.segments == ("VIP",):  # not a comparison of nothing
        assert from_copies[0][0][0]["tickets"] > 0 and from_copies[5]["nps"].notna().any()


def test_without_a_segment_or_region_tickets_and_surveys_are_read_as_they_are(demo):
    assert facts.copies(demo, Filters(channels=("web",))) == {}
    assert facts.rows(demo, "tickets", Filters(), "tk") == ("tickets", "TRUE", {})


@pytest.mark.parametrize("days", [7, *follow_ups.FOLLOW_UP_DAYS])
@pytest.mark.parametrize("filters", [*FILTERS, Filters(channels=("web", "store"))], ids=repr)
@pytest.mark.parametrize("period", PERIODS[:5], ids=str)
def test_follow_ups_from_the_rollup_equal_joining_the_events(
    demo, monkeypatch, period, filters, days
):
    found = follow_ups.follow_ups(demo, period, filters, days)
    monkeypatch.setattr(facts, "is_current", lambda *args: False)
    pd.testing.assert_frame_equal(found, follow_ups.follow_ups(demo, period, filters, days))
    if filters == Filters() and period == PERIODS[0]:  # not a comparison of nothing
        assert (found["followed"] > 0).all()


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_cohorts_and_rfm_from_facts_equal_grouping_the_orders(demo, monkeypatch, period, filters):
    cohorts = cohort_frame(demo, period, filters)
    segments = rfm.rfm_segments(demo, period, filters)
    monkeypatch.setattr(facts, "usable", lambda *args: False)
    pd.testing.assert_frame_equal(cohorts, cohort_frame(demo, period, filters))
    pd.testing.assert_frame_equal(segments, rfm.rfm_segments(demo, period, filters), rtol=1e-9)


def test_the_cohort_and_rfm_comparison_sees_real_rows(demo):
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    cohorts = cohort_frame(demo, period, Filters())
    assert cohorts["cohort"].nunique() == 12 and (cohorts["retained"] > 0).sum() > 40
    assert len(rfm.rfm_segments(demo, period, Filters())) >= 6


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("period", PERIODS[:3], ids=str)
def test_segment_profile_from_facts_equals_grouping_the_orders(demo, monkeypatch, period, filters):
    found = journey.segment_profile(demo, period, filters)
    monkeypatch.setattr(facts, "usable", lambda *args: False)
    pd.testing.assert_frame_equal(found, journey.segment_profile(demo, period, filters), rtol=1e-9)
    assert filters.segments == ("no such segment",) or found["customers"].sum() > 0


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("period", PERIODS[:3], ids=str)
def test_journey_counts_from_facts_equal_grouping_the_touchpoints(
    demo, monkeypatch, period, filters
):
    cells = journey.stage_channel(demo, period, filters)
    stages = journey.funnel(demo, period, filters)
    monkeypatch.setattr(facts, "usable", lambda *args: False)
    pd.testing.assert_frame_equal(cells, journey.stage_channel(demo, period, filters))
    pd.testing.assert_frame_equal(stages, journey.funnel(demo, period, filters))
    assert filters.segments == ("no such segment",) or stages["customers"].iloc[0] > 0


def test_a_rebuild_may_use_more_memory_and_puts_the_limit_back(con):
    con.execute("SET memory_limit = '100MB'")  # shown as 95.3 MiB
    facts.refresh(con)
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "96.0 MiB"
    facts.refresh(con)  # and stays there
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "96.0 MiB"
    con.execute("SET memory_limit = '4GB'")  # above the rebuild's: left alone
    facts.refresh(con)
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "3.7 GiB"


def test_a_block_of_reads_checks_every_fact_table_once_and_keeps_the_answer(con):
    con.execute("INSERT INTO orders VALUES ('o1', 'c1', '2024-04-02', 10, 'web', NULL, NULL)")
    facts.refresh(con)  # order_facts current, the other fact tables never built
    expected = {t.name: facts.is_current(con, t) for t in facts.TABLES}
    assert expected["order_facts"] and not expected["touchpoint_facts"]
    verdicts: dict[str, bool] = {}
    with facts.checks_once(verdicts):
        assert {t.name: facts.is_current(con, t) for t in facts.TABLES} == expected
    assert verdicts == expected  # all of them, from the first question
    # The answer stands for the block: whoever writes to the sources empties the dict.
    con.execute("INSERT INTO orders VALUES ('o2', 'c2', '2024-04-03', 10, 'web', NULL, NULL)")
    with facts.checks_once(verdicts):
        assert facts.is_current(con)
    verdicts.clear()
    with facts.checks_once(verdicts):
        assert not facts.is_current(con)
    assert not facts.is_current(con)  # outside a block, every question is a check
