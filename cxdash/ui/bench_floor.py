"""The floor of a first view: a bare Streamlit page with four small Plotly charts.

No database, no sidebar, no filters: what the browser needs to load
Streamlit's front end and Plotly and draw four charts. The benchmark opens it
in the same browser as cxdash's Overview, so the first-view figure can be read
against what the framework itself takes on the machine.

    streamlit run cxdash/ui/bench_floor.py
"""

import plotly.graph_objects as go
import streamlit as st

st.title("Four charts")
for i in range(4):
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d", "e", "f"], y=[1, 3, 2, 5, 4, i]))
    st.plotly_chart(figure, key=f"chart_{i}")
