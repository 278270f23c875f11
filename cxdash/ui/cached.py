"""Cached query results for the pages.

Every function takes the data version first: a load bumps it, so the next run
misses the cache and shows the new data at once. Only small, aggregated
results are cached, never whole tables. What pages work out from those results
is cached by :func:`derived`, keyed on the results themselves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import pickle
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor, wait

import streamlit as st

from cxdash import dimensions, series
from cxdash.filters import Filters
from cxdash.kpis import facts
from cxdash.period import Period
from cxdash.period import resolve as resolve_period
from cxdash.ui import database
from cxdash.ui.database import cursor

_TTL = "1h"


def query(func, version: int, *args):
    """``func(cursor, *args)`` for a library query function, cached per data version.

    The function's full name is part of the cache key, so any library query can
    be cached through here without a wrapper of its own. Keep results small.
    """
    return _query(fingerprint(func, version, args), (func, args))


@st.cache_data(ttl=_TTL, show_spinner=False, max_entries=500)
def _query(key: bytes, _call: tuple):
    # Only ``key`` is hashed by Streamlit: it stands for the function, the version and the
    # inputs, and costs far less to hash than the period and filters themselves.
    func, args = _call
    return _computed(func, args)


def _computed(func, args: tuple):
    """What a cache miss of :func:`query` works out (tests count these)."""
    with cursor() as cur, database.fact_checks():
        return _settled(func(cur, *args))


def derived(func, /, *args, **kwargs):
    """``func(*args, **kwargs)`` for a pure function of small results, cached per distinct inputs.

    For the pandas work a page does on cached query results (scorecards, gaps,
    milestones at risk): a rerun with the same results gets a copy of the
    answer instead of working it out again. The inputs are the key, so new data
    is a new key at once; they must be picklable (no lambdas).
    """
    return _derived(fingerprint(func, args, kwargs), (func, args, kwargs))


# Threads that work out a page's cache misses side by side: DuckDB runs each query
# on a cursor of its own and lets go of the GIL meanwhile, so on a filter change a
# page waits for its slowest query rather than for the sum of them.
_PREFETCH_THREAD = "cxdash-prefetch"
_prefetching = ThreadPoolExecutor(max_workers=3, thread_name_prefix=_PREFETCH_THREAD)
_ASKED = "cxdash_prefetched"  # session state: the keys this session has started
_ASKED_KEPT = 256
_running: set[Future] = set()
_running_lock = threading.Lock()


def prefetch(version: int, *calls: tuple) -> None:
    """Start the queries ``calls``, each ``(func, *args)`` as :func:`query` takes them.

    A page calls this first with the queries it is about to make; its own
    :func:`query` calls then find each result cached, or wait for the one under
    way (Streamlit works a key out once, however many threads ask for it). Only
    keys this session has not started before are started, so an unchanged rerun
    costs nothing. A prefetch that fails is forgotten: the page's own call
    meets the failure again and handles it as always.
    """
    asked: OrderedDict = st.session_state.setdefault(_ASKED, OrderedDict())
    verdicts = database.fact_verdicts()
    for func, *args in calls:
        key = fingerprint(func, version, tuple(args))
        if key in asked:
            continue
        asked[key] = None
        started = _prefetching.submit(_prefetched, key, (func, tuple(args)), verdicts)
        with _running_lock:
            _running.add(started)
        started.add_done_callback(_finished)
    while len(asked) > _ASKED_KEPT:
        asked.popitem(last=False)


def _finished(done: Future) -> None:
    with _running_lock:
        _running.discard(done)


def settle_prefetches() -> None:
    """Wait for every prefetch under way: before the caches are emptied, or the database changed."""
    with _running_lock:
        running = list(_running)
    wait(running)


def _prefetched(key: bytes, call: tuple, verdicts: dict[str, bool] | None) -> None:
    # A failure is the page's own call's to meet again and say so.
    with contextlib.suppress(Exception), facts.checks_once(verdicts):
        _query(key, call)


def _not_from_a_prefetch(record: logging.LogRecord) -> bool:
    # Streamlit warns about any cache call outside a script run; these are on purpose.
    return not record.threadName.startswith(_PREFETCH_THREAD)


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    _not_from_a_prefetch
)


@st.cache_data(ttl=_TTL, show_spinner=False, max_entries=500)
def _derived(key: bytes, _call: tuple):
    # Only ``key`` is hashed by Streamlit; it stands for the function and its inputs.
    func, args, kwargs = _call
    return _settled(func(*args, **kwargs))


def _settled(value):
    """``value`` as the cache hands it out on later runs: a copy through pickle.

    A frame fresh from DuckDB pickles a few bytes differently from its copies, so a
    key made from it on the run that computed it would miss on every later run.
    """
    return pickle.loads(pickle.dumps(value))


def fingerprint(*parts) -> bytes:
    """A short digest of ``parts`` that differs whenever their pickled content differs.

    Streamlit's own argument hashing costs about a millisecond per small data
    frame; pickling it costs a tenth of that. Functions pickle as their module
    and name, so a function is told apart from another but must be defined at
    module level (a lambda raises).
    """
    return hashlib.blake2b(pickle.dumps(parts, protocol=5), digest_size=20).digest()


@st.cache_data(ttl=_TTL, show_spinner=False)
def filter_options(version: int) -> dict[str, list[str]]:
    with cursor() as cur:
        return dimensions.filter_options(cur)


@st.cache_data(ttl=_TTL, show_spinner=False)
def date_bounds(version: int) -> tuple[dt.date, dt.date] | None:
    with cursor() as cur:
        return dimensions.date_bounds(cur)


@st.cache_data(ttl=_TTL, show_spinner=False)
def default_period(version: int, today: dt.date) -> tuple[dt.date, dt.date]:
    with cursor() as cur:
        period = resolve_period(cur, today=today)
    return period.start, period.end


def kpi_results(version: int, period: Period, filters: Filters):
    from cxdash.kpis import kpi_results as compute

    return query(compute, version, period, filters)


TREND_MONTHS = 24  # the months a revenue trend shows


def monthly_revenue(version: int, end: dt.date, filters: Filters, months: int = TREND_MONTHS):
    return query(series.monthly_revenue, version, end, filters, months)


@st.cache_data(ttl=_TTL, show_spinner=False)
def dataset_counts(version: int) -> dict[str, int]:
    from cxdash import store

    with cursor() as cur:
        return store.dataset_counts(cur)
