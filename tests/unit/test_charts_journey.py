"""Step 2 figures: built from small frames, checked on their traces, colours and words."""

import math

import pandas as pd

from cxdash.charts.journey import (
    device_mix_bars,
    funnel_chart,
    segment_profile_bars,
    stage_channel_heatmap,
)
from cxdash.charts.palette import BAD, GOOD, MUTED, device_color, stage_color
from cxdash.schema import STAGES

LABELS = {s: s.upper() for s in STAGES}


def _cells():
    return pd.DataFrame(
        {
            "stage": ["awareness", "awareness", "purchase"],
            "channel": ["zeppelin", "web", "store"],
            "customers": [5, 3, 2],
            "touchpoints": [9, 4, 2],
        }
    )


def test_heatmap_has_every_stage_and_channel_in_order():
    gaps = pd.DataFrame({"stage": ["service", "purchase"], "channel": ["web", "web"]})
    fig = stage_channel_heatmap(
        _cells(),
        value="touchpoints",
        title="Journey",
        value_label="Events",
        stage_labels=LABELS,
        no_data="-",
        gaps=gaps,
        gap_label="Gap",
    )
    heat = fig.data[0]
    assert heat.type == "heatmap" and fig.layout.title.text == "Journey"
    # Palette channels first, unknown ones after; all six stages, empty cells 0.
    assert list(heat.x) == ["web", "store", "zeppelin"]
    assert list(heat.y) == [LABELS[s] for s in STAGES]
    assert [list(row) for row in heat.z][0] == [4, 0, 9]
    assert [list(row) for row in heat.z][3] == [0, 0, 0]
    assert "Events" in heat.hovertemplate
    # Each gap is outlined in red; one legend entry names them.
    outlines = fig.layout.shapes
    assert len(outlines) == 2 and {s.line.color for s in outlines} == {BAD}
    assert [s.showlegend for s in outlines] == [True, False] and outlines[0].name == "Gap"
    assert outlines[0].y0 < STAGES.index("service") < outlines[0].y1


def test_heatmap_without_touchpoints_says_so():
    fig = stage_channel_heatmap(
        _cells()[:0],
        value="customers",
        title="J",
        value_label="C",
        stage_labels=LABELS,
        no_data="Nothing",
    )
    assert not fig.data and fig.layout.annotations[0].text == "Nothing"


def _funnel():
    return pd.DataFrame(
        {
            "stage": list(STAGES),
            "customers": [100, 50, 20, 5, 10, 0],
            "previous_stage": [
                None,
                "awareness",
                "consideration",
                "purchase",
                "purchase",
                "loyalty",
            ],
            "pct_of_previous": [math.nan, 50.0, 40.0, 25.0, 50.0, 0.0],
            "pct_of_first": [100.0, 50.0, 20.0, 5.0, 10.0, 0.0],
        }
    )


def test_funnel_chart_names_the_stage_each_share_is_of():
    fig = funnel_chart(
        _funnel(),
        title="Funnel",
        value_label="Customers",
        share_text="{share:.0f}% of {previous}",
        stage_labels=LABELS,
        no_data="-",
    )
    (bars,) = fig.data
    assert bars.type == "funnel" and list(bars.x) == [100, 50, 20, 5, 10, 0]
    assert list(bars.marker.color) == [stage_color(s) for s in STAGES]
    assert bars.text[0] == "100"
    assert bars.text[4] == "10<br>50% of PURCHASE"  # loyalty is measured against purchase
    assert "Customers" in bars.hovertemplate and fig.layout.title.text == "Funnel"


def test_funnel_chart_without_customers_says_so():
    fig = funnel_chart(
        _funnel().assign(customers=0),
        title="F",
        value_label="C",
        share_text="{share}",
        stage_labels=LABELS,
        no_data="Nothing",
    )
    assert not fig.data and fig.layout.annotations[0].text == "Nothing"


def test_device_mix_bars_stack_devices_with_an_unknown_bucket():
    mix = pd.DataFrame(
        {
            "stage": ["purchase", "purchase", "awareness", "awareness"],
            "device": ["tablet", None, "mobile", "tablet"],
            "touchpoints": [1, 3, 6, 2],
            "share": [25.0, 75.0, 75.0, 25.0],
        }
    )
    fig = device_mix_bars(
        mix,
        title="Devices",
        share_label="Share",
        touchpoints_label="Events",
        unknown_label="unknown",
        stage_labels=LABELS,
        no_data="-",
    )
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["mobile", "tablet", "unknown"]
    tablet, unknown = fig.data[1], fig.data[2]
    assert list(tablet.y) == ["AWARENESS", "PURCHASE"] and list(tablet.x) == [25.0, 25.0]
    assert unknown.marker.color == MUTED and tablet.marker.color == device_color("tablet")
    assert "Events" in unknown.hovertemplate and fig.layout.xaxis.range == (0, 100)


def test_segment_profile_bars_three_panels():
    profile = pd.DataFrame(
        {
            "segment": ["VIP", "Retail", None],
            "customers": [2, 5, 0],
            "orders": [3, 9, 0],
            "revenue": [900.0, 300.0, 0.0],
            "nps": [40.0, -10.0, math.nan],
            "nps_responses": [5, 10, 0],
        }
    )
    fig = segment_profile_bars(
        profile,
        title="Segments",
        customers_label="Cust",
        revenue_label="Rev",
        nps_label="NPS",
        unknown_label="none",
        no_data="-",
        currency="UZS",
    )
    assert [t.name for t in fig.data] == ["Cust", "Rev", "NPS"]
    assert list(fig.data[0].y) == ["VIP", "Retail", "none"]
    assert list(fig.data[1].x) == [900.0, 300.0, 0.0] and "UZS" in fig.data[1].hovertemplate
    assert list(fig.data[2].marker.color)[:2] == [GOOD, BAD]
    assert [a.text for a in fig.layout.annotations] == ["Cust", "Rev", "NPS"]
