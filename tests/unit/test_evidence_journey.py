"""Step 2 evidence: the journey by stage, channel and device, segments, journey notes."""

import datetime as dt
import math

import pandas as pd
import pytest

from cxdash.evidence.journey import (
    device_mix,
    funnel,
    gap_summary,
    notes_in_journey_order,
    segment_profile,
    stage_channel,
    touchpoint_gaps,
    weakest_step,
)
from cxdash.filters import Filters
from cxdash.period import Period
from cxdash.schema import STAGES

PERIOD = Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31))


@pytest.fixture
def data(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) VALUES "
        "('c1', DATE '2023-01-01', 'VIP'), ('c2', DATE '2023-01-01', 'Retail'),"
        "('c3', DATE '2023-01-01', 'Retail')"
    )
    con.execute(
        "INSERT INTO touchpoints (event_id, customer_id, ts, stage, channel, device) VALUES "
        "('e1', 'c1', TIMESTAMP '2024-01-01 00:00', 'awareness', 'social', 'mobile'),"
        "('e2', 'c1', TIMESTAMP '2024-01-02 10:00', 'awareness', 'social', 'mobile'),"
        "('e3', 'c2', TIMESTAMP '2024-01-03 10:00', 'awareness', 'web', 'desktop'),"
        "('e4', 'c3', TIMESTAMP '2024-01-04 10:00', 'awareness', 'store', NULL),"
        "('e5', 'c1', TIMESTAMP '2024-01-05 10:00', 'consideration', 'web', ''),"
        "('e6', 'c2', TIMESTAMP '2024-01-06 10:00', 'consideration', 'web', 'desktop'),"
        "('e7', 'c1', TIMESTAMP '2024-01-31 23:59', 'purchase', 'store', NULL),"
        "('e8', 'c1', TIMESTAMP '2024-01-20 10:00', 'loyalty', 'social', 'mobile'),"
        "('e9', 'c2', TIMESTAMP '2024-02-01 00:00', 'purchase', 'web', 'desktop'),"  # after
        "('e10', 'c3', TIMESTAMP '2023-12-31 23:59', 'purchase', 'web', 'desktop')"  # before
    )
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES "
        "('o1', 'c1', DATE '2024-01-10', 500, 'store'),"
        "('o2', 'c1', DATE '2024-01-11', 100, 'web'),"
        "('o3', 'c2', DATE '2024-01-12', 40, 'web'),"
        "('o4', 'c3', DATE '2024-01-31', 60, 'web'),"
        "('o5', 'cx', DATE '2024-01-15', 7, 'web'),"  # a customer missing from customers
        "('o6', 'c3', DATE '2024-02-01', 999, 'web')"  # after the period
    )
    con.execute(
        "INSERT INTO surveys (response_id, customer_id, responded_at, nps) VALUES "
        "('s1', 'c1', TIMESTAMP '2024-01-05 10:00', 10),"
        "('s2', 'c2', TIMESTAMP '2024-01-05 10:00', 2),"
        "('s3', 'c3', TIMESTAMP '2024-01-05 10:00', 9),"
        "('s4', NULL, TIMESTAMP '2024-01-06 10:00', 8)"
    )
    return con


def test_stage_channel_counts_customers_and_touchpoints_per_cell(data):
    cells = stage_channel(data, PERIOD, Filters())
    assert list(cells.columns) == ["stage", "channel", "customers", "touchpoints"]
    rows = {(r.stage, r.channel): (r.customers, r.touchpoints) for r in cells.itertuples()}
    assert rows == {
        ("awareness", "social"): (1, 2),
        ("awareness", "store"): (1, 1),
        ("awareness", "web"): (1, 1),
        ("consideration", "web"): (2, 2),
        ("purchase", "store"): (1, 1),  # 23:59 on the last day is in; e9, e10 are out
        ("loyalty", "social"): (1, 1),
    }
    assert list(dict.fromkeys(cells["stage"])) == [
        "awareness",
        "consideration",
        "purchase",
        "loyalty",
    ]


def test_stage_channel_applies_the_filters(data):
    cells = stage_channel(data, PERIOD, Filters(segments=("Retail",), channels=("web",)))
    assert list(zip(cells["stage"], cells["customers"], strict=True)) == [
        ("awareness", 1),
        ("consideration", 1),
    ]


def test_touchpoint_gaps_cross_every_stage_with_every_channel_seen(data):
    gaps = touchpoint_gaps(stage_channel(data, PERIOD, Filters()), thin_share=30.0)
    found = {(r.stage, r.channel): r.gap for r in gaps.itertuples()}
    # Awareness: social 2, store 1, web 1 of 4 touchpoints -> store and web are 25% (thin).
    assert found[("awareness", "store")] == "thin" and found[("awareness", "web")] == "thin"
    assert ("awareness", "social") not in found
    assert found[("service", "web")] == "missing"  # no service touchpoints at all
    assert len(gaps) == 6 * 3 - 6 + 2  # 18 cells, 6 carry their stage, 2 of those are thin
    share = gaps.set_index(["stage", "channel"])["share_of_stage"]
    assert share[("awareness", "web")] == 25.0 and share[("service", "web")] == 0.0


def test_gap_summary_has_one_row_per_stage_with_gaps(data):
    gaps = touchpoint_gaps(stage_channel(data, PERIOD, Filters()), thin_share=30.0)
    summary = gap_summary(gaps).set_index("stage")
    assert summary.loc["awareness", "missing"] == ""
    assert summary.loc["awareness", "thin"] == "store (25.0%), web (25.0%)"
    assert summary.loc["service", "missing"] == "social, store, web"
    assert list(summary.index) == list(STAGES)


def test_gaps_of_no_touchpoints_are_empty(con):
    gaps = touchpoint_gaps(stage_channel(con, PERIOD, Filters()))
    assert gaps.empty and list(gaps.columns)[-1] == "gap"
    assert gap_summary(gaps).empty


def test_funnel_counts_customers_per_stage_against_where_they_come_from(data):
    frame = funnel(data, PERIOD, Filters())
    assert list(frame["stage"]) == list(STAGES)
    assert list(frame["customers"]) == [3, 2, 1, 0, 1, 0]
    assert list(frame["previous_stage"]) == [
        None,
        "awareness",
        "consideration",
        "purchase",
        "purchase",  # loyalty follows purchase: service is a side path
        "loyalty",
    ]
    pct = frame["pct_of_previous"]
    assert math.isnan(pct[0]) and pct[1] == pytest.approx(200 / 3) and pct[2] == 50.0
    assert pct[3] == 0.0 and pct[4] == 100.0 and pct[5] == 0.0
    assert frame["pct_of_first"][2] == pytest.approx(100 / 3)


def test_weakest_step_leaves_out_service(data):
    frame = funnel(data, PERIOD, Filters())
    assert weakest_step(frame) == {"from": "loyalty", "to": "advocacy", "pct": 0.0}
    assert weakest_step(frame, skip=("service", "advocacy"))["to"] == "purchase"


def test_funnel_on_an_empty_database(con):
    frame = funnel(con, PERIOD, Filters())
    assert list(frame["customers"]) == [0] * 6 and frame["pct_of_previous"].isna().all()
    assert weakest_step(frame) is None


def test_device_mix_shares_per_stage_with_an_unknown_bucket(data):
    mix = device_mix(data, PERIOD, Filters())
    assert list(mix.columns) == ["stage", "device", "touchpoints", "share"]
    aware = mix[mix["stage"] == "awareness"]
    assert list(aware["device"].fillna("?")) == ["desktop", "mobile", "?"]
    assert list(aware["share"]) == [25.0, 50.0, 25.0]
    consider = mix[mix["stage"] == "consideration"]  # a blank device is unknown too
    assert list(consider["device"].fillna("?")) == ["desktop", "?"]
    assert mix.groupby("stage")["share"].sum().tolist() == pytest.approx([100.0] * 4)


def test_device_mix_on_an_empty_database(con):
    assert device_mix(con, PERIOD, Filters()).empty


def test_segment_profile_per_segment(data):
    profile = segment_profile(data, PERIOD, Filters())
    assert list(profile.columns) == [
        "segment",
        "customers",
        "orders",
        "revenue",
        "nps",
        "nps_responses",
    ]
    assert list(profile["segment"].fillna("?")) == ["VIP", "Retail", "?"]
    rows = profile.set_index(profile["segment"].fillna("?"))
    assert rows.loc["VIP", "revenue"] == 600.0 and rows.loc["VIP", "orders"] == 2
    assert rows.loc["Retail", "customers"] == 2 and rows.loc["Retail", "revenue"] == 100.0
    assert rows.loc["Retail", "nps"] == 0.0  # one promoter, one detractor
    # The unknown bucket: order o5 of cx and the anonymous passive response s4.
    assert rows.loc["?", "revenue"] == 7.0 and rows.loc["?", "nps"] == 0.0


def test_segment_profile_applies_the_filters(data):
    profile = segment_profile(data, PERIOD, Filters(segments=("Retail",), channels=("web",)))
    assert list(profile["segment"]) == ["Retail"]
    assert profile["revenue"][0] == 100.0
    assert math.isnan(profile["nps"][0])  # the surveys carry no channel


def test_segment_profile_on_an_empty_database(con):
    profile = segment_profile(con, PERIOD, Filters())
    assert profile.empty and "nps" in profile.columns


def test_notes_come_one_per_stage_in_journey_order():
    notes = pd.DataFrame(
        {
            "stage": ["service", "awareness"],
            "customer_goal": ["Solve it today", "  "],
            "pain_points": [None, "Too many ads"],
            "opportunities": ["Chat", None],
        }
    )
    frame = notes_in_journey_order(notes)
    assert list(frame["stage"]) == list(STAGES)
    assert frame.loc[0, "customer_goal"] is None  # blank text is no text
    assert frame.loc[0, "pain_points"] == "Too many ads"
    assert frame.loc[3, "customer_goal"] == "Solve it today"
    assert frame.loc[1].drop("stage").isna().all()
