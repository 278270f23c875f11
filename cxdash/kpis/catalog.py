"""The KPI catalog: the 20 KPIs of DESIGN section 5 and what a screen needs to show them.

Only structure lives here. The words a user reads (label, one-sentence
definition) are in the translation catalog under ``kpi.<id>.label`` and
``kpi.<id>.help``; the numbers come from :mod:`cxdash.kpis.engine`.
"""

from __future__ import annotations

from dataclasses import dataclass

# Lifecycle stages, in the order the customer lives them (DESIGN section 1).
STAGES = ("acquisition", "conversion", "service", "retention", "feedback", "relationship")
UNITS = ("currency", "count", "percent", "ratio", "hours", "score")
DIRECTIONS = ("higher", "lower")

# Python format specs for the number itself; the unit says what goes around it
# (currency symbol, "%", "h"), which is the UI's and the language's business.
_MONEY = ",.2f"
_WHOLE = ",.0f"
_ONE = ",.1f"
_TWO = ",.2f"


@dataclass(frozen=True)
class KpiDef:
    """One KPI: identity, presentation metadata and the datasets it is computed from.

    ``datasets`` lists every dataset whose rows the KPI needs; a screen showing
    "no data" can name the empty ones as what would light the KPI up.
    """

    id: str
    unit: str
    direction: str  # "higher" or "lower" is better
    format: str  # a Python format spec for the value, e.g. ",.1f"
    stage: str  # lifecycle stage, one of STAGES
    datasets: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"{self.id}: unknown unit {self.unit!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"{self.id}: unknown direction {self.direction!r}")
        if self.stage not in STAGES:
            raise ValueError(f"{self.id}: unknown stage {self.stage!r}")

    @property
    def label_key(self) -> str:
        return f"kpi.{self.id}.label"

    @property
    def help_key(self) -> str:
        return f"kpi.{self.id}.help"

    def format_value(self, value: float | None) -> str | None:
        """The bare number formatted with ``format`` (None stays None: "no data" is UI text)."""
        return None if value is None else format(value, self.format)

    def is_better(self, value: float, than: float) -> bool:
        """True when ``value`` is strictly better than ``than`` for this KPI."""
        return value > than if self.direction == "higher" else value < than


def _k(id_, unit, direction, fmt, stage, *datasets) -> KpiDef:
    return KpiDef(id_, unit, direction, fmt, stage, tuple(datasets))


# Catalog order is the contract's order (DESIGN section 5); kpi_values keeps it.
CATALOG: tuple[KpiDef, ...] = (
    _k("revenue", "currency", "higher", _MONEY, "conversion", "orders"),
    _k("orders", "count", "higher", _WHOLE, "conversion", "orders"),
    _k("aov", "currency", "higher", _MONEY, "conversion", "orders"),
    _k("active_customers", "count", "higher", _WHOLE, "retention", "orders"),
    _k("new_customers", "count", "higher", _WHOLE, "acquisition", "orders"),
    _k("repeat_purchase_rate", "percent", "higher", _ONE, "relationship", "orders"),
    _k("churn_rate", "percent", "lower", _ONE, "retention", "orders"),
    _k("retention_rate", "percent", "higher", _ONE, "retention", "orders"),
    _k("arpc_12m", "currency", "higher", _MONEY, "relationship", "orders"),
    _k("cac", "currency", "lower", _MONEY, "acquisition", "orders", "campaigns"),
    _k("ltv_cac", "ratio", "higher", _TWO, "acquisition", "orders", "campaigns"),
    _k("romi", "percent", "higher", _ONE, "acquisition", "orders", "campaigns"),
    _k("conversion_rate", "percent", "higher", _ONE, "conversion", "touchpoints"),
    _k("nps", "score", "higher", _ONE, "feedback", "surveys"),
    _k("csat", "percent", "higher", _ONE, "feedback", "surveys"),
    # CES on a 1-7 effort scale: 1 is least effort, so lower is better (as the demo data has it).
    _k("ces", "score", "lower", _TWO, "feedback", "surveys"),
    _k("fcr", "percent", "higher", _ONE, "service", "tickets"),
    _k("avg_resolution_hours", "hours", "lower", _ONE, "service", "tickets"),
    _k("same_day_resolution_rate", "percent", "higher", _ONE, "service", "tickets"),
    _k("referral_rate", "percent", "higher", _ONE, "relationship", "orders", "customers"),
)

KPI_IDS: tuple[str, ...] = tuple(k.id for k in CATALOG)
_BY_ID = {k.id: k for k in CATALOG}


def kpi(kpi_id: str) -> KpiDef:
    """The catalog entry for ``kpi_id``; KeyError names the known ids."""
    try:
        return _BY_ID[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI {kpi_id!r}; known KPIs: {', '.join(KPI_IDS)}") from None


def by_stage(stage: str) -> tuple[KpiDef, ...]:
    """The KPIs of one lifecycle stage, in catalog order."""
    return tuple(k for k in CATALOG if k.stage == stage)
