"""KPI cards: value, change against the previous period, target and its status."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from cxdash.charts.palette import LIFECYCLE_STAGES
from cxdash.formatting import format_change, format_value
from cxdash.scorecard import target_status
from cxdash.ui.text import tr

_STATUS_ICON = {"on_target": "🟢", "at_risk": "🟠", "off_target": "🔴"}


def card(result, *, currency: str = "") -> None:
    no_data = tr("common.no_data")
    value = format_value(result.value, result.unit, currency=currency, no_data=no_data)
    change = format_change(result.value, result.previous, result.unit)
    status = target_status(result.value, result.target, result.direction)
    if result.missing:
        target_text = tr("common.needs_dataset", datasets=", ".join(result.missing))
    elif result.target is None:
        target_text = tr("common.no_target")
    else:
        target_value = format_value(result.target, result.unit, currency=currency, no_data=no_data)
        target_text = tr("common.target", value=target_value)
        if status:
            target_text = f"{_STATUS_ICON[status]} {target_text} · {tr('status.' + status)}"
    st.metric(
        tr(result.label_key),
        value,
        delta=change,
        delta_color="normal" if result.direction == "higher" else "inverse",
        help=tr(result.help_key),
        border=True,
        delta_description=tr("common.vs_previous") if change else None,
    )
    st.caption(target_text)


def lifecycle_board(results: Sequence, *, currency: str = "") -> None:
    """One column per lifecycle stage, its KPIs stacked as cards."""
    columns = st.columns(len(LIFECYCLE_STAGES))
    for column, stage in zip(columns, LIFECYCLE_STAGES, strict=True):
        with column:
            st.markdown(f"**{tr('lifecycle.' + stage)}**")
            for result in results:
                if result.stage == stage:
                    card(result, currency=currency)
