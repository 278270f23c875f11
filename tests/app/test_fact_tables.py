"""The app rebuilds fact tables another version left stale, once, and shows the same numbers."""

from __future__ import annotations

import shutil
import time

import streamlit as st
from streamlit.testing.v1 import AppTest

from cxdash import store
from cxdash.kpis import facts
from tests.app.conftest import APP, assert_clean


def _kpi_values(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_stale_fact_tables_are_rebuilt_in_the_background(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "older.duckdb"
    shutil.copy(demo_db, db)
    with store.connect(db) as con:
        expected = {t.name: facts.fingerprint(con, t) for t in facts.TABLES}
        # As a version that built the tables differently would have left them.
        for table in facts.TABLES:
            con.execute(
                "UPDATE meta SET value = 'built by another version' WHERE key = $key",
                {"key": table.name},
            )
        con.execute("DROP TABLE order_facts")
        assert not any(facts.is_current(con, t) for t in facts.TABLES)
    monkeypatch.setenv(store.ENV_DB, str(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert_clean(at)  # the KPIs came from the tables themselves meanwhile
    shown_before = _kpi_values(at)
    assert len(shown_before) >= 8

    from cxdash.ui.database import cursor

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with cursor() as cur:
            found = {t.name: facts.is_current(cur, t) for t in facts.TABLES}
        if all(found.values()):
            break
        time.sleep(0.2)
    assert found == dict.fromkeys(expected, True)

    st.cache_data.clear()  # computed again, now through the fact tables
    at.run()
    assert_clean(at)
    assert _kpi_values(at) == shown_before
