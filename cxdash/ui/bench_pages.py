"""Server-side script time of every page, through Streamlit's AppTest on the real entry file.

For each page: *cold* (the result caches emptied, the connection kept), *rerun*
(the same inputs again) and *filter change* (a channel, a segment, and a date
range that no earlier run used, so every cached query misses). The baseline is a
trivial page run in the same harness: whatever the harness itself costs shows in
both. The Plotly JSON of every chart a page draws is measured on the way.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import math
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from cxdash import store
from cxdash.dimensions import filter_options
from cxdash.opposite import STEPS
from cxdash.period import resolve

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES: tuple[tuple[str, str], ...] = (
    ("overview", "pages/overview.py"),
    *((s.key, f"pages/{s.number}_{s.key}.py") for s in STEPS),
    ("data", "pages/data.py"),
    ("workshop", "pages/workshop.py"),
)
_TIMEOUT = 600


@dataclass
class PageTimes:
    page: str
    cold: float
    rerun: list[float] = field(default_factory=list)
    change: list[float] = field(default_factory=list)
    charts: dict[str, int] = field(default_factory=dict)  # chart name -> JSON bytes
    error: str | None = None  # the page failed: what it said

    @property
    def rerun_median(self) -> float:
        return statistics.median(self.rerun) if self.rerun else math.nan

    @property
    def change_median(self) -> float:
        return statistics.median(self.change) if self.change else math.nan


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


class PageFailedError(RuntimeError):
    """A page raised, or showed an error box (the frame turns failures into one)."""


def _check(at, page: str) -> None:
    if at.exception:
        raise PageFailedError(f"{page}: {at.exception[0].value}")
    if at.error:
        raise PageFailedError(f"{page}: {at.error[0].value}")


def trivial_baseline(repeat: int) -> float:
    """Median time of a one-line page in the same harness."""
    from streamlit.testing.v1 import AppTest

    def page():
        import streamlit as st

        st.title("baseline")

    at = AppTest.from_function(page, default_timeout=_TIMEOUT)
    at.run()
    return statistics.median(_timed(at.run) for _ in range(max(repeat, 3)))


def _changes(db: Path, repeat: int) -> list[dict]:
    """Filter changes no earlier run used: a channel, a segment, then new date ranges."""
    with store.connect(db, read_only=True) as con:
        options = filter_options(con)
        period = resolve(con, today=dt.date.today())
    changes: list[dict] = []
    for i in range(repeat):
        shift = dt.timedelta(days=7 * (i + 1))
        changes.append({"channel": options["channel"][i % len(options["channel"])]})
        changes.append({"segment": options["segment"][i % len(options["segment"])]})
        changes.append({"period": (period.start - shift, period.end - shift)})
    return changes


def _apply(at, change: dict) -> None:
    """Set the sidebar widgets to one filter change, clearing the others."""
    for name in ("channel", "segment"):
        at.multiselect(key=f"scope_{name}").set_value([change[name]] if name in change else [])
    if "period" in change:
        at.date_input(key="scope_period").set_value(change["period"])


def _chart_sizes(at) -> dict[str, int]:
    """The figure JSON each chart sends, in bytes, by chart name."""
    from cxdash.ui import charts

    sizes: dict[str, int] = {}
    drawn = [e for e in at.get("bidi_component") if e.proto.component_name == charts.COMPONENT]
    for i, chart in enumerate(drawn):
        # Charts are keyed "chart_<name>" by cxdash.ui.charts.show.
        key = getattr(chart, "key", None) or f"chart {i + 1}"
        spec = json.loads(chart.proto.json)["spec"]
        sizes[key.removeprefix("chart_")] = len(spec.encode("utf-8"))
    return sizes


def measure(db: Path, repeat: int = 3, pages=PAGES, progress=print) -> list[PageTimes]:
    """Cold, rerun and filter-change times of every page against the database ``db``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ[store.ENV_DB] = str(db)
    changes = _changes(db, repeat)
    results: list[PageTimes] = []
    # Warm the process once (imports, the connection): "cold" is about the caches.
    warm = AppTest.from_file(str(APP), default_timeout=_TIMEOUT)
    warm.run()
    _check(warm, "overview")
    for key, path in pages:
        try:
            times = _page(AppTest, st, key, path, repeat, changes)
        except PageFailedError as failed:
            # One broken page must not lose the other figures; the report names it.
            times = PageTimes(key, math.nan, error=str(failed).splitlines()[0][:200])
            progress(f"  {key:12s} FAILED: {times.error}")
        else:
            progress(
                f"  {key:12s} cold {times.cold * 1000:7.0f} ms  "
                f"rerun {times.rerun_median * 1000:6.0f} ms  "
                f"filter change {times.change_median * 1000:6.0f} ms"
            )
        results.append(times)
    return results


def _page(app_test, st, key: str, path: str, repeat: int, changes: list[dict]) -> PageTimes:
    from cxdash.ui import cached

    # Cold: no query result and no figure kept from an earlier page (nor one under way).
    cached.settle_prefetches()
    st.cache_data.clear()
    st.cache_resource.clear()
    at = app_test.from_file(str(APP), default_timeout=_TIMEOUT)
    # The first run lands on the Overview; switching is the page's own cold run.
    if key == "overview":
        cold = _timed(at.run)
    else:
        at.run()
        cached.settle_prefetches()
        st.cache_data.clear()
        st.cache_resource.clear()
        at.switch_page(path)
        cold = _timed(at.run)
    _check(at, key)
    times = PageTimes(key, cold, charts=_chart_sizes(at))
    for _ in range(max(repeat, 3)):
        times.rerun.append(_timed(at.run))
        _check(at, key)
    for change in changes:
        _apply(at, change)
        times.change.append(_timed(at.run))
        _check(at, key)
    return times


def release_connection() -> None:
    """Close the app's cached connection (AppTest ran pages in this process): the file is free."""
    import streamlit as st

    from cxdash.ui import cached, database

    cached.settle_prefetches()
    # The app closes its connection by itself only when a command claims the file or
    # after a while idle; the benchmark's next step needs the file now.
    database.close_connection()
    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()
