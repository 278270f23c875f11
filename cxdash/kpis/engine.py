"""Computing the KPIs of the catalog for a period under the active filters.

Every definition is DESIGN section 5; the SQL of each group of KPIs (orders,
campaigns, touchpoints, tickets, surveys) lives in ``sql/<group>.sql``. Each file
computes its KPIs for the period *and* its previous period in one pass (one row
per period), because the KPI cards show both and the expensive part, the work
per customer, is shared. This module binds the period bounds, runs one query
per group and combines the KPIs that need two groups (cac, ltv_cac and romi need
orders and campaign spend).

Values are plain Python numbers (``int`` for counts, ``float`` otherwise) or
``None`` for "no data": a ratio whose denominator is 0 or null. Counts and sums
over no rows are 0. Nothing is rounded here; formatting is the UI's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb

from cxdash.filters import Filters
from cxdash.kpis import facts
from cxdash.kpis.catalog import CATALOG, KPI_IDS, KpiDef
from cxdash.kpis.sql import day_start, fetch
from cxdash.period import Period
from cxdash.schema import DATASETS

Values = dict[str, float | int | None]

_NO_FILTERS = Filters()
_PERIODS = ("current", "previous")
_GROUPS = ("orders", "touchpoints", "tickets", "surveys")
# The groups with a fact-table version, sql/<group>_from_facts.sql (see facts.py).
_FACTS = {"orders": facts.ORDERS, "touchpoints": facts.TOUCHPOINTS}


def _bounds(period: Period) -> dict[str, Any]:
    """Every bound a KPI file may use, computed here so the SQL does no date arithmetic.

    Dates are inclusive (``BETWEEN $start AND $end`` on DATE columns); timestamps
    use half-open bounds ``ts >= $start_at AND ts < $end_before``, which is "the
    calendar date is in the period" without casting every row.
    """
    previous = period.previous()
    before_previous = previous.previous()
    year_start = period.trailing_year().start
    prev_year_start = previous.trailing_year().start
    return {
        "start": period.start,
        "end": period.end,
        "prev_start": previous.start,
        "prev_end": previous.end,
        "prev2_start": before_previous.start,
        "prev2_end": before_previous.end,
        "year_start": year_start,
        "prev_year_start": prev_year_start,
        "window_start": min(before_previous.start, prev_year_start),
        "prev_start_at": day_start(previous.start),
        "start_at": day_start(period.start),
        "end_before": day_start(period.end + dt.timedelta(days=1)),
    }


def _ratio(numerator: float | None, denominator: float | None, scale: float = 1.0) -> float | None:
    """numerator / denominator x scale; None (no data) when either is null or the denominator 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return scale * numerator / denominator


def _by_period(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {r.pop("period"): r for r in rows}
    if set(found) != set(_PERIODS):
        raise RuntimeError(f"expected one row per period {_PERIODS}, got {sorted(found)}")
    return found


def _period_values(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters
) -> dict[str, Values]:
    """Every KPI for ``period`` and ``period.previous()``: ``{"current": ..., "previous": ...}``.

    cac, ltv_cac and romi are None under a segment or region filter: campaign
    spend has no segment or region, so it cannot be split and a number would
    be wrong rather than missing.
    """
    bounds = _bounds(period)
    found: dict[str, dict[str, Any]] = {p: {} for p in _PERIODS}
    sources = facts.copies(con, filters)  # tickets and surveys with segment and region
    for group in _GROUPS:
        name = group
        # The same numbers as orders.sql and touchpoints.sql, without grouping by customer.
        table, columns = _FACTS.get(group), None
        if table is not None and facts.usable(con, filters, table):
            name, columns = f"{group}_from_facts", facts.columns(table, filters)
        for p, row in _by_period(fetch(con, name, filters, bounds, columns, sources)).items():
            found[p].update(row)
    spend: dict[str, float | None] = dict.fromkeys(_PERIODS)
    if not filters.by_customer:
        spend = {
            p: r["spend"] for p, r in _by_period(fetch(con, "campaigns", filters, bounds)).items()
        }

    result = {}
    for p, row in found.items():
        cac = _ratio(spend[p], row["new_customers"])
        row["cac"] = cac
        # ltv_cac is "no data" when cac is 0 or null: _ratio covers both.
        row["ltv_cac"] = _ratio(row["arpc_12m"], cac)
        row["romi"] = (
            None
            if spend[p] is None
            else _ratio(row["campaign_revenue"] - spend[p], spend[p], 100.0)
        )
        result[p] = {kpi_id: row[kpi_id] for kpi_id in KPI_IDS}
    return result


def kpi_values(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters = _NO_FILTERS
) -> Values:
    """Every KPI of the catalog for ``period`` under ``filters``: ``{id: value}``, catalog order.

    Counts (orders, active_customers, new_customers) are ``int``; the rest are
    ``float``; ``None`` where a ratio has no denominator, and for cac, ltv_cac
    and romi under a segment or region filter (campaign spend cannot be split
    by customer). referral_rate is ``None`` when the customers table is empty.
    Runs five queries, one per dataset group.
    """
    return _period_values(con, period, filters)["current"]


def kpi_targets(con: duckdb.DuckDBPyConnection, period: Period) -> dict[str, float]:
    """The target of each KPI that has one for ``period``: ``{kpi id: target}``.

    Rule: a ``kpi_targets`` row applies when ``period_start <= period.end <=
    period_end`` (the target in force on the last day shown). When several rows
    of one KPI apply, the narrowest range wins (fewest days), then the latest
    ``period_start``. Targets do not depend on filters. Rows naming an unknown
    KPI are ignored.
    """
    rows = fetch(con, "targets", _NO_FILTERS, {"end": period.end})
    return {r["kpi"]: float(r["target"]) for r in rows if r["kpi"] in KPI_IDS}


def empty_datasets(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The customer datasets with no rows at all (before any filter)."""
    needed = sorted({d for k in CATALOG for d in k.datasets})
    # Table names come from the data model, never from a user.
    checks = ", ".join(f"EXISTS (SELECT 1 FROM {DATASETS[d].name}) AS {d}" for d in needed)
    row = con.execute(f"SELECT {checks}").fetchone()
    return frozenset(d for d, has_rows in zip(needed, row, strict=True) if not has_rows)


@dataclass(frozen=True)
class KpiResult:
    """One KPI for a period: its value, the previous period's value and its target.

    ``value`` and ``previous`` follow :func:`kpi_values` (None = no data);
    ``target`` is None when no kpi_targets row applies (see :func:`kpi_targets`).
    ``missing`` names the datasets the KPI needs that hold no rows at all, so a
    screen can say which load would light it up. Catalog metadata is reachable
    through ``definition`` and the properties below.
    """

    id: str
    value: float | int | None
    previous: float | int | None
    target: float | None
    definition: KpiDef = field(repr=False)
    missing: tuple[str, ...] = ()

    @property
    def label_key(self) -> str:
        return self.definition.label_key

    @property
    def help_key(self) -> str:
        return self.definition.help_key

    @property
    def unit(self) -> str:
        return self.definition.unit

    @property
    def direction(self) -> str:
        return self.definition.direction

    @property
    def format(self) -> str:
        return self.definition.format

    @property
    def stage(self) -> str:
        return self.definition.stage

    @property
    def datasets(self) -> tuple[str, ...]:
        return self.definition.datasets

    @property
    def delta(self) -> float | None:
        """value - previous, or None when either is missing."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def delta_pct(self) -> float | None:
        """Relative change vs the previous period in percent; None when previous is 0 or missing."""
        return _ratio(self.delta, None if self.previous is None else abs(self.previous), 100.0)

    @property
    def improved(self) -> bool | None:
        """True when the value moved the good way; False when it moved the other way or stayed."""
        if self.delta is None:
            return None
        return self.definition.is_better(self.value, self.previous)

    @property
    def on_target(self) -> bool | None:
        """True when the value meets or beats the target (by direction); None without both."""
        if self.value is None or self.target is None:
            return None
        return self.value == self.target or self.definition.is_better(self.value, self.target)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form: the numbers plus the catalog metadata."""
        return {
            "id": self.id,
            "value": self.value,
            "previous": self.previous,
            "target": self.target,
            "unit": self.unit,
            "direction": self.direction,
            "format": self.format,
            "stage": self.stage,
            "datasets": list(self.datasets),
            "missing": list(self.missing),
            "label_key": self.label_key,
            "help_key": self.help_key,
        }


def kpi_results(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters = _NO_FILTERS
) -> list[KpiResult]:
    """Every KPI in catalog order with value, previous value (for ``period.previous()``) and target.

    The previous values come from the same queries as the current ones (each
    SQL file returns both periods), plus one query for targets and one for
    which datasets are empty: seven queries in all.
    """
    both = _period_values(con, period, filters)
    current, previous = both["current"], both["previous"]
    targets = kpi_targets(con, period)
    empty = empty_datasets(con)
    return [
        KpiResult(
            id=k.id,
            value=current[k.id],
            previous=previous[k.id],
            target=targets.get(k.id),
            definition=k,
            missing=tuple(d for d in k.datasets if d in empty),
        )
        for k in CATALOG
    ]
