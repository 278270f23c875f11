"""Cached query results for the pages.

Every function takes the data version first: a load bumps it, so the next run
misses the cache and shows the new data at once. Only small, aggregated
results are cached, never whole tables.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxdash import dimensions, series
from cxdash.filters import Filters
from cxdash.period import Period
from cxdash.period import resolve as resolve_period
from cxdash.ui.database import cursor

_TTL = "1h"


def query(func, version: int, *args):
    """``func(cursor, *args)`` for a library query function, cached per data version.

    The function's full name is part of the cache key, so any library query can
    be cached through here without a wrapper of its own. Keep results small.
    """
    return _query(func, f"{func.__module__}.{func.__qualname__}", version, *args)


@st.cache_data(ttl=_TTL, show_spinner=False, max_entries=500)
def _query(_func, name: str, version: int, *args):
    # ``_func`` is left out of the hash (functions cannot be hashed); ``name`` stands in.
    with cursor() as cur:
        return _func(cur, *args)


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


@st.cache_data(ttl=_TTL, show_spinner=False)
def kpi_results(version: int, period: Period, filters: Filters):
    from cxdash.kpis import kpi_results as compute

    with cursor() as cur:
        return compute(cur, period, filters)


@st.cache_data(ttl=_TTL, show_spinner=False)
def monthly_revenue(version: int, end: dt.date, filters: Filters, months: int = 24):
    with cursor() as cur:
        return series.monthly_revenue(cur, end, filters, months)


@st.cache_data(ttl=_TTL, show_spinner=False)
def dataset_counts(version: int) -> dict[str, int]:
    from cxdash import store

    with cursor() as cur:
        return store.dataset_counts(cur)
