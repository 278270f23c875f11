"""Fact tables: rows that know their neighbours, so customer counts need no grouping.

Counting distinct customers over a period means grouping millions of rows by
customer on every request. The fact tables store, once per data change, what
those counts need to know about each row's neighbours among the same
customer's rows, so each count becomes a filtered count over the period's rows:

- ``order_facts`` (``sql/order_facts.sql``): every order with the customer's
  previous and next order, overall and within the order's channel. The orders
  KPIs (``sql/orders_from_facts.sql``) and the monthly customer counts
  (cxdash/evidence/scorecard.py) read it. The same build makes
  ``order_days``: per day, channel, segment and region, the day's order sums
  and the trailing year's customers and revenue (:func:`order_days`, arpc_12m).
- ``touchpoint_facts`` (``sql/touchpoint_facts.sql``): every touchpoint with
  the customer's previous day in the same stage and nearest purchase days, for
  conversion_rate (``sql/touchpoints_from_facts.sql``), its monthly series and
  the journey's customers per stage and channel (cxdash/evidence/journey.py).
- ``order_follow_ups`` (``sql/order_follow_ups.sql``): every order with the
  days to its customer's next order, ticket, survey response and referral.
- ``ticket_facts`` and ``survey_facts``: the tickets and survey responses
  with their customer's segment and region (:func:`rows`).
- ``order_intents`` (``sql/order_intents.sql``): the orders and revenue per
  day, channel, segment, region, device and the intent of the customer's last
  touchpoint before the order, for the insights' orders by intent.

All carry the customer's segment and region, so filters need no lookup.

They are derived data, rebuilt after loads, undos and the demo, and read only
while they match their sources; otherwise every query falls back to the
original SQL over the tables themselves, which gives the same numbers (the
tests compare the two). "Matches" is checked cheaply on every read: the
fingerprint stored with a table (in ``meta``) is the row counts of its sources
plus the number of their loads and undos in the load history. Loads, undos and
the demo are the only writers of those tables; each one changes the fingerprint.
The app also rebuilds stale tables once after it starts (cxdash/ui/database.py),
for a database built by another version.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from cxdash import store
from cxdash.filters import Filters
from cxdash.filters import predicate as rows_predicate
from cxdash.kpis.sql import template

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FactTable:
    name: str  # the table, its build file sql/<name>.sql and its meta key
    sources: tuple[str, ...]  # the tables it is derived from
    also: tuple[str, ...] = ()  # further tables the same build file makes, current with it

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.name, *self.also)


ORDERS = FactTable("order_facts", ("orders", "customers"), also=("order_days",))
TOUCHPOINTS = FactTable("touchpoint_facts", ("touchpoints", "customers"))
INTENTS = FactTable("order_intents", ("orders", "touchpoints", "customers"))
TICKETS = FactTable("ticket_facts", ("tickets", "customers"))
SURVEYS = FactTable("survey_facts", ("surveys", "customers"))
FOLLOW_UPS = FactTable("order_follow_ups", ("orders", "customers", "tickets", "surveys"))
TABLES = (ORDERS, TOUCHPOINTS, INTENTS, TICKETS, SURVEYS, FOLLOW_UPS)
# The datasets kept as a copy with the customer's segment and region.
_WITH_SEGMENT = {"tickets": TICKETS, "surveys": SURVEYS}
# order_facts holds every order as well, stored by date, with some of its
# columns (among them the date, amount, channel and campaign).
_ROWS_WITH_SEGMENT = {**_WITH_SEGMENT, "orders": ORDERS}


def _source_states(con: duckdb.DuckDBPyConnection, sources: tuple[str, ...]) -> dict[str, str]:
    """``{source: "rows:loads:undos"}`` for each of ``sources``, read in one query."""
    # Table names come from the data model, never from a user.
    counted = ", ".join(f"('{s}', (SELECT count(*) FROM {s}))" for s in sources)
    rows = con.execute(
        f"""
        SELECT s.name, s.n, count(h.dataset), count(h.undone_at)
        FROM (VALUES {counted}) AS s(name, n)
        LEFT JOIN load_history AS h ON h.dataset = s.name
        GROUP BY s.name, s.n
        """
    ).fetchall()
    return {name: f"{n}:{loads}:{undos}" for name, n, loads, undos in rows}


def _fingerprint(table: FactTable, states: dict[str, str]) -> str:
    parts = [hashlib.sha256(template(table.name).encode()).hexdigest()[:16]]
    parts += [f"{source}={states[source]}" for source in table.sources]
    return ";".join(parts)


def fingerprint(con: duckdb.DuckDBPyConnection, table: FactTable = ORDERS) -> str:
    """The state of ``table``'s sources that it must have been built from.

    It starts with a digest of the build SQL: a version of the app that builds
    the table differently does not read a table an earlier version built.
    """
    return _fingerprint(table, _source_states(con, table.sources))


def _current(con: duckdb.DuckDBPyConnection) -> dict[str, bool]:
    """``{fact table: is current}`` for every fact table: two queries in all."""
    states = _source_states(con, tuple(dict.fromkeys(s for t in TABLES for s in t.sources)))
    built = dict(
        con.execute(
            "SELECT key, value FROM meta WHERE key IN $names", {"names": [t.name for t in TABLES]}
        ).fetchall()
    )
    return {t.name: built.get(t.name) == _fingerprint(t, states) for t in TABLES}


def _built_from(con: duckdb.DuckDBPyConnection, table: FactTable) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = $key", {"key": table.name}).fetchone()
    return row[0] if row else None


# The verdicts shared by the reads of a checks_once block (None outside one).
_verdicts: contextvars.ContextVar[dict[str, bool] | None] = contextvars.ContextVar(
    "fact_table_verdicts", default=None
)


@contextmanager
def checks_once(verdicts: dict[str, bool] | None) -> Iterator[None]:
    """Within the block, :func:`is_current` answers from ``verdicts``, filled on its first call.

    A page run asks up to eight times about several tables; sharing one dict
    between the run's reads checks every table once (two queries) instead of
    five queries per question. The dict must be emptied by whoever writes to
    the sources meanwhile (the app's write lock does). ``None``: no sharing.
    """
    token = _verdicts.set(verdicts)
    try:
        yield
    finally:
        _verdicts.reset(token)


def is_current(con: duckdb.DuckDBPyConnection, table: FactTable = ORDERS) -> bool:
    """True when ``table`` exists and was built from its sources as they are now."""
    verdicts = _verdicts.get()
    if verdicts is None:
        return _built_from(con, table) == fingerprint(con, table)
    if not verdicts:
        verdicts.update(_current(con))
    return verdicts[table.name]


def usable(con: duckdb.DuckDBPyConnection, filters: Filters, table: FactTable = ORDERS) -> bool:
    """Whether counts under ``filters`` can come from ``table``.

    Each fact knows its neighbours among all of the customer's rows and among
    the rows of its own channel; a choice of two or more channels selects rows
    whose neighbours are known to neither, so it goes the long way.
    """
    return len(filters.channels) <= 1 and is_current(con, table)


def predicate(filters: Filters, alias: str) -> tuple[str, dict]:
    """The condition selecting fact rows (aliased ``alias``) under ``filters``.

    Segment and region apply to the columns the fact tables carry (no lookup in
    customers), the channel to the row's own; values are bound parameters.
    """
    by_customer, params = rows_predicate("customers", filters, alias)
    by_channel, channel_params = rows_predicate("orders", Filters(channels=filters.channels), alias)
    return f"({by_customer}) AND ({by_channel})", params | channel_params


# The orders' sums per day, made from the orders themselves: what order_days
# holds, for when it is not current. Mobile is as order_facts.sql defines it.
_DAYS_FROM_ORDERS = """
SELECT
    o.order_date AS day,
    count(*) AS orders,
    sum(o.amount) AS revenue,
    sum(o.amount) FILTER (WHERE nullif(trim(o.campaign_id), '') IS NOT NULL) AS campaign_revenue,
    count(*) FILTER (
        WHERE lower(trim(o.device)) = 'mobile' OR o.channel = 'mobile_app'
    ) AS mobile_orders
FROM orders AS o
WHERE {selected}
GROUP BY o.order_date
"""


def order_days(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, dict]:
    """A query of the orders' sums per day under ``filters``, and its parameters.

    Its columns: ``day``, ``orders``, ``revenue``, ``campaign_revenue`` and
    ``mobile_orders``; a day may have several rows, so read it with sums.
    While order_facts is current it reads the rollup built with it
    (order_days: a row per day, channel, segment and region), which answers
    any filter, several channels included, from a few thousand rows; otherwise
    it sums the orders themselves, giving the same numbers.
    """
    if is_current(con, ORDERS):
        selected, params = predicate(filters, "d")
        columns = "d.day, d.orders, d.revenue, d.campaign_revenue, d.mobile_orders"
        return f"SELECT {columns} FROM order_days AS d WHERE {selected}", params
    selected, params = rows_predicate("orders", filters, "o")
    return _DAYS_FROM_ORDERS.format(selected=selected), params


def copies(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, str]:
    """``{dataset: copy}`` for the datasets to read from their copy with segment and region.

    Only under a segment or region filter (without one the dataset itself is as
    quick) and only while the copy is current.
    """
    if not filters.by_customer:
        return {}
    return {d: t.name for d, t in _WITH_SEGMENT.items() if is_current(con, t)}


def rows(
    con: duckdb.DuckDBPyConnection, dataset: str, filters: Filters, alias: str
) -> tuple[str, str, dict]:
    """``(table, condition, params)`` selecting the rows of ``dataset`` under ``filters``.

    Under a segment or region filter, tickets and surveys come from their copy
    with the customer's segment and region (:func:`copies`), and orders from
    order_facts (read only the columns it has), when current: no lookup in
    customers. Otherwise the dataset itself, with the same rows selected.
    """
    copy = _ROWS_WITH_SEGMENT.get(dataset)
    if copy is not None and filters.by_customer and is_current(con, copy):
        return (copy.name, *predicate(filters, alias))
    return (dataset, *rows_predicate(dataset, filters, alias))


def columns(table: FactTable, filters: Filters) -> dict[str, str]:
    """``table``'s column for each neighbour or running measure among the selected rows.

    Under a channel filter the selected rows are that channel's, so the
    ``*_in_channel`` columns answer. For order_facts the keys are previous,
    next, first, orders_so_far and amount_so_far; for touchpoint_facts
    previous_in_stage, last_purchase and next_purchase. Names come from here,
    never from a user.
    """
    if table == TOUCHPOINTS:
        keys = {
            "previous_in_stage": "previous_in_stage",
            "last_purchase": "last_purchase",
            "next_purchase": "next_purchase",
        }
    else:
        keys = {
            "previous": "previous_order",
            "next": "next_order",
            "first": "first_order",
            "orders_so_far": "orders_so_far",
            "amount_so_far": "amount_so_far",
            "year_customers": "year_customers",  # of order_days, built with order_facts
        }
    suffix = "_in_channel" if filters.channels else ""
    return {key: column + suffix for key, column in keys.items()}


# The rebuild sorts every row of its sources a few times; under the app's
# everyday memory limit those sorts spill to disk and take twice as long.
REBUILD_MEMORY = "1GB"


def refresh(con: duckdb.DuckDBPyConnection, table: FactTable = ORDERS) -> float:
    """Rebuild ``table`` from its sources in one transaction; returns the seconds it took.

    DuckDB may use up to :data:`REBUILD_MEMORY` meanwhile (when its limit is
    lower); the limit is put back afterwards.
    """
    started = time.perf_counter()
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    raise_limit = _bytes(limit) < _bytes(REBUILD_MEMORY)
    if raise_limit:
        con.execute("SET memory_limit = $limit", {"limit": REBUILD_MEMORY})
    try:
        with store.transaction(con):
            con.execute(template(table.name))
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ($key, $value)",
                {"key": table.name, "value": fingerprint(con, table)},
            )
    finally:
        if raise_limit:
            # DuckDB shows the limit rounded to 0.1 MiB; whole MiB, rounded up, set
            # back the same way every time instead of creeping down rebuild by rebuild.
            mib = math.ceil(_bytes(limit) / 2**20)
            con.execute("SET memory_limit = $limit", {"limit": f"{mib}MiB"})
    return time.perf_counter() - started


_UNITS = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}
_UNITS |= {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40}


def _bytes(setting: str) -> float:
    """A DuckDB memory setting ('244.1 MiB', '1GB') in bytes; infinity when unreadable."""
    number = setting.rstrip("BKMGTi ")
    unit = setting[len(number) :].strip()
    try:
        return float(number) * _UNITS[unit]
    except (KeyError, ValueError):
        return float("inf")  # leave a limit we cannot read as it is


def refresh_all(con: duckdb.DuckDBPyConnection) -> float:
    """Rebuild every fact table; the seconds it took."""
    return sum(refresh(con, table) for table in TABLES)


def refresh_if_stale(con: duckdb.DuckDBPyConnection) -> float | None:
    """Rebuild the fact tables whose sources changed since they were built.

    Called after every write to the source tables (loads, undos, the demo).
    Returns the seconds the rebuilds took, or None when nothing needed
    rebuilding or a rebuild failed: the write before it stands either way, and
    the KPIs come from the tables themselves until a later rebuild succeeds.
    """
    took = None
    for table in TABLES:
        try:
            if not is_current(con, table):
                took = (took or 0.0) + refresh(con, table)
        except duckdb.Error as failed:
            _log.warning("%s not rebuilt, the KPIs read its sources: %s", table.name, failed)
    return took
