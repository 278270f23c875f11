"""Reporting periods: calendar dates, both ends inclusive.

Period arithmetic happens here in Python and is bound into SQL, so KPI SQL
never does date arithmetic that other engines would read differently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

DEFAULT_DAYS = 90
YEAR_DAYS = 365


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The same number of days immediately before ``start``."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def trailing_year(self) -> Period:
        """The 365 days ending at ``end`` (``end`` - 364 days to ``end``)."""
        return Period(self.end - dt.timedelta(days=YEAR_DAYS - 1), self.end)

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def latest_order_date(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    return con.execute("SELECT max(order_date) FROM orders").fetchone()[0]


def resolve(
    con: duckdb.DuckDBPyConnection,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    today: dt.date | None = None,
) -> Period:
    """The period a request means.

    With neither end given: the 90 days ending at the latest order date, or at
    today when there are no orders. With one end given, the other is taken
    from the same default (90 days back from ``end``, or up to the default end).
    """
    if start is not None and end is not None:
        return Period(start, end)
    if end is None:
        end = latest_order_date(con) or today or dt.date.today()
        if start is not None and end < start:
            end = start + dt.timedelta(days=DEFAULT_DAYS - 1)
    if start is None:
        start = end - dt.timedelta(days=DEFAULT_DAYS - 1)
    return Period(start, end)
