"""The Streamlit corner: the only part of cxdash that imports Streamlit.

Pages call these helpers for state (language, filters), cached queries and
recurring widgets (KPI cards, charts with downloads); logic stays in the library.
"""
