"""AppTest fixtures: every page run from the real entry file against a real demo database."""

from __future__ import annotations

import base64
import json
import threading
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from cxdash import store
from cxdash.demo import build
from cxdash.ui import cached, database
from cxdash.ui.charts import COMPONENT

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A small demo database, built once for the whole session."""
    path = tmp_path_factory.mktemp("app") / "demo.duckdb"
    with store.connect(path) as con:
        build(con, scale="small", seed=7)
    return path


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Cached connections and results must not leak from one test's database to the next,
    # nor a query one test started ahead (cached.prefetch) land in the next one's cache.
    _settle()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    _settle()
    st.cache_data.clear()
    st.cache_resource.clear()


def _settle() -> None:
    """Wait for the app's own threads that read a test's database: prefetches, fact checks.

    Either would still hold the process's connection to the last test's file,
    and the next test's first run would find its own file "in use".
    """
    cached.settle_prefetches()
    for thread in threading.enumerate():
        if thread.name == database.FACT_CHECK_THREAD:
            thread.join(timeout=60)


@pytest.fixture
def app(demo_db, monkeypatch):
    """An AppTest of the entry file on the demo database, not yet run."""
    monkeypatch.setenv(store.ENV_DB, str(demo_db))
    return AppTest.from_file(str(APP), default_timeout=60)


def assert_clean(at: AppTest) -> None:
    """No uncaught exception and no error box (the frame turns failures into one)."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """A database with the schema and no rows at all (not a first run: the file exists)."""
    path = tmp_path_factory.mktemp("app-empty") / "empty.duckdb"
    store.connect(path).close()
    return path


@pytest.fixture
def empty_app(empty_db, monkeypatch):
    """An AppTest of the entry file on a database with no data loaded."""
    monkeypatch.setenv(store.ENV_DB, str(empty_db))
    return AppTest.from_file(str(APP), default_timeout=60)


def charts(at: AppTest) -> list:
    """Every chart the run drew (cxdash/ui/charts.py's component), in page order."""
    return [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT]


def chart_specs(at: AppTest) -> list[dict]:
    """The Plotly figure JSON of every chart the run drew, in page order."""
    return [json.loads(json.loads(chart.proto.json)["spec"]) for chart in charts(at)]


def chart_titles(at: AppTest) -> list[str]:
    return [spec["layout"]["title"]["text"] for spec in chart_specs(at)]


def data_array(value) -> np.ndarray:
    """A trace's data array: Plotly ships numeric arrays base64-encoded ({dtype, bdata, shape})."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(n) for n in str(shape).split(",")])
        return array
    return np.asarray(value)
