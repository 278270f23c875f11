"""Cohort retention: the share of each monthly cohort still ordering k months later.

A customer's cohort is the calendar month of their first order among the
selected orders (filters apply, dates do not: a first order is a first order
whatever period is shown). Cell (cohort, k) is the share of the cohort's
customers with an order in calendar month cohort + k; k = 0 is 100 by
construction. The cohorts shown are those whose month starts inside the period
(its first day between ``period.start`` and ``period.end``), and each runs from
k = 0 up to the month of ``period.end``. Cells count orders on any day of their
calendar month, also after ``period.end`` in its month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from cxdash.filters import Filters
from cxdash.kpis import facts
from cxdash.kpis.sql import fetch
from cxdash.period import Period

COLUMNS = ("cohort", "k", "customers", "retained", "rate")


def month_number(day: dt.date) -> int:
    """Months counted as year x 12 + month, the form the SQL uses too."""
    return day.year * 12 + day.month


def month_label(number: int) -> str:
    """``YYYY-MM`` for a month number of :func:`month_number`."""
    first = month_start(number)
    return f"{first.year:04d}-{first.month:02d}"


def month_start(number: int) -> dt.date:
    """The first day of a month given as a :func:`month_number`."""
    year, month0 = divmod(number - 1, 12)
    return dt.date(year, month0 + 1, 1)


def cohort_months(period: Period) -> tuple[int, int] | None:
    """First and last cohort month numbers shown for ``period``; None when no month starts in it."""
    first = month_number(period.start) + (0 if period.start.day == 1 else 1)
    last = month_number(period.end)
    return (first, last) if first <= last else None


def cohort_matrix(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """The cohort retention matrix as a list of cells, ordered by cohort, then k.

    Each cell is ``{"cohort": "YYYY-MM", "k": int, "customers": int,
    "retained": int, "rate": float}``: ``customers`` is the cohort size,
    ``retained`` those with an order in month cohort + k, ``rate`` =
    retained / customers x 100 (0-100, unrounded). Every k from 0 to the month of
    ``period.end`` is present, with 0 retained where nobody ordered. Empty when
    no cohort month starts in the period or no selected customer's first order does.
    """
    months = cohort_months(period)
    if months is None:
        return []
    first, last = months
    filters = filters or Filters()
    bounds = {"months_start": month_start(first), "months_end": month_start(last + 1)}
    if facts.usable(con, filters):
        # The same cells without grouping the orders by customer (facts.py).
        columns = facts.columns(facts.ORDERS, filters)
        rows = fetch(con, "cohorts_from_facts", filters, bounds, columns)
    else:
        rows = fetch(con, "cohorts", filters, bounds)
    retained = {(r["cohort_month"], r["k"]): r["retained"] for r in rows}
    # k = 0 holds every member of the cohort, so it is the cohort's size.
    sizes = {cohort: n for (cohort, k), n in retained.items() if k == 0}
    cells = []
    for cohort in sorted(sizes):
        size = sizes[cohort]
        for k in range(last - cohort + 1):
            n = retained.get((cohort, k), 0)
            cells.append(
                {
                    "cohort": month_label(cohort),
                    "k": k,
                    "customers": size,
                    "retained": n,
                    "rate": 100.0 * n / size,
                }
            )
    return cells


def cohort_frame(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters | None = None):
    """:func:`cohort_matrix` as a pandas DataFrame with columns ``COLUMNS`` (long form).

    For a heatmap, pivot it: ``frame.pivot(index="cohort", columns="k", values="rate")``.
    """
    import pandas as pd  # only chart callers need pandas

    return pd.DataFrame(cohort_matrix(con, period, filters), columns=list(COLUMNS))
