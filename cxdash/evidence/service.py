"""Evidence for step 3 (processes): the service process as the tickets show it.

Ticket queries select tickets by the calendar date they were opened, like the
service KPIs (``cxdash/kpis/sql/tickets.sql``): ``opened_at >= start`` and
``opened_at < end + 1 day``, both bound. The global filters apply through
:func:`cxdash.filters.predicate` (channel is the ticket's own).

The barrier register (the step's artefact) is summarised from the saved rows.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters
from cxdash.kpis import facts
from cxdash.period import Period

# Time from opening to resolution, in exact hours; "unresolved" has no resolution yet.
RESOLUTION_BUCKETS = ("under_1h", "1_4h", "4_8h", "8_24h", "1_3d", "over_3d", "unresolved")
# How long a ticket still open at a month end had been open, in days.
BACKLOG_AGES = ("under_7d", "7_30d", "over_30d")

_MONTHLY_SQL = """
SELECT
    date_trunc('month', tk.opened_at) AS month,
    tk.channel,
    count(*) AS tickets
FROM {tickets} AS tk
WHERE tk.opened_at >= $start_at
  AND tk.opened_at < $end_before
  AND {selected}
GROUP BY 1, 2
"""

_RESOLUTION_SQL = """
WITH timed AS (
    SELECT
        tk.channel,
        date_diff('microsecond', tk.opened_at, tk.resolved_at) / 3600000000 AS hours
    FROM {tickets} AS tk
    WHERE tk.opened_at >= $start_at
      AND tk.opened_at < $end_before
      AND {selected}
)
SELECT
    channel,
    CASE
        WHEN hours IS NULL THEN 'unresolved'
        WHEN hours < 1 THEN 'under_1h'
        WHEN hours < 4 THEN '1_4h'
        WHEN hours < 8 THEN '4_8h'
        WHEN hours < 24 THEN '8_24h'
        WHEN hours < 72 THEN '1_3d'
        ELSE 'over_3d'
    END AS bucket,
    count(*) AS tickets
FROM timed
GROUP BY 1, 2
"""

_RATES_SQL = """
SELECT
    tk.channel,
    count(*) AS tickets,
    100 * count(*) FILTER (WHERE tk.first_contact_resolution = TRUE) / count(*) AS fcr,
    100 * count(*) FILTER (WHERE CAST(tk.resolved_at AS DATE) = CAST(tk.opened_at AS DATE))
        / count(*) AS same_day_resolution_rate
FROM {tickets} AS tk
WHERE tk.opened_at >= $start_at
  AND tk.opened_at < $end_before
  AND {selected}
GROUP BY tk.channel
ORDER BY tickets DESC, tk.channel
"""

# One snapshot per month: midnight after its last day (or after the end day for
# the last month). A ticket is open at a snapshot when it was opened before it
# and resolved at or after it, or never.
_BACKLOG_SQL = """
WITH snapshots AS (
    SELECT * FROM (VALUES {snapshots}) AS s (month, last_day, taken_at)
),
candidates AS (
    SELECT tk.opened_at, tk.resolved_at
    FROM {tickets} AS tk
    WHERE tk.opened_at < $last_taken_at
      AND (tk.resolved_at IS NULL OR tk.resolved_at >= $first_taken_at)
      AND {selected}
)
SELECT
    s.month,
    CASE
        WHEN date_diff('day', CAST(c.opened_at AS DATE), s.last_day) < 7 THEN 'under_7d'
        WHEN date_diff('day', CAST(c.opened_at AS DATE), s.last_day) <= 30 THEN '7_30d'
        ELSE 'over_30d'
    END AS age,
    count(*) AS tickets
FROM snapshots AS s
JOIN candidates AS c
  ON c.opened_at < s.taken_at
 AND (c.resolved_at IS NULL OR c.resolved_at >= s.taken_at)
GROUP BY 1, 2
"""


def _bounds(period: Period) -> dict[str, dt.datetime]:
    return {
        "start_at": dt.datetime.combine(period.start, dt.time()),
        "end_before": dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time()),
    }


def _month_start(day: dt.date, months_back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def _channels_by_volume(frame: pd.DataFrame) -> list[str]:
    totals = frame.groupby("channel")["tickets"].sum()
    return sorted(totals.index, key=lambda c: (-totals[c], c))


def tickets_by_month(
    con: duckdb.DuckDBPyConnection, end: dt.date, filters: Filters, months: int = 24
) -> pd.DataFrame:
    """Tickets opened per calendar month and channel, ``months`` months up to ``end``.

    Columns: ``month`` (first day, datetime64), ``channel``, ``tickets`` (int).
    Every month appears for every channel that has a ticket in the window (zero
    where it had none); channels come by volume, largest first. No tickets in
    the window: zero rows.
    """
    first_day = _month_start(end, months - 1)
    tickets, selected, params = facts.rows(con, "tickets", filters, "tk")
    bounds = _bounds(Period(first_day, end))
    found = con.execute(
        _MONTHLY_SQL.format(tickets=tickets, selected=selected), {**bounds, **params}
    ).df()
    if found.empty:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[us]"),
                "channel": pd.Series(dtype="object"),
                "tickets": pd.Series(dtype="int64"),
            }
        )
    found["month"] = pd.to_datetime(found["month"])
    grid = pd.MultiIndex.from_product(
        [_channels_by_volume(found), pd.date_range(first_day, periods=months, freq="MS")],
        names=["channel", "month"],
    ).to_frame(index=False)
    frame = grid.merge(found, on=["channel", "month"], how="left").fillna({"tickets": 0})
    return frame[["month", "channel", "tickets"]].astype({"tickets": "int64"})


def resolution_times(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters
) -> pd.DataFrame:
    """Tickets opened in ``period`` per channel and resolution-time bucket.

    Buckets (:data:`RESOLUTION_BUCKETS`) by exact hours from opening to
    resolution, whenever resolved: under 1 h, 1-4 h, 4-8 h, 8-24 h, 1-3 days,
    over 3 days (a bucket includes its lower bound), and ``unresolved``.
    Columns: ``channel``, ``bucket``, ``tickets`` (int), ``share`` (percent of
    the channel's tickets opened in the period, DOUBLE). Every bucket appears
    for every channel with tickets; channels by volume. No tickets: zero rows.
    """
    tickets, selected, params = facts.rows(con, "tickets", filters, "tk")
    sql = _RESOLUTION_SQL.format(tickets=tickets, selected=selected)
    found = con.execute(sql, {**_bounds(period), **params}).df()
    if found.empty:
        return pd.DataFrame(
            {
                "channel": pd.Series(dtype="object"),
                "bucket": pd.Series(dtype="object"),
                "tickets": pd.Series(dtype="int64"),
                "share": pd.Series(dtype="float64"),
            }
        )
    grid = pd.MultiIndex.from_product(
        [_channels_by_volume(found), RESOLUTION_BUCKETS], names=["channel", "bucket"]
    ).to_frame(index=False)
    frame = grid.merge(found, on=["channel", "bucket"], how="left").fillna({"tickets": 0})
    frame = frame.astype({"tickets": "int64"})
    totals = frame.groupby("channel")["tickets"].transform("sum")
    frame["share"] = 100.0 * frame["tickets"] / totals
    return frame


def resolution_rates(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters
) -> pd.DataFrame:
    """First-contact and same-day resolution per channel, tickets opened in ``period``.

    The KPI catalog's ``fcr`` and ``same_day_resolution_rate``, per channel:
    the share (0-100) of the channel's tickets opened in the period with
    ``first_contact_resolution`` true, and resolved on the calendar day they
    were opened. Unresolved tickets (and a NULL flag) count in the denominator.
    Columns: ``channel``, ``tickets`` (int), ``fcr``, ``same_day_resolution_rate``
    (DOUBLE); channels by volume. No tickets: zero rows.
    """
    tickets, selected, params = facts.rows(con, "tickets", filters, "tk")
    sql = _RATES_SQL.format(tickets=tickets, selected=selected)
    frame = con.execute(sql, {**_bounds(period), **params}).df()
    return frame.astype(
        {"tickets": "int64", "fcr": "float64", "same_day_resolution_rate": "float64"}
    )


def open_backlog(
    con: duckdb.DuckDBPyConnection, end: dt.date, filters: Filters, months: int = 24
) -> pd.DataFrame:
    """Tickets still open at the end of each month, by how long they had been open.

    A snapshot per calendar month of the ``months`` months up to ``end``, taken
    at midnight after the month's last day; for the month of ``end``, after
    ``end`` itself. Open: opened before the snapshot and not resolved before it.
    Age in calendar days from the day opened to the snapshot's last day:
    ``under_7d`` (0-6), ``7_30d`` (7-30), ``over_30d`` (:data:`BACKLOG_AGES`).
    Columns: ``month`` (first day, datetime64), ``age``, ``tickets`` (int).
    Every month and age appears, zero where nothing was open; when no ticket was
    open at any of the snapshots (or the table is empty): zero rows.
    """
    first_day = _month_start(end, months - 1)
    params: dict = {}
    rows = []
    for i in range(months):
        month = _month_start(end, months - 1 - i)
        last_day = min(_month_start(month, -1) - dt.timedelta(days=1), end)
        params[f"month_{i}"] = month
        params[f"last_day_{i}"] = last_day
        params[f"taken_at_{i}"] = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
        rows.append(f"($month_{i}, $last_day_{i}, $taken_at_{i})")
    params["first_taken_at"] = params["taken_at_0"]
    params["last_taken_at"] = params[f"taken_at_{months - 1}"]
    tickets, selected, filter_params = facts.rows(con, "tickets", filters, "tk")
    sql = _BACKLOG_SQL.format(snapshots=", ".join(rows), tickets=tickets, selected=selected)
    found = con.execute(sql, {**params, **filter_params}).df()
    if found.empty:
        return pd.DataFrame(
            {
                "month": pd.Series(dtype="datetime64[us]"),
                "age": pd.Series(dtype="object"),
                "tickets": pd.Series(dtype="int64"),
            }
        )
    found["month"] = pd.to_datetime(found["month"])
    grid = pd.MultiIndex.from_product(
        [pd.date_range(first_day, periods=months, freq="MS"), BACKLOG_AGES],
        names=["month", "age"],
    ).to_frame(index=False)
    frame = grid.merge(found, on=["month", "age"], how="left").fillna({"tickets": 0})
    return frame.astype({"tickets": "int64"})


# Statuses a team is likely to type, in the order work moves through them;
# anything else follows alphabetically.
_STATUS_ORDER = (
    "open",
    "new",
    "not started",
    "planned",
    "blocked",
    "on hold",
    "in progress",
    "resolved",
    "done",
    "closed",
)


def _status_rank(status: str) -> int:
    key = status.strip().lower()
    return _STATUS_ORDER.index(key) if key in _STATUS_ORDER else len(_STATUS_ORDER)


def barrier_matrix(barriers: pd.DataFrame, blank: str = "") -> pd.DataFrame:
    """The barrier register counted per area and status (rows as ``artefacts.read`` gives them).

    Columns: ``area``, ``status``, ``barriers`` (int), ``max_severity`` (float,
    NaN when no barrier of the cell has a severity). Only cells with barriers
    appear; an empty area or status becomes ``blank``. Areas come by number of
    barriers, largest first; statuses in workflow order (open ... in progress
    ... resolved, done), unknown ones alphabetically after. No rows: zero rows.
    """
    columns = ["area", "status", "barriers", "max_severity"]
    if barriers.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns}).astype(
            {"barriers": "int64", "max_severity": "float64"}
        )
    rows = pd.DataFrame(
        {
            "area": barriers["area"].map(_label_or(blank)),
            "status": barriers["status"].map(_label_or(blank)),
            "severity": pd.to_numeric(barriers["severity"], errors="coerce").astype("float64"),
        }
    )
    frame = (
        rows.groupby(["area", "status"], sort=False)
        .agg(barriers=("severity", "size"), max_severity=("severity", "max"))
        .reset_index()
    )
    frame["_area_total"] = -frame.groupby("area")["barriers"].transform("sum")
    frame["_status_rank"] = frame["status"].map(_status_rank)
    order = ["_area_total", "area", "_status_rank", "status"]
    frame = frame.sort_values(order).drop(columns=["_area_total", "_status_rank"])
    return frame.reset_index(drop=True).astype({"barriers": "int64", "max_severity": "float64"})


def _label_or(blank: str):
    def label(value) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
            return blank
        text = str(value).strip()
        return text or blank

    return label
