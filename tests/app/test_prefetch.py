"""Pages start their queries side by side (cached.prefetch), only those they then ask for."""

from __future__ import annotations

import threading

import pytest

from cxdash.ui import cached
from tests.app.conftest import assert_clean

# The pages that prefetch; the workshop draws the step chosen in its flow (Orientation first).
PAGES = [
    "pages/overview.py",
    "pages/1_orientation.py",
    "pages/2_people.py",
    "pages/3_processes.py",
    "pages/6_insights.py",
    "pages/8_execution.py",
    "pages/workshop.py",
]


@pytest.fixture
def recorded(monkeypatch) -> dict[str, list]:
    """The keys started ahead and the keys the pages' own calls then asked for, and by whom."""
    found: dict[str, list] = {"started": [], "asked": [], "worked_out_by": [], "worked_out": []}
    real_prefetched, real_query, real_computed = cached._prefetched, cached.query, cached._computed

    def prefetched(key, call, verdicts):
        found["started"].append(key)
        real_prefetched(key, call, verdicts)

    def query(func, version, *args):
        found["asked"].append(cached.fingerprint(func, version, args))
        return real_query(func, version, *args)

    def computed(func, args):
        found["worked_out_by"].append(threading.current_thread().name)
        found["worked_out"].append(cached.fingerprint(func, args))
        return real_computed(func, args)

    monkeypatch.setattr(cached, "_prefetched", prefetched)
    monkeypatch.setattr(cached, "query", query)
    monkeypatch.setattr(cached, "_computed", computed)
    return found


def _start(app, page):
    at = app.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_query_started_ahead_is_one_the_page_asks_for(app, recorded, page):
    at = _start(app, page)
    assert_clean(at)
    at.multiselect(key="scope_segment").set_value(["VIP"]).run()  # a new view: new keys
    assert_clean(at)
    cached.settle_prefetches()
    assert recorded["started"], page
    # A prefetch the page no longer makes would only waste the server's time.
    assert set(recorded["started"]) <= set(recorded["asked"]), page


def test_a_filter_change_works_its_queries_out_on_the_prefetch_threads(app, recorded):
    at = _start(app, "pages/6_insights.py")
    recorded["worked_out_by"].clear()
    recorded["worked_out"].clear()
    at.multiselect(key="scope_segment").set_value(["VIP"]).run()
    assert_clean(at)
    cached.settle_prefetches()
    by_prefetch = [n for n in recorded["worked_out_by"] if n.startswith("cxdash-prefetch")]
    # Of rfm, cohorts, orders by campaign and intent, follow-ups, NPS twice and the
    # comments, the page itself may get to the first one or two before a thread does.
    assert len(by_prefetch) >= 6, recorded["worked_out_by"]
    # Whoever comes first works a query out; the other waits for it, never does it again.
    assert len(recorded["worked_out"]) == len(set(recorded["worked_out"]))


def test_an_unchanged_rerun_starts_nothing(app, recorded):
    at = _start(app, "pages/6_insights.py")
    cached.settle_prefetches()
    recorded["started"].clear()
    at.run()
    assert_clean(at)
    assert recorded["started"] == []


def test_a_failing_prefetch_leaves_the_failure_to_the_page(app, recorded, monkeypatch):
    def broken(*_args):
        raise RuntimeError("the disk went away")

    at = _start(app, "pages/3_processes.py")
    from cxdash.evidence import service

    monkeypatch.setattr(service, "open_backlog", broken)
    at.multiselect(key="scope_segment").set_value(["VIP"]).run()
    cached.settle_prefetches()
    # The page's own call met it again: the frame says so in words, no traceback.
    assert not at.exception
    assert at.error and "the disk went away" not in at.error[0].value
