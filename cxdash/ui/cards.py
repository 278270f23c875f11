"""KPI cards: value, change against the previous period, target and its status."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from cxdash.charts.palette import LIFECYCLE_STAGES
from cxdash.formatting import format_change, format_value
from cxdash.scorecard import target_status
from cxdash.ui.text import tr

# Streamlit's own icon font and colours, so the status reads the same on any machine.
_STATUS_BADGE = {
    "on_target": ("green", ":material/check_circle:"),
    "at_risk": ("orange", ":material/warning:"),
    "off_target": ("red", ":material/cancel:"),
}


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
            color, icon = _STATUS_BADGE[status]
            target_text = f"{target_text} · :{color}[{icon} {tr('status.' + status)}]"
    st.metric(
        tr(result.label_key),
        value,
        delta=change,
        delta_color="normal" if result.direction == "higher" else "inverse",
        help=tr(result.help_key),
        border=True,
    )
    st.caption(target_text)


def lifecycle_board(results: Sequence, *, currency: str = "", per_row: int = 2) -> None:
    """One column per lifecycle stage, its KPIs stacked as cards, ``per_row`` stages a row."""
    for first in range(0, len(LIFECYCLE_STAGES), per_row):
        stages = LIFECYCLE_STAGES[first : first + per_row]
        for column, stage in zip(st.columns(len(stages)), stages, strict=True):
            with column:
                st.markdown(f"**{tr('lifecycle.' + stage)}**")
                row = [r for r in results if r.stage == stage]
                for pair in range(0, len(row), 2):
                    for cell, result in zip(st.columns(2), row[pair : pair + 2], strict=False):
                        with cell:
                            card(result, currency=currency)
