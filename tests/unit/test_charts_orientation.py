"""Step 1 figures: built from small frames, checked on their traces, colours and words."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.orientation import (
    contact_share_area,
    kpi_trend_lines,
    mobile_share_line,
    trend_radar,
)
from cxdash.charts.palette import BAD, GOOD, channel_color, stage_color
from cxdash.kpis import kpi

MONTHS = pd.date_range("2024-01-01", periods=3, freq="MS")
STATUS = {"covered": "Covered", "planned": "Planned", "gap": "Gap", "": "Not set"}
FIELDS = {"category": "Cat", "impact": "Imp", "certainty": "Cert", "roadmap_status": "Status"}


def _trends():
    return pd.DataFrame(
        {
            "month": list(MONTHS) * 2,
            "kpi": ["revenue"] * 3 + ["nps"] * 3,
            "value": [10.0, 0.0, 30.0, 5.0, float("nan"), -2.0],
        }
    )


def test_kpi_trend_lines_draw_one_panel_per_kpi():
    fig = kpi_trend_lines(
        _trends(),
        labels={"revenue": "Umsatz", "nps": "NPS"},
        title="KPIs",
        no_data="-",
        currency="UZS",
        highlight_from=dt.date(2024, 3, 5),
    )
    assert isinstance(fig, go.Figure) and fig.layout.title.text == "KPIs"
    assert [t.name for t in fig.data] == ["Umsatz", "NPS"]
    assert [a.text for a in fig.layout.annotations] == ["Umsatz", "NPS"]
    assert fig.data[0].yaxis != fig.data[1].yaxis  # each KPI on its own scale
    assert list(fig.data[1].y)[2] == -2.0
    assert fig.data[0].line.color == stage_color(kpi("revenue").stage)
    assert "UZS" in fig.data[0].hovertemplate and "Umsatz" in fig.data[0].hovertemplate
    # The period's month is shaded in each panel: a rectangle around March.
    assert len(fig.layout.shapes) == 2
    shade = fig.layout.shapes[0]
    assert pd.Timestamp(shade.x0) < pd.Timestamp("2024-03-01") < pd.Timestamp(shade.x1)
    assert pd.Timestamp(shade.x0) > pd.Timestamp("2024-02-01")


def test_a_kpi_panel_without_data_says_so():
    frame = _trends().assign(value=[0.0, 0.0, 0.0, 5.0, 1.0, 2.0])
    fig = kpi_trend_lines(frame, labels={"revenue": "R", "nps": "N"}, title="K", no_data="None")
    notes = [a for a in fig.layout.annotations if a.text == "None"]
    assert len(notes) == 1 and notes[0].xref == "x domain"  # the revenue panel only


def test_kpi_trend_lines_without_kpis_say_so():
    fig = kpi_trend_lines(_trends()[:0], labels={}, title="KPIs", no_data="Nothing")
    assert not fig.data and fig.layout.annotations[0].text == "Nothing"


def test_mobile_share_line():
    frame = pd.DataFrame(
        {
            "month": MONTHS,
            "orders": [4, 0, 2],
            "mobile_orders": [1, 0, 2],
            "share": [25.0, None, 100.0],
        }
    )
    fig = mobile_share_line(
        frame, title="Mobile", share_label="Share", orders_label="Mob / all", no_data="-"
    )
    (line,) = fig.data
    assert list(line.y)[0] == 25.0 and line.line.color == channel_color("mobile_app")
    assert "Mob / all" in line.hovertemplate and fig.layout.title.text == "Mobile"
    assert fig.layout.yaxis.ticksuffix == "%"
    empty = mobile_share_line(
        frame.assign(share=float("nan")),
        title="M",
        share_label="S",
        orders_label="O",
        no_data="Nothing",
    )
    assert not empty.data and empty.layout.annotations[0].text == "Nothing"


def test_contact_share_area_stacks_channels_in_their_colours():
    frame = pd.DataFrame(
        {
            "month": list(MONTHS) * 2,
            "channel": ["social"] * 3 + ["chat"] * 3,
            "contacts": [1, 2, 3, 0, 1, 1],
            "tickets": [4] * 6,
            "share": [25.0, 50.0, 75.0, 0.0, 25.0, 25.0],
        }
    )
    fig = contact_share_area(
        frame, title="Contacts", share_label="Share", contacts_label="tickets", no_data="-"
    )
    assert [t.name for t in fig.data] == ["social", "chat"]
    assert {t.stackgroup for t in fig.data} == {"contacts"}
    assert fig.data[1].line.color == channel_color("chat")
    assert all("tickets" in t.hovertemplate for t in fig.data)


def _radar(rows, **kw):
    return trend_radar(
        pd.DataFrame(rows, columns=["trend", "category", "impact", "certainty", "roadmap_status"]),
        title="Radar",
        x_title="Impact",
        y_title="Certainty",
        status_labels=STATUS,
        field_labels=FIELDS,
        zone_label="Act now",
        no_data="No trends",
        **kw,
    )


def test_trend_radar_colours_by_roadmap_status_and_gap_stands_out():
    fig = _radar(
        [
            ("Mobile first", "Digital", 5, 5, "covered"),
            ("Next-day delivery", "Competition", 5, 4, "gap"),
            ("AI assistants", "Tech", 5, 4, "gap"),
            ("Regions", "Market", 2, 3, None),
            ("Unscored", "Market", None, 3, "planned"),  # cannot be placed
        ]
    )
    by_name = {t.name: t for t in fig.data}
    assert set(by_name) == {"Covered", "Gap", "Not set"}
    gap, covered = by_name["Gap"], by_name["Covered"]
    assert gap.marker.color == BAD and covered.marker.color == GOOD
    assert gap.marker.size > covered.marker.size
    assert fig.data[-1].name == "Gap"  # drawn last, on top
    # Two gaps in one cell are stacked apart around certainty 4, at impact 5.
    assert list(gap.x) == [5.0, 5.0] and sorted(gap.y) == [3.85, 4.15]
    assert [c[0] for c in gap.customdata] == ["Next-day delivery", "AI assistants"]
    assert "Cat" in gap.hovertemplate and "Status" in gap.hovertemplate
    assert fig.layout.xaxis.title.text == "Impact" and fig.layout.title.text == "Radar"
    assert fig.layout.annotations[0].text == "Act now"


def test_trend_radar_without_placeable_trends_says_so():
    fig = _radar([("Unscored", "Market", None, None, "gap")])
    assert not fig.data and fig.layout.annotations[0].text == "No trends"
