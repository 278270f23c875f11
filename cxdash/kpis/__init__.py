"""The KPI engine: the catalog of DESIGN section 5 computed in DuckDB.

- :data:`CATALOG`: the 20 KPIs (id, i18n keys, unit, direction, format, stage, datasets).
- :func:`kpi_values`: ``{id: value}`` for a period and filters (what ``cxdash kpi`` prints).
- :func:`kpi_results`: value, previous value and target per KPI, with metadata, for KPI cards.
- :func:`cohort_matrix` / :func:`cohort_frame`: monthly cohort retention (``cxdash cohorts``).
"""

from cxdash.kpis.catalog import CATALOG, KPI_IDS, STAGES, KpiDef, by_stage, kpi
from cxdash.kpis.cohorts import cohort_frame, cohort_matrix
from cxdash.kpis.engine import KpiResult, empty_datasets, kpi_results, kpi_targets, kpi_values

__all__ = [
    "CATALOG",
    "KPI_IDS",
    "STAGES",
    "KpiDef",
    "KpiResult",
    "by_stage",
    "cohort_frame",
    "cohort_matrix",
    "empty_datasets",
    "kpi",
    "kpi_results",
    "kpi_targets",
    "kpi_values",
]
