"""Figures made once per distinct inputs, shown with the download of exactly the data they draw."""

from __future__ import annotations

import html
from functools import cache, partial
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from cxdash.export import safe_csv
from cxdash.formatting import plotly_locale, plotly_separators
from cxdash.i18n import DEFAULT_LANGUAGE
from cxdash.ui import bundle, cached, scope
from cxdash.ui.text import language, tr

# Drawn in the browser by web/chart.js; styles shared with the page (Plotly puts its own in <head>).
COMPONENT = "cxdash_chart"
_CHART = st.components.v2.component(
    COMPONENT,
    html='<div class="cxdash-chart" data-testid="cxdashChart"></div>',
    css=".cxdash-chart { width: 100%; }",
    js=(Path(__file__).with_name("web") / "chart.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)
# Plotly's mode bar without the buttons that make no sense in a dashboard, and without
# "Share chart...", which would upload the chart's data to Plotly's cloud.
_CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# A kept figure takes about 90 KB with its JSON (at most 27 MB for all): enough for
# every chart of every screen in the three languages for a few filter choices each.
_FIGURES_KEPT = 300


def figure(build, /, *args, **kwargs) -> go.Figure | tuple[go.Figure | None, str]:
    """``build(*args, **kwargs)`` with the reader's number notation, made once per distinct inputs.

    Building and validating a Plotly figure costs more than a whole rerun may, so
    each figure is kept and drawn again while its inputs stay the same. The key
    is the inputs themselves (the data, the words, the language), never where
    they came from: new data after a load, another filter or language make
    another figure at once. ``build`` must be a pure figure builder (cxdash.charts)
    and its inputs picklable: data frames, text, numbers, module-level functions.

    ``build`` may also return ``(figure or None, caption)``, as the insights views
    do; the pair is kept the same way.

    The figure returned is shared by every session: draw it with :func:`show`,
    never change it.
    """
    lang = language()
    key = cached.fingerprint(build, args, kwargs, lang)
    return _kept_figure(key, (build, args, kwargs, lang))


@st.cache_resource(ttl="1h", max_entries=_FIGURES_KEPT, show_spinner=False)
def _kept_figure(key: bytes, _call: tuple):
    # Only ``key`` is hashed by Streamlit; it stands for the builder, its inputs and the language.
    build, args, kwargs, lang = _call
    made = build(*args, **kwargs)
    for part in made if isinstance(made, tuple) else (made,):
        if isinstance(part, go.Figure):
            _in_notation(part, lang)
            _KeptFigure.keep(part)
    return made


class _KeptFigure(go.Figure):
    """A figure that no one changes any more, so its JSON is written only once.

    Writing a figure's JSON copies every trace and encodes each array: most of
    the time a rerun would spend on a kept chart. The figure stays a figure (a
    plain dict would be validated all over again) and answers with the JSON
    written when it was kept.
    """

    _kept_json: str

    @classmethod
    def keep(cls, figure: go.Figure) -> None:
        figure._kept_json = figure.to_json()
        figure.__class__ = cls  # the same object: no copy, no second validation

    def to_json(self, *args, **kwargs) -> str:
        return self._kept_json if not (args or kwargs) else super().to_json(*args, **kwargs)


def _in_notation(figure: go.Figure, lang: str) -> None:
    """Axis ticks and hover numbers in the reader's notation (1 234,5 in Uzbek and Russian)."""
    # A figure that chose its own separators keeps them.
    if figure.layout.separators is None:
        figure.update_layout(separators=plotly_separators(lang))
    if lang != DEFAULT_LANGUAGE:
        _whole_numbers_on_axes(figure)


def show(
    figure: go.Figure,
    data: pd.DataFrame,
    *,
    name: str,
    caption: str | None = None,
    filters: tuple[str, str] | None = None,
) -> None:
    """Draw ``figure`` (made by :func:`figure`) in the app's light or dark theme.

    The browser draws it with the Plotly bundle cxdash serves (cxdash/ui/web/),
    not Streamlit's Plotly element: the bundle holds only the trace types
    cxdash draws, a quarter of the full Plotly, whose loading was most of the
    time a first view took.

    ``data`` is offered as CSV, made only when someone clicks the download.

    ``filters=("channel", "x")`` makes a click set a global filter: the clicked
    point's ``x`` (or ``y``) becomes the only channel (segment, region) chosen.
    """
    key = f"chart_{name}"
    on_click = {"on_click_change": _filter_on_click(key, *filters)} if filters else {}
    _CHART(
        key=key,
        data={
            "spec": figure.to_json(),
            "config": _config(language()),
            "bundle": bundle.url(),
            "clickable": bool(filters),
            # Kept free while Plotly loads (its own default height is 450 px).
            "height": figure.layout.height or 450,
            "failed": tr("chart.failed"),
        },
        **on_click,
    )
    if caption:
        st.caption(caption)
    st.download_button(
        tr("common.download_csv"),
        # Made on click, in its own thread: a rerun does not write every chart's CSV.
        data=partial(safe_csv, data),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        icon=":material/download:",
        on_click="ignore",
        type="tertiary",
    )


def _whole_numbers_on_axes(figure: go.Figure) -> None:
    """Axis numbers written out (14 300 000), not with Plotly's English k/M/B or SI suffixes."""

    def spell_out(axis) -> None:
        axis.update(exponentformat="none")
        if axis.tickformat == "~s":
            axis.tickformat = ",~r"

    figure.for_each_xaxis(spell_out)
    figure.for_each_yaxis(spell_out)


@cache
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
        # What the browser sent: a list of point dicts, unless someone sent something else.
        points = st.session_state[chart_key]["click"]
        if not (isinstance(points, list) and points and isinstance(points[0], dict)):
            return
        if points[0].get(axis) is not None:
            # Labels were escaped for Plotly; the filter wants the value as stored
            # (scope.choose ignores a value the data does not offer).
            scope.choose(filter_name, html.unescape(str(points[0][axis])))

    return apply
