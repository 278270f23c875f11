"""What the global filters can choose from: segments, regions, channels, dates."""

from __future__ import annotations

import datetime as dt

import duckdb

# Every dataset whose rows carry their own channel column.
_CHANNEL_SQL = """
SELECT DISTINCT channel FROM (
    SELECT channel FROM orders
    UNION ALL SELECT channel FROM touchpoints
    UNION ALL SELECT channel FROM tickets
    UNION ALL SELECT channel FROM surveys
    UNION ALL SELECT channel FROM campaigns
)
WHERE channel IS NOT NULL AND channel <> ''
ORDER BY channel
"""

_DATE_BOUNDS_SQL = """
SELECT min(d), max(d) FROM (
    SELECT min(order_date) AS d FROM orders UNION ALL SELECT max(order_date) FROM orders
    UNION ALL SELECT min(CAST(ts AS DATE)) FROM touchpoints
    UNION ALL SELECT max(CAST(ts AS DATE)) FROM touchpoints
    UNION ALL SELECT min(CAST(opened_at AS DATE)) FROM tickets
    UNION ALL SELECT max(CAST(opened_at AS DATE)) FROM tickets
    UNION ALL SELECT min(CAST(responded_at AS DATE)) FROM surveys
    UNION ALL SELECT max(CAST(responded_at AS DATE)) FROM surveys
)
"""


def _distinct(con: duckdb.DuckDBPyConnection, column: str) -> list[str]:
    # ``column`` is one of two fixed names below, never user input.
    rows = con.execute(
        f"SELECT DISTINCT {column} FROM customers "
        f"WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY {column}"
    ).fetchall()
    return [r[0] for r in rows]


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Values each filter offers: ``{"segment": [...], "region": [...], "channel": [...]}``."""
    return {
        "segment": _distinct(con, "segment"),
        "region": _distinct(con, "region"),
        "channel": [r[0] for r in con.execute(_CHANNEL_SQL).fetchall()],
    }


def date_bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date, dt.date] | None:
    """First and last day with any dated customer data, or None when there is none."""
    first, last = con.execute(_DATE_BOUNDS_SQL).fetchone()
    return (first, last) if first is not None else None
