"""order_facts: the orders with each one's neighbours, so customer counts need no grouping.

``sql/order_facts.sql`` builds the table; ``sql/orders_from_facts.sql`` computes
the orders KPIs from it in a fraction of the time ``sql/orders.sql`` takes at a
million customers. The table is derived data: it is rebuilt after the orders
change (a load, an undo, the demo) and read only while it matches them, so
numbers never depend on whether it is there. When it is missing or out of date
the engine falls back to ``orders.sql``, which gives the same numbers.

"Matches" is checked cheaply on every read: the fingerprint stored with the
table (meta key ``order_facts``) is the row counts of orders and customers
(order_facts carries each customer's segment and region) plus the number of
their loads and undos in the load history. Loads, undos and the demo are the
only writers of those tables; each one changes the fingerprint.
"""

from __future__ import annotations

import logging
import time

import duckdb

from cxdash import store
from cxdash.filters import Filters
from cxdash.kpis.sql import template

_META_KEY = "order_facts"
_log = logging.getLogger(__name__)


def fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The state of orders and customers that order_facts must have been built from."""
    row = con.execute(
        """
        SELECT
            (SELECT count(*) FROM orders),
            (SELECT count(*) FROM customers),
            count(*) FILTER (WHERE dataset = 'orders'),
            count(undone_at) FILTER (WHERE dataset = 'orders'),
            count(*) FILTER (WHERE dataset = 'customers'),
            count(undone_at) FILTER (WHERE dataset = 'customers')
        FROM load_history
        """
    ).fetchone()
    return ":".join(map(str, row))


def _built_from(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = $key", {"key": _META_KEY}).fetchone()
    return row[0] if row else None


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when order_facts exists and was built from the orders as they are now."""
    built = _built_from(con)
    return built is not None and built == fingerprint(con)


def usable(con: duckdb.DuckDBPyConnection, filters: Filters) -> bool:
    """Whether the orders KPIs under ``filters`` can come from order_facts.

    Each fact knows its neighbours among all of the customer's orders and among
    the orders of its own channel; a choice of two or more channels selects
    orders whose neighbours are known to neither, so it goes the long way.
    """
    return len(filters.channels) <= 1 and is_current(con)


def refresh(con: duckdb.DuckDBPyConnection) -> float:
    """Rebuild order_facts from the orders in one transaction; returns the seconds it took."""
    started = time.perf_counter()
    with store.transaction(con):
        con.execute(template("order_facts"))
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ($key, $value)",
            {"key": _META_KEY, "value": fingerprint(con)},
        )
    return time.perf_counter() - started


def refresh_if_stale(con: duckdb.DuckDBPyConnection) -> float | None:
    """Rebuild order_facts when orders or customers changed since it was built.

    Called after every write to those tables (loads, undos, the demo). Returns
    the seconds the rebuild took, or None when nothing needed rebuilding or the
    rebuild failed: the write before it stands either way, and the KPIs come
    from the orders themselves until a later rebuild succeeds.
    """
    try:
        if is_current(con):
            return None
        return refresh(con)
    except duckdb.Error as failed:
        _log.warning("order_facts not rebuilt, KPIs read the orders directly: %s", failed)
        return None
