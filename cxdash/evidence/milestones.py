"""Evidence from the objectives and milestones the team keeps (steps 4 and 8, Overview).

Every function takes the ``milestones`` rows as :func:`cxdash.artefacts.read`
returns them; the table is small, so it is shaped in pandas.

When is a milestone at risk? As of a date (the end of the period on screen), a
milestone that is not done is **at risk** when any of these holds:

- ``status``: the team says so, its status reads "at risk" or "off track";
- ``overdue``: its due date has passed and its progress is below 100;
- ``behind``: its progress trails the share of time elapsed between its start
  and due dates by more than :data:`BEHIND_MARGIN` points.

A milestone is done when its progress is 100 or its status reads "done"
(or "completed"). A missing progress counts as 0. Statuses are compared in
lower case with ``_`` and ``-`` read as spaces, so "Off-track" is "off track".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from cxdash.schema import HORIZONS
from cxdash.scorecard import target_status

AT_RISK_STATUSES = ("at risk", "off track")
DONE_STATUSES = ("done", "completed", "complete")
# Points of progress a milestone may trail the elapsed time before it counts as behind.
BEHIND_MARGIN = 10.0
# Why a milestone is at risk, in the order they are listed.
REASONS = ("status", "overdue", "behind")
# How a milestone stands: done, on track (not done, not at risk), or at risk.
HEALTH = ("done", "on_track", "at_risk")

_COLUMNS = (
    "objective",
    "milestone",
    "kpi",
    "target",
    "horizon",
    "owner",
    "start_date",
    "due_date",
    "status",
    "progress",
)


def status_key(status: object) -> str:
    """A status as compared: lower case, ``_`` and ``-`` as spaces, single spaces; "" if none."""
    if status is None or (isinstance(status, float) and np.isnan(status)) or status is pd.NA:
        return ""
    text = str(status).lower().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce")


def expected_progress(milestones: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """The share of time elapsed between start and due date on ``as_of``, 0-100.

    NaN when either date is missing; a milestone due on the day it starts is 0
    before that day and 100 from it on.
    """
    start = _dates(milestones["start_date"])
    due = _dates(milestones["due_date"])
    day = pd.Timestamp(as_of)
    total = (due - start).dt.days.astype("float64")
    elapsed = (day - start).dt.days.astype("float64")
    share = 100.0 * elapsed / total.where(total > 0)
    instant = (total == 0) & due.notna()
    share = share.where(~instant, np.where(day >= due, 100.0, 0.0))
    return share.clip(lower=0.0, upper=100.0).astype("float64")


def assess(milestones: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Every milestone with how it stands on ``as_of``.

    Columns: the artefact's columns, then ``expected`` (time elapsed, 0-100,
    NaN without both dates), ``reasons`` (comma-separated :data:`REASONS` that
    put it at risk, "" if none) and ``health`` (one of :data:`HEALTH`). Same
    rows and order as ``milestones``; no rows give zero rows with these columns.
    """
    frame = milestones.reindex(columns=list(_COLUMNS)).copy()
    keys = frame["status"].map(status_key)
    progress = pd.to_numeric(frame["progress"], errors="coerce").astype("float64").fillna(0.0)
    due = _dates(frame["due_date"])
    expected = expected_progress(frame, as_of)
    done = (progress >= 100.0) | keys.isin(DONE_STATUSES)
    flags = {
        "status": keys.isin(AT_RISK_STATUSES),
        "overdue": due.notna() & (due < pd.Timestamp(as_of)) & (progress < 100.0),
        "behind": expected.notna() & (progress < expected - BEHIND_MARGIN),
    }
    frame["expected"] = expected
    frame["reasons"] = [
        ",".join(r for r in REASONS if flags[r].iloc[i]) if not done.iloc[i] else ""
        for i in range(len(frame))
    ]
    at_risk = frame["reasons"] != ""
    frame["health"] = np.where(done, "done", np.where(at_risk, "at_risk", "on_track"))
    return frame.astype({"reasons": "object", "health": "object"})


def at_risk(milestones: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The milestones at risk on ``as_of`` (see the module docstring), soonest due first.

    Columns: ``milestone``, ``objective``, ``owner``, ``due_date`` (date or
    NaT), ``status``, ``progress``, ``expected``, ``reasons``. Milestones
    without a due date come last. None at risk: zero rows with these columns.
    """
    columns = [
        "milestone",
        "objective",
        "owner",
        "due_date",
        "status",
        "progress",
        "expected",
        "reasons",
    ]
    frame = assess(milestones, as_of)
    frame = frame[frame["health"] == "at_risk"].copy()
    frame["due_date"] = _dates(frame["due_date"])
    frame = frame.sort_values(["due_date", "milestone"], na_position="last", kind="stable")
    return frame[columns].reset_index(drop=True)


def health_counts(milestones: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """How many milestones are done, on track and at risk on ``as_of``.

    Columns: ``health`` (every one of :data:`HEALTH`, in that order), ``milestones``
    (int) and ``share`` (percent of all milestones, NaN when there are none).
    """
    counts = assess(milestones, as_of)["health"].value_counts()
    frame = pd.DataFrame({"health": list(HEALTH)})
    frame["milestones"] = [int(counts.get(h, 0)) for h in HEALTH]
    total = frame["milestones"].sum()
    frame["share"] = 100.0 * frame["milestones"] / total if total else np.nan
    return frame.astype({"milestones": "int64", "share": "float64"})


def timeline(milestones: pd.DataFrame) -> pd.DataFrame:
    """Milestones that have both a start and a due date, for a timeline by horizon.

    Columns: the artefact's columns with ``start_date`` and ``due_date`` as
    datetime64, sorted by horizon (6m to 5y, then unknown ones), start date and
    name. Rows missing either date are left out.
    """
    frame = milestones.reindex(columns=list(_COLUMNS)).copy()
    frame["start_date"] = _dates(frame["start_date"])
    frame["due_date"] = _dates(frame["due_date"])
    frame = frame[frame["start_date"].notna() & frame["due_date"].notna()]
    order = {h: i for i, h in enumerate(HORIZONS)}
    rank = frame["horizon"].map(lambda h: order.get(h, len(HORIZONS)))
    frame = frame.assign(_rank=rank).sort_values(
        ["_rank", "start_date", "milestone"], kind="stable"
    )
    return frame.drop(columns="_rank").reset_index(drop=True)


def progress(milestones: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Progress of every milestone against the time elapsed, for progress bars.

    Columns: ``milestone``, ``objective``, ``owner``, ``due_date``,
    ``status`` (as the team wrote it), ``status_key`` (see :func:`status_key`),
    ``progress`` (0-100, missing as 0), ``expected`` and ``health`` (see
    :func:`assess`). Soonest due first, undated last.
    """
    frame = assess(milestones, as_of)
    frame["status_key"] = frame["status"].map(status_key)
    frame["progress"] = pd.to_numeric(frame["progress"], errors="coerce").fillna(0.0)
    frame["due_date"] = _dates(frame["due_date"])
    frame = frame.sort_values(["due_date", "milestone"], na_position="last", kind="stable")
    columns = [
        "milestone",
        "objective",
        "owner",
        "due_date",
        "status",
        "status_key",
        "progress",
        "expected",
        "health",
    ]
    return frame[columns].astype({"progress": "float64"}).reset_index(drop=True)


def kpi_targets(milestones: pd.DataFrame, card: pd.DataFrame) -> pd.DataFrame:
    """Where each milestone's KPI stands today against the milestone's own target.

    ``card``: :func:`cxdash.evidence.scorecard.scorecard` for the period on
    screen. One row per milestone that names a KPI of the catalog and a
    numeric target: ``milestone``, ``kpi``, ``stage``, ``unit``, ``value`` (the
    KPI for the period), ``target`` (the milestone's), ``status`` (see
    :func:`cxdash.scorecard.target_status`: whether the value already meets
    it), ``horizon`` and ``due_date``. Grouped by KPI in catalog order, then
    soonest due first.
    """
    frame = milestones.reindex(columns=list(_COLUMNS))
    target = pd.to_numeric(frame["target"], errors="coerce")
    known = frame["kpi"].isin(card["kpi"]) & target.notna()
    rows = frame[known].assign(target=target[known], due_date=_dates(frame["due_date"][known]))
    merged = rows[["milestone", "kpi", "target", "horizon", "due_date"]].merge(
        card[["kpi", "stage", "unit", "direction", "value"]], on="kpi", how="left"
    )
    merged["status"] = [
        target_status(None if pd.isna(v) else float(v), float(t), d)
        for v, t, d in zip(merged["value"], merged["target"], merged["direction"], strict=True)
    ]
    order = {k: i for i, k in enumerate(card["kpi"])}
    merged = merged.assign(_order=merged["kpi"].map(order)).sort_values(
        ["_order", "due_date", "milestone"], na_position="last", kind="stable"
    )
    columns = [
        "milestone",
        "kpi",
        "stage",
        "unit",
        "value",
        "target",
        "status",
        "horizon",
        "due_date",
    ]
    return merged[columns].astype({"value": "float64", "target": "float64"}).reset_index(drop=True)
