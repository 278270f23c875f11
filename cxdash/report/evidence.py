"""The evidence charts of each OPPOSITE step, for the report, built as the step screens build them.

Each step screen draws its evidence from :mod:`cxdash.evidence` queries and
:mod:`cxdash.charts` figure builders; the report calls the same pairs with the
same words, so a chart in the report is the chart the team saw in the app
(without the widgets: where a screen lets the reader pick a KPI or a window,
the report shows the screen's default).

A step returns a list of items: a :class:`Chart` (figure and caption) or a
:class:`Note` (a sentence saying why a chart is not there: a dataset with no
rows, nothing in the period, an artefact not filled in yet).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import duckdb
import plotly.graph_objects as go

from cxdash.filters import Filters
from cxdash.i18n import t
from cxdash.period import Period


@dataclass(frozen=True)
class Chart:
    figure: go.Figure
    caption: str = ""


@dataclass(frozen=True)
class Note:
    text: str


Item = Chart | Note


@dataclass(frozen=True)
class Context:
    """What every step's evidence depends on: scope, language, currency, workshop, data at hand."""

    period: Period
    filters: Filters
    lang: str
    currency: str
    workshop: str
    counts: dict[str, int] = field(default_factory=dict)  # rows per dataset
    results: Sequence = ()  # the KPI results of the period (computed once for the report)

    def tr(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)

    def missing(self, *datasets: str) -> Note | None:
        """A note naming the datasets with no rows, or None when all have rows."""
        empty = [d for d in datasets if not self.counts.get(d)]
        if not empty:
            return None
        return Note(self.tr("report.needs_dataset", datasets=", ".join(empty)))


Builder = Callable[[duckdb.DuckDBPyConnection, Context], list[Item]]


def step_items(con: duckdb.DuckDBPyConnection, number: int, context: Context) -> list[Item]:
    """The evidence items of step ``number`` (1-8), in the order the step screen shows them."""
    from cxdash.report import evidence_customers, evidence_plans

    builders: dict[int, Builder] = {
        1: evidence_customers.orientation_items,
        2: evidence_customers.people_items,
        3: evidence_customers.processes_items,
        4: evidence_plans.objectives_items,
        5: evidence_plans.structure_items,
        6: evidence_customers.insights_items,
        7: evidence_plans.technology_items,
        8: evidence_plans.execution_items,
    }
    return builders[number](con, context)
