"""The KPI catalog and the KPI SQL files: complete, translated and portable."""

from __future__ import annotations

import re

import pytest

from cxdash.filters import Filters
from cxdash.i18n import catalog
from cxdash.kpis import CATALOG, KPI_IDS, by_stage, kpi
from cxdash.kpis.catalog import DIRECTIONS, STAGES, UNITS
from cxdash.kpis.sql import SQL_DIR, render
from cxdash.schema import DATASETS

CONTRACT_ORDER = (
    "revenue", "orders", "aov", "active_customers", "new_customers", "repeat_purchase_rate",
    "churn_rate", "retention_rate", "arpc_12m", "cac", "ltv_cac", "romi", "conversion_rate",
    "nps", "csat", "ces", "fcr", "avg_resolution_hours", "same_day_resolution_rate",
    "referral_rate",
)  # fmt: skip


def test_catalog_is_the_contract_in_order():
    assert KPI_IDS == CONTRACT_ORDER


@pytest.mark.parametrize("definition", CATALOG, ids=lambda k: k.id)
def test_every_kpi_is_described(definition):
    texts = catalog("en")
    assert texts[definition.label_key].strip()
    assert texts[definition.help_key].strip().endswith(".")
    assert definition.unit in UNITS
    assert definition.direction in DIRECTIONS
    assert definition.stage in STAGES
    assert definition.datasets and set(definition.datasets) <= set(DATASETS)
    assert format(1234.5, definition.format)  # a valid format spec


def test_every_stage_has_kpis_and_lower_is_better_where_expected():
    assert all(by_stage(stage) for stage in STAGES)
    lower = {k.id for k in CATALOG if k.direction == "lower"}
    assert lower == {"churn_rate", "cac", "ces", "avg_resolution_hours"}


def test_format_value():
    assert kpi("revenue").format_value(1234.5) == "1,234.50"
    assert kpi("nps").format_value(33.333) == "33.3"
    assert kpi("nps").format_value(None) is None


def test_unknown_kpi_names_the_known_ones():
    with pytest.raises(KeyError, match="referral_rate"):
        kpi("nope")


SQL_FILES = sorted(SQL_DIR.glob("*.sql"))
# Constructs DESIGN section 6 names as differing or failing on Spark.
NOT_PORTABLE = {
    "epoch": re.compile(r"\bepoch\b", re.I),
    "NOT IN (subquery)": re.compile(r"\bNOT\s+IN\s*\(\s*SELECT\b", re.I),
    "range() table function": re.compile(r"\brange\s*\(", re.I),
    "DECIMAL measures": re.compile(r"\bDECIMAL\b", re.I),
    "date arithmetic with -": re.compile(r"_(date|at)\s*-\s*\w*_?(date|at)\b", re.I),
    "positional parameter": re.compile(r"\?|\$\d"),
}


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.name)
def test_sql_is_portable_minded(path):
    code = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
    found = [name for name, pattern in NOT_PORTABLE.items() if pattern.search(code)]
    assert found == []


def test_filter_values_are_bound_never_spliced():
    sql, params = render(
        "orders", Filters(segments=("x'; DROP TABLE orders; --",), channels=("web",))
    )
    assert "DROP TABLE" not in sql
    assert "x'; DROP TABLE orders; --" in params.values()
    assert "{filter:" not in sql


def test_sql_files_exist_per_concern():
    names = {p.stem for p in SQL_FILES}
    assert {
        "orders",
        "campaigns",
        "touchpoints",
        "tickets",
        "surveys",
        "targets",
        "cohorts",
    } <= names
