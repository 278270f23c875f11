"""The data model: every dataset cxdash stores, its columns, key and value rules.

This module is the single source of identifiers. SQL elsewhere may only splice
table and column names that come from here; every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# DuckDB column types used by the model. Measures stay DOUBLE (never DECIMAL) so
# the KPI SQL behaves the same on engines that treat DECIMAL differently.
TEXT = "VARCHAR"
DATE = "DATE"
TIMESTAMP = "TIMESTAMP"
NUMBER = "DOUBLE"
INTEGER = "INTEGER"
BOOLEAN = "BOOLEAN"

STAGES = ("awareness", "consideration", "purchase", "service", "loyalty", "advocacy")
ROADMAP_STATUSES = ("covered", "planned", "gap")
HORIZONS = ("6m", "1y", "2y", "3y", "5y")
RACI_ROLES = ("R", "A", "S", "C", "I")
LIFECYCLES = ("legacy", "current", "planned", "retire")

DEFAULT_WORKSHOP = "default"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Dataset:
    name: str
    kind: str  # "customer" data, workshop "artefact", or "reference" (targets)
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Pairs (later, earlier) where later >= earlier must hold when both are set.
    ordered: tuple[tuple[str, str], ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, type_: str = TEXT, *, req: bool = False, **rules) -> Column:
    return Column(name, type_, req, **rules)


def _score(name: str, low: int = 1, high: int = 5, *, req: bool = False) -> Column:
    return Column(name, INTEGER, req, min=low, max=high)


# Artefact tables carry the workshop they belong to; it is bookkeeping, not a
# column that CSV files must have, so loads fill it with DEFAULT_WORKSHOP.
_WORKSHOP = _c("workshop", req=True)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "customers",
            "customer",
            (
                _c("customer_id", req=True),
                _c("signup_date", DATE, req=True),
                _c("segment"),
                _c("region"),
                _c("acquisition_channel"),
                _c("referred_by"),
            ),
            key=("customer_id",),
        ),
        Dataset(
            "orders",
            "customer",
            (
                _c("order_id", req=True),
                _c("customer_id", req=True),
                _c("order_date", DATE, req=True),
                _c("amount", NUMBER, req=True, min=0),
                _c("channel"),
                _c("device"),
                _c("campaign_id"),
            ),
            key=("order_id",),
        ),
        Dataset(
            "campaigns",
            "customer",
            (
                _c("campaign_id", req=True),
                _c("name"),
                _c("channel"),
                _c("start_date", DATE, req=True),
                _c("end_date", DATE, req=True),
                _c("spend", NUMBER, req=True, min=0),
            ),
            key=("campaign_id",),
            ordered=(("end_date", "start_date"),),
        ),
        Dataset(
            "touchpoints",
            "customer",
            (
                _c("event_id", req=True),
                _c("customer_id", req=True),
                _c("ts", TIMESTAMP, req=True),
                _c("stage", req=True, choices=STAGES),
                _c("channel", req=True),
                _c("device"),
                _c("intent"),
            ),
            key=("event_id",),
        ),
        Dataset(
            "tickets",
            "customer",
            (
                _c("ticket_id", req=True),
                _c("customer_id"),
                _c("opened_at", TIMESTAMP, req=True),
                _c("resolved_at", TIMESTAMP),
                _c("channel", req=True),
                _c("first_contact_resolution", BOOLEAN),
                _score("satisfaction"),
                _c("topic"),
            ),
            key=("ticket_id",),
            ordered=(("resolved_at", "opened_at"),),
        ),
        Dataset(
            "surveys",
            "customer",
            (
                _c("response_id", req=True),
                _c("customer_id"),
                _c("responded_at", TIMESTAMP, req=True),
                _score("nps", 0, 10),
                _score("csat", 1, 5),
                _score("ces", 1, 7),
                _c("comment"),
                _c("channel"),
            ),
            key=("response_id",),
        ),
        Dataset(
            "kpi_targets",
            "reference",
            (
                _c("kpi", req=True),
                _c("period_start", DATE, req=True),
                _c("period_end", DATE, req=True),
                _c("target", NUMBER, req=True),
            ),
            key=("kpi", "period_start", "period_end"),
            ordered=(("period_end", "period_start"),),
        ),
        Dataset(
            "trends",
            "artefact",
            (
                _WORKSHOP,
                _c("trend", req=True),
                _c("category"),
                _score("impact"),
                _score("certainty"),
                _c("roadmap_status", choices=ROADMAP_STATUSES),
            ),
            key=("workshop", "trend"),
        ),
        Dataset(
            "journey_notes",
            "artefact",
            (
                _WORKSHOP,
                _c("stage", req=True, choices=STAGES),
                _c("customer_goal"),
                _c("pain_points"),
                _c("opportunities"),
            ),
            key=("workshop", "stage"),
        ),
        Dataset(
            "barriers",
            "artefact",
            (
                _WORKSHOP,
                _c("process", req=True),
                _c("area"),
                _c("barrier", req=True),
                _score("severity"),
                _c("owner"),
                _c("action"),
                _c("status"),
            ),
            key=("workshop", "process", "barrier"),
        ),
        Dataset(
            "milestones",
            "artefact",
            (
                _WORKSHOP,
                _c("objective"),
                _c("milestone", req=True),
                _c("kpi"),
                _c("target", NUMBER),
                _c("horizon", choices=HORIZONS),
                _c("owner"),
                _c("start_date", DATE),
                _c("due_date", DATE),
                _c("status"),
                _c("progress", NUMBER, min=0, max=100),
            ),
            key=("workshop", "milestone"),
            ordered=(("due_date", "start_date"),),
        ),
        Dataset(
            "raci",
            "artefact",
            (
                _WORKSHOP,
                _c("activity", req=True),
                _c("team", req=True),
                _c("role", req=True, choices=RACI_ROLES),
            ),
            key=("workshop", "activity", "team"),
        ),
        Dataset(
            "insights",
            "artefact",
            (
                _WORKSHOP,
                _c("insight", req=True),
                _c("evidence"),
                _c("action"),
                _c("owner"),
            ),
            key=("workshop", "insight"),
        ),
        Dataset(
            "tech_stack",
            "artefact",
            (
                _WORKSHOP,
                _c("system", req=True),
                _c("category"),
                _c("steps"),
                _c("touchpoints"),
                _c("owner"),
                _c("annual_cost", NUMBER, min=0),
                _score("fit"),
                _c("lifecycle", choices=LIFECYCLES),
            ),
            key=("workshop", "system"),
        ),
        Dataset(
            "practices",
            "artefact",
            (
                _WORKSHOP,
                _c("practice", req=True),
                _c("team"),
                _c("date", DATE),
                _c("result"),
            ),
            key=("workshop", "practice"),
        ),
        Dataset(
            "maturity",
            "artefact",
            (
                _WORKSHOP,
                _score("step", 1, 8, req=True),
                _c("participant", req=True),
                _score("score", req=True),
            ),
            key=("workshop", "step", "participant"),
        ),
    )
}

CUSTOMER_DATASETS = tuple(n for n, d in DATASETS.items() if d.kind == "customer")
ARTEFACT_DATASETS = tuple(n for n, d in DATASETS.items() if d.kind == "artefact")


def dataset(name: str) -> Dataset:
    """Return the dataset called ``name``; KeyError names the known ones."""
    try:
        return DATASETS[name]
    except KeyError:
        known = ", ".join(DATASETS)
        raise KeyError(f"unknown dataset {name!r}; known datasets: {known}") from None


def create_table_sql(ds: Dataset) -> str:
    """DDL for one dataset. Keys are primary keys, so duplicates cannot land."""
    cols = []
    for c in ds.columns:
        null = " NOT NULL" if c.required else ""
        cols.append(f"    {c.name} {c.type}{null}")
    cols.append(f"    PRIMARY KEY ({', '.join(ds.key)})")
    body = ",\n".join(cols)
    return f"CREATE TABLE IF NOT EXISTS {ds.name} (\n{body}\n)"
