"""KPI cards: value, change against the previous period, target and its status."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from cxdash.charts.palette import LIFECYCLE_STAGES
from cxdash.formatting import format_change, format_value
from cxdash.scorecard import target_status
from cxdash.ui.text import language, tr

# Streamlit's own icon font and colours, so the status reads the same on any machine.
_STATUS_BADGE = {
    "on_target": ("green", ":material/check_circle:"),
    "at_risk": ("orange", ":material/warning:"),
    "off_target": ("red", ":material/cancel:"),
}


def card(result, *, currency: str = "") -> None:
    """One KPI, its numbers written the reader's way (1,2 mln soʻm; +5,0 п. п.)."""
    no_data, lang = tr("common.no_data"), language()
    value = format_value(result.value, result.unit, currency=currency, no_data=no_data, lang=lang)
    change = format_change(result.value, result.previous, result.unit, lang=lang)
    status = target_status(result.value, result.target, result.direction)
    if result.missing:
        target_text = tr("common.needs_dataset", datasets=", ".join(result.missing))
    elif result.target is None:
        target_text = tr("common.no_target")
    else:
        target_value = format_value(
            result.target, result.unit, currency=currency, no_data=no_data, lang=lang
        )
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


def lifecycle_board(results: Sequence, *, currency: str = "", per_row: int = 3) -> None:
    """One column per lifecycle stage, its KPIs stacked as cards, ``per_row`` stages a row.

    One card across a stage's column keeps cards wide enough for Uzbek and
    Russian ("14,3 mlrd soʻm", "Стоимость привлечения клиента") without cutting them off.
    """
    for first in range(0, len(LIFECYCLE_STAGES), per_row):
        stages = LIFECYCLE_STAGES[first : first + per_row]
        for column, stage in zip(st.columns(per_row), stages, strict=False):
            with column:
                st.markdown(f"**{tr('lifecycle.' + stage)}**")
                for result in (r for r in results if r.stage == stage):
                    card(result, currency=currency)
