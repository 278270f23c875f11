"""Showing a figure with the download of exactly the data it draws."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cxdash.export import safe_csv
from cxdash.ui.text import tr

# Plotly's mode bar without the buttons that make no sense in a dashboard.
_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def show(
    figure: go.Figure,
    data: pd.DataFrame,
    *,
    name: str,
    caption: str | None = None,
    selectable: bool = False,
) -> list[dict]:
    """Draw ``figure`` (following the app's light or dark theme) and offer ``data`` as CSV.

    With ``selectable`` a click on a bar, point or slice reruns the page and the
    clicked points are returned (Plotly's point dicts: ``x``, ``y``,
    ``customdata``, ...), so the page can filter on them; otherwise ``[]``.
    """
    event = st.plotly_chart(
        figure,
        config=_CONFIG,
        key=f"chart_{name}",
        on_select="rerun" if selectable else "ignore",
        selection_mode="points",
    )
    if caption:
        st.caption(caption)
    st.download_button(
        tr("common.download_csv"),
        data=safe_csv(data),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        icon=":material/download:",
        on_click="ignore",
        type="tertiary",
    )
    if selectable and event is not None:
        return list(event.selection.points)
    return []
