"""Overview: the CMO's answer in seconds, lifecycle KPIs and the revenue trend."""

import streamlit as st

from cxdash import settings
from cxdash.charts.trend import monthly_bars
from cxdash.ui import cached, cards, charts, database, frame, scope
from cxdash.ui.text import tr

frame.require()

view = scope.current()
version = database.data_version()

st.title(tr("overview.title"))
st.caption(tr("overview.caption", period=str(view.period), previous=str(view.previous)))
if database.is_demo():
    st.info(tr("overview.demo_notice"), icon=":material/science:")
    st.page_link("pages/data.py", label=tr("common.open_data"), icon=":material/upload:")

st.subheader(tr("overview.lifecycle"))
cards.lifecycle_board(
    cached.kpi_results(version, view.period, view.filters), currency=settings.currency()
)

trend = cached.monthly_revenue(version, view.period.end, view.filters)
figure = monthly_bars(
    trend,
    value="revenue",
    title=tr("overview.revenue_trend"),
    value_label=tr("chart.revenue"),
    highlight_from=view.period.start,
)
charts.show(figure, trend, name="revenue_by_month", caption=tr("overview.revenue_trend.caption"))
