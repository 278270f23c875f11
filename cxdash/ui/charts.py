"""Showing a figure with the download of exactly the data it draws."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cxdash.export import safe_csv
from cxdash.formatting import plotly_locale, plotly_separators
from cxdash.i18n import DEFAULT_LANGUAGE
from cxdash.ui import scope
from cxdash.ui.text import language, tr

# Plotly's mode bar without the buttons that make no sense in a dashboard.
_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def show(
    figure: go.Figure,
    data: pd.DataFrame,
    *,
    name: str,
    caption: str | None = None,
    selectable: bool = False,
    filters: tuple[str, str] | None = None,
) -> list[dict]:
    """Draw ``figure`` (following the app's light or dark theme) and offer ``data`` as CSV.

    With ``selectable`` a click on a bar, point or slice reruns the page and the
    clicked points are returned (Plotly's point dicts: ``x``, ``y``,
    ``customdata``, ...), so the page can filter on them; otherwise ``[]``.

    ``filters=("channel", "x")`` makes a click set a global filter: the clicked
    point's ``x`` (or ``y``) becomes the only channel (segment, region) chosen.
    """
    key = f"chart_{name}"
    lang = language()
    # Axis ticks and hover numbers in the reader's notation (1 234,5 in Uzbek and Russian);
    # a figure that chose its own separators keeps them.
    if figure.layout.separators is None:
        figure.update_layout(separators=plotly_separators(lang))
    if lang != DEFAULT_LANGUAGE:
        _whole_numbers_on_axes(figure)
    on_select = "rerun" if selectable else "ignore"
    if filters:
        on_select = _filter_on_click(key, *filters)
    event = st.plotly_chart(
        figure,
        config=_config(lang),
        key=key,
        on_select=on_select,
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


def _whole_numbers_on_axes(figure: go.Figure) -> None:
    """Axis numbers written out (14 300 000), not with Plotly's English k/M/B or SI suffixes."""

    def spell_out(axis) -> None:
        axis.update(exponentformat="none")
        if axis.tickformat == "~s":
            axis.tickformat = ",~r"

    figure.for_each_xaxis(spell_out)
    figure.for_each_yaxis(spell_out)


def _config(lang: str) -> dict:
    """Plotly's config with the language's month and day names on date axes.

    The names travel inline in the config (Plotly's ``locales``), so charts are
    localised without loading a Plotly locale script from the network.
    """
    if lang == "en":
        return _CONFIG
    return {**_CONFIG, "locale": lang, "locales": {lang: plotly_locale(lang)}}


def _filter_on_click(chart_key: str, filter_name: str, axis: str):
    def apply() -> None:
        points = st.session_state[chart_key]["selection"]["points"]
        if points and points[0].get(axis) is not None:
            # Labels were escaped for Plotly; the filter wants the value as stored.
            scope.choose(filter_name, html.unescape(str(points[0][axis])))

    return apply
