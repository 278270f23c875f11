"""Step 6 order figures: built from their evidence frames, words passed in, channel colours kept."""

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from cxdash.charts import insights_views as views
from cxdash.charts.insights import (
    campaign_bars,
    follow_up_bars,
    intent_device_bars,
    owner_bars,
)
from cxdash.charts.palette import DEVICE_COLORS, HIGHLIGHT, MUTED, channel_color
from cxdash.charts.retention import cohort_heatmap, rfm_bars
from cxdash.charts.text import plain
from cxdash.i18n import t
from cxdash.period import Period

CAMPAIGNS = pd.DataFrame(
    {
        "kind": ["campaign", "campaign", "campaign", "other", "none"],
        "campaign_id": ["K1", "K2", "K3", None, None],
        "campaign": [
            "Spring push on the web and more words",
            "Mall <b>pop-up</b>",
            "K3",
            None,
            None,
        ],
        "channel": ["web", "store", None, None, None],
        "campaigns": [1, 1, 1, 4, 0],
        "orders": [5, 3, 1, 9, 80],
        "revenue": [500.0, 300.0, 100.0, 400.0, 8700.0],
        "revenue_share": [5.0, 3.0, 1.0, 4.0, 87.0],
    }
)


def _campaigns(frame=CAMPAIGNS):
    return campaign_bars(
        frame,
        title="Revenue by campaign",
        revenue_label="Revenue (UZS)",
        orders_label="Orders",
        share_label="Share",
        other_note="{count} others: {orders} orders, {share}",
        none_note="None: {orders} orders, {share}",
        unknown_channel="no channel",
    )


def test_campaign_bars_colour_each_campaign_by_its_channel():
    fig = _campaigns()
    assert isinstance(fig, go.Figure) and all(isinstance(tr, go.Bar) for tr in fig.data)
    by_name = {tr.name: tr for tr in fig.data}
    assert set(by_name) == {"web", "store", "no channel"}
    assert by_name["web"].marker.color == channel_color("web")
    assert by_name["no channel"].marker.color == MUTED
    assert list(by_name["store"].x) == [300.0]
    # The largest on top: the category order runs from the smallest up.
    order = list(fig.layout.yaxis.categoryarray)
    assert order[0] == "K3" and order[-1].startswith("Spring push")
    assert "<br>" in order[-1]  # a long name takes two lines
    assert all(tr.hovertemplate for tr in fig.data)


def test_campaign_bars_sum_up_the_rest_under_the_title():
    fig = _campaigns()
    assert fig.layout.title.text == "Revenue by campaign"
    assert fig.layout.title.subtitle.text == "4 others: 9 orders, 4.0%<br>None: 80 orders, 87%"
    assert fig.layout.xaxis.title.text == "Revenue (UZS)"


def test_campaign_names_are_shown_as_typed():
    fig = _campaigns()
    labels = [y for tr in fig.data for y in tr.y]
    assert "Mall &lt;b&gt;pop-up&lt;/b&gt;" in labels
    assert plain("a & <i>") == "a &amp; &lt;i&gt;"


def test_campaign_bars_on_no_orders_draw_nothing():
    fig = _campaigns(CAMPAIGNS.iloc[:0])
    assert fig.data == () and fig.layout.title.subtitle.text is None


INTENTS = pd.DataFrame(
    {
        "intent": ["buy", "buy", "browse", "browse", None],
        "device": ["mobile", None, "desktop", "mobile", "mobile"],
        "orders": [10, 4, 2, 3, 50],
        "revenue": [100.0, 40.0, 20.0, 30.0, 500.0],
    }
)


def test_intent_device_bars_stack_devices_and_leave_unknown_intent_out():
    fig = intent_device_bars(
        INTENTS,
        title="Orders by intent",
        orders_label="Orders",
        revenue_label="Revenue",
        intent_label="Intent",
        unknown_device="unknown",
    )
    assert fig.layout.barmode == "stack" and fig.layout.title.text == "Orders by intent"
    by_name = {tr.name: tr for tr in fig.data}
    assert list(by_name) == ["desktop", "mobile", "unknown"]
    assert list(by_name["mobile"].x) == ["buy", "browse"] and list(by_name["mobile"].y) == [10, 3]
    assert by_name["mobile"].marker.color == DEVICE_COLORS["mobile"]
    assert by_name["unknown"].marker.color == MUTED
    assert list(fig.layout.xaxis.categoryarray) == ["buy", "browse"]  # most orders first
    assert sum(sum(tr.y) for tr in fig.data) == 19  # the 50 without an intent are not drawn


FOLLOW = pd.DataFrame(
    {
        "event": ["repeat_order", "ticket", "survey", "referral"],
        "orders": [10] * 4,
        "followed": [4, 1, 0, 0],
        "share": [40.0, 10.0, 0.0, np.nan],
        "complete": [8] * 4,
    }
)
EVENTS = {"repeat_order": "Repeat", "ticket": "Ticket", "survey": "Survey", "referral": "Referral"}


def test_follow_up_bars_label_shares_and_missing_data():
    fig = follow_up_bars(
        FOLLOW,
        title="Within 30 days",
        event_labels=EVENTS,
        share_label="Share (%)",
        followed_label="Followed",
        no_data="no data",
    )
    bar = fig.data[0]
    assert list(bar.y) == ["Repeat", "Ticket", "Survey", "Referral"]
    assert list(bar.x) == [40.0, 10.0, 0.0, 0.0]
    assert list(bar.text) == ["40.0%", "10.0%", "0.0%", "no data"]
    assert bar.marker.color == HIGHLIGHT and fig.layout.xaxis.title.text == "Share (%)"
    assert fig.layout.title.text == "Within 30 days"


COHORTS = pd.DataFrame(
    {
        "cohort": ["2024-05", "2024-05", "2024-06"],
        "k": [0, 1, 0],
        "customers": [4, 4, 2],
        "retained": [4, 1, 2],
        "rate": [100.0, 25.0, 100.0],
    }
)


def test_cohort_heatmap_on_a_fixed_scale_with_values_in_cells():
    fig = cohort_heatmap(
        COHORTS,
        title="Retention",
        k_label="k",
        cohort_label="Cohort",
        rate_label="Retained",
        customers_label="customers",
    )
    heat = fig.data[0]
    assert isinstance(heat, go.Heatmap)
    assert (heat.zmin, heat.zmax) == (0, 100)
    assert list(heat.x) == [0, 1] and list(heat.y) == ["2024-05", "2024-06"]
    z = np.array(heat.z, dtype=float)
    assert z[0].tolist() == [100.0, 25.0] and np.isnan(z[1, 1])
    assert heat.texttemplate and heat.hovertemplate
    assert fig.layout.xaxis.title.text == "k" and fig.layout.yaxis.autorange == "reversed"


RFM = pd.DataFrame(
    {
        "segment": ["champions", "lost"],
        "customers": [2, 8],
        "revenue": [800.0, 200.0],
        "customer_share": [20.0, 80.0],
        "revenue_share": [80.0, 20.0],
        "recency_days": [3.0, 400.0],
        "orders_per_customer": [6.0, 1.0],
        "revenue_per_customer": [400.0, 25.0],
    }
)


def test_rfm_bars_set_customers_beside_revenue():
    fig = rfm_bars(
        RFM,
        title="RFM",
        segment_labels={"champions": "Champions", "lost": "Lost"},
        customers_label="Customers",
        revenue_label="Revenue",
        share_axis="Share (%)",
        details="{recency} days · {orders} orders · {spend} {currency}",
        currency="UZS",
    )
    by_name = {tr.name: tr for tr in fig.data}
    assert set(by_name) == {"Customers", "Revenue"} and fig.layout.barmode == "group"
    assert list(by_name["Customers"].y) == ["Lost", "Champions"]  # best on top
    assert list(by_name["Revenue"].x) == [20.0, 80.0]
    assert by_name["Revenue"].marker.color == HIGHLIGHT
    assert by_name["Customers"].customdata[1][1] == "3 days · 6.0 orders · 400 UZS"


def test_owner_bars_split_by_action():
    counts = pd.DataFrame(
        {"owner": ["CMO", "No owner"], "insights": [2, 1], "with_action": [1, 1]}
    ).assign(without_action=[1, 0])
    fig = owner_bars(
        counts,
        title="Per owner",
        insights_label="Insights",
        with_action="Done",
        without_action="Open",
    )
    assert [tr.name for tr in fig.data] == ["Done", "Open"]
    assert list(fig.data[1].x) == [0, 1] and list(fig.data[1].y) == ["No owner", "CMO"]


def test_views_use_the_catalog_texts():
    fig, caption = views.campaigns(CAMPAIGNS, "en", "UZS")
    assert fig.layout.title.text == t("insights.campaign.title")
    assert fig.layout.xaxis.title.text == t("insights.revenue", currency="UZS")
    fig, caption = views.intent(INTENTS, "en", "UZS")
    assert "19 of 69 orders (28%)" in caption
    fig, caption = views.what_follows(FOLLOW, "en", 90)
    assert fig.layout.title.text == t("insights.followup.title", days=90)
    assert "Of the period's 10 orders" in caption and "8 of these" in caption
    fig, caption = views.rfm_segments(RFM, "en", "UZS", dt.date(2024, 6, 30))
    assert "June 30, 2024" in caption and "UZS" in fig.data[0].customdata[0][1]
    assert views.window_label(30, "en") == "30 days"


@pytest.mark.parametrize(
    ("window", "key"),
    [
        (Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30)), "insights.cohort.caption"),
        (Period(dt.date(2023, 7, 1), dt.date(2024, 6, 30)), "insights.cohort.caption_extended"),
    ],
)
def test_cohort_view_says_when_the_window_was_widened(window, key):
    period = Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    fig, caption = views.cohorts(COHORTS, "en", period, window)
    assert caption == t(key, start=window.start.isoformat(), end=window.end.isoformat())
    assert fig.layout.title.text == t("insights.cohort.title")


def test_views_say_why_there_is_nothing_to_draw():
    no_orders = t("insights.empty.orders")
    assert views.campaigns(CAMPAIGNS.iloc[:0], "en", "UZS") == (None, no_orders)
    only_none = CAMPAIGNS[CAMPAIGNS["kind"] == "none"]
    assert views.campaigns(only_none, "en", "UZS") == (
        None,
        t("insights.campaign.empty", orders="80"),
    )
    assert views.intent(INTENTS.iloc[:0], "en", "UZS") == (None, no_orders)
    unknown = INTENTS[INTENTS["intent"].isna()]
    assert views.intent(unknown, "en", "UZS")[0] is None
    assert "50 orders" in views.intent(unknown, "en", "UZS")[1]
    assert views.what_follows(FOLLOW.assign(orders=0), "en", 30) == (None, no_orders)
    fig, caption = views.rfm_segments(RFM.iloc[:0], "en", "UZS", dt.date(2024, 6, 30))
    assert fig is None and "June 30, 2024" in caption
    window = Period(dt.date(2023, 7, 1), dt.date(2024, 6, 30))
    fig, caption = views.cohorts(COHORTS.iloc[:0], "en", window, window)
    assert fig is None and "2023-07-01" in caption


def test_views_write_numbers_the_way_the_language_does():
    # In Russian "12,979" reads as a decimal; counts group with a space instead.
    many = INTENTS.assign(orders=INTENTS["orders"] * 1000)
    _, caption = views.intent(many, "ru", "RUB")
    assert "69\N{NO-BREAK SPACE}000" in caption or "69\N{NARROW NO-BREAK SPACE}000" in caption
    assert "69,000" not in caption
    _, english = views.intent(many, "en", "USD")
    assert "69,000" in english
