import datetime as dt

import plotly.graph_objects as go

from cxdash.charts.palette import MUTED, channel_color, channel_colors
from cxdash.charts.trend import monthly_bars
from cxdash.filters import Filters
from cxdash.series import monthly_revenue


def _orders(con):
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES "
        "('o1', 'c1', DATE '2024-03-05', 10, 'web'), ('o2', 'c1', DATE '2024-03-31', 5, 'store'), "
        "('o3', 'c2', DATE '2024-05-01', 7, 'web'), ('o4', 'c2', DATE '2023-12-31', 99, 'web')"
    )


def test_monthly_revenue_has_every_month_of_the_window(con):
    _orders(con)
    frame = monthly_revenue(con, dt.date(2024, 5, 31), Filters(), months=4)
    assert [m.strftime("%Y-%m") for m in frame["month"]] == [
        "2024-02",
        "2024-03",
        "2024-04",
        "2024-05",
    ]
    assert list(frame["revenue"]) == [0.0, 15.0, 0.0, 7.0]
    assert list(frame["orders"]) == [0, 2, 0, 1]


def test_monthly_revenue_respects_filters_and_the_end_day(con):
    _orders(con)
    frame = monthly_revenue(con, dt.date(2024, 4, 30), Filters(channels=("web",)), months=3)
    assert list(frame["revenue"]) == [0.0, 10.0, 0.0]


def test_monthly_bars_highlights_the_period(con):
    _orders(con)
    frame = monthly_revenue(con, dt.date(2024, 5, 31), Filters(), months=4)
    fig = monthly_bars(
        frame,
        value="revenue",
        title="Revenue",
        value_label="Revenue",
        highlight_from=dt.date(2024, 4, 15),
    )
    assert isinstance(fig, go.Figure)
    bar = fig.data[0]
    assert list(bar.y) == [0.0, 15.0, 0.0, 7.0]
    assert list(bar.marker.color)[:2] == [MUTED, MUTED]
    assert MUTED not in list(bar.marker.color)[2:]
    assert fig.layout.title.text == "Revenue"


def test_channel_colours_are_stable_and_distinct():
    colors = channel_colors(["web", "chat", "store"])
    assert colors["chat"] == channel_color("chat")
    assert len(set(colors.values())) == 3
    assert channel_color("carrier_pigeon") == channel_color("carrier_pigeon")
