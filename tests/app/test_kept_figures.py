"""A rerun draws kept figures and cached results again; new data or words make new ones.

Figures (cxdash.ui.charts.figure) and the pandas work on query results
(cxdash.ui.cached.derived) are kept per distinct inputs; CSV downloads are
written only when someone clicks. These tests count the real builds.
"""

from __future__ import annotations

import pickle
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from plotly.basedatatypes import BaseFigure
from streamlit.testing.v1 import AppTest

from cxdash import maturity, store
from cxdash.charts import maturity as maturity_charts
from cxdash.i18n import t
from cxdash.ui import cached
from cxdash.ui.database import cursor, write_lock
from tests.app.conftest import APP, assert_clean, chart_specs

BUILT: Counter[str] = Counter()
_RADAR = maturity_charts.radar
_FORMULA = '=HYPERLINK("http://127.0.0.1:9/","x")'


def counted_radar(*args, **kwargs):
    """The Overview's maturity radar, counting the figures really built."""
    BUILT["radar"] += 1
    return _RADAR(*args, **kwargs)


def counted_double(frame: pd.DataFrame) -> pd.DataFrame:
    BUILT["double"] += 1
    return frame.assign(a=frame["a"] * 2)


@pytest.fixture
def own_db(demo_db, tmp_path, monkeypatch) -> Path:
    """A copy of the demo: these tests write to it."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv(store.ENV_DB, str(path))
    return path


@pytest.fixture
def own_app(own_db, monkeypatch) -> AppTest:
    """The app on its own copy of the demo, counting the maturity radars built."""
    BUILT.clear()
    monkeypatch.setattr(maturity_charts, "radar", counted_radar)
    return AppTest.from_file(str(APP), default_timeout=60)


def _radar(at: AppTest) -> dict:
    (radar,) = [s for s in chart_specs(at) if s["data"][0]["type"] == "scatterpolar"]
    return radar


def test_an_unchanged_rerun_draws_the_same_figures_without_building_or_copying_them(
    own_app, monkeypatch
):
    copied = Counter()
    real_to_dict = BaseFigure.to_dict

    def counted_to_dict(figure):
        copied["to_dict"] += 1
        return real_to_dict(figure)

    monkeypatch.setattr(BaseFigure, "to_dict", counted_to_dict)
    at = own_app.run()
    assert_clean(at)
    first = chart_specs(at)
    assert BUILT["radar"] == 1
    assert copied["to_dict"] >= len(first)
    copied.clear()
    at.run()
    assert_clean(at)
    assert BUILT["radar"] == 1
    assert copied["to_dict"] == 0, "a kept figure hands Streamlit the dict made when it was kept"
    assert chart_specs(at) == first


def test_new_data_makes_a_new_figure_at_once(own_app):
    at = own_app.run()
    before = _radar(at)
    with write_lock, cursor() as cur:  # a score recorded elsewhere bumps the data version
        maturity.record(cur, 3, "Someone new", 5)
    at.run()
    assert_clean(at)
    assert BUILT["radar"] == 2
    after = _radar(at)
    assert after["data"][0]["r"] != before["data"][0]["r"]  # step 3's average moved


def test_each_language_has_its_own_figure_and_keeps_it(own_app):
    at = own_app.run()
    at.selectbox(key="lang").set_value("uz").run()
    assert_clean(at)
    assert BUILT["radar"] == 2
    assert _radar(at)["layout"]["title"]["text"] == t("overview.maturity.chart", "uz")
    assert _radar(at)["layout"]["separators"] == ",\u00a0"
    at.selectbox(key="lang").set_value("en").run()
    assert BUILT["radar"] == 2  # English was kept
    assert _radar(at)["layout"]["title"]["text"] == t("overview.maturity.chart")


def test_a_chart_csv_is_written_on_click_and_stays_neutralised(own_db, own_app, monkeypatch):
    with store.connect(own_db) as con:
        con.execute(
            "UPDATE trends SET trend = ? WHERE rowid = (SELECT min(rowid) FROM trends)", [_FORMULA]
        )
    offered = {}
    real = st.download_button

    def spy(label, data=None, *args, **kwargs):
        offered[kwargs.get("key")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", spy)
    at = own_app.run()
    at.switch_page("pages/1_orientation.py").run()
    assert_clean(at)
    (button,) = [
        b for b in at.get("download_button") if b.proto.id.endswith("download_trend_radar")
    ]
    assert button.proto.deferred_file_id and not button.proto.url, "no file is made on a run"
    made = offered["download_trend_radar"]
    assert callable(made)
    written = made()
    assert written.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Cyrillic and Uzbek
    text = written.decode("utf-8-sig")
    assert "'" + _FORMULA.replace('"', '""') in text  # read as text, not run as a formula
    assert "," + _FORMULA.replace('"', '""') not in text


def test_derived_work_is_done_once_per_distinct_input_and_handed_out_as_a_copy():
    BUILT.clear()
    frame = pd.DataFrame({"a": [1, 2]})
    first = cached.derived(counted_double, frame)
    first.loc[0, "a"] = 99  # the caller's own copy
    again = cached.derived(counted_double, frame.copy())
    assert BUILT["double"] == 1
    assert again["a"].tolist() == [2, 4]
    assert cached.derived(counted_double, frame.assign(a=[1, 3]))["a"].tolist() == [2, 6]
    assert BUILT["double"] == 2


def test_the_fingerprint_tells_apart_everything_a_result_depends_on():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1.0, 2.0]})

    def key(*parts):
        return cached.fingerprint(counted_double, *parts)

    same = key((frame,), {"title": "T"}, "en")
    assert same == key((frame.copy(),), {"title": "T"}, "en")
    others = [
        key((frame.assign(y=[1.0, 2.5]),), {"title": "T"}, "en"),
        key((frame.rename(columns={"y": "z"}),), {"title": "T"}, "en"),
        key((frame,), {"title": "T "}, "en"),
        key((frame,), {"title": "T"}, "uz"),
        cached.fingerprint(counted_radar, (frame,), {"title": "T"}, "en"),
    ]
    assert same not in others and len(set(others)) == len(others)
    with pytest.raises((pickle.PicklingError, AttributeError)):
        cached.fingerprint(lambda: None)
