"""KPI cards: value, change against the previous period, target and its status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from cxdash.charts.palette import LIFECYCLE_STAGES
from cxdash.formatting import format_change, format_value
from cxdash.i18n import t
from cxdash.scorecard import target_status
from cxdash.ui import cached
from cxdash.ui.text import language

# Streamlit's own icon font and colours, so the status reads the same on any machine.
_STATUS_BADGE = {
    "on_target": ("green", ":material/check_circle:"),
    "at_risk": ("orange", ":material/warning:"),
    "off_target": ("red", ":material/cancel:"),
}


@dataclass(frozen=True)
class CardText:
    """What one KPI card says, every number already written the reader's way."""

    stage: str
    label: str
    value: str
    change: str | None
    delta_color: str
    help: str
    target: str


def card_text(result, currency: str, lang: str) -> CardText:
    """One KPI's card in ``lang`` (1,2 mln soʻm; +5,0 п. п.)."""
    no_data = t("common.no_data", lang)
    value = format_value(result.value, result.unit, currency=currency, no_data=no_data, lang=lang)
    change = format_change(result.value, result.previous, result.unit, lang=lang)
    status = target_status(result.value, result.target, result.direction)
    if result.missing:
        target_text = t("common.needs_dataset", lang, datasets=", ".join(result.missing))
    elif result.target is None:
        target_text = t("common.no_target", lang)
    else:
        target_value = format_value(
            result.target, result.unit, currency=currency, no_data=no_data, lang=lang
        )
        target_text = t("common.target", lang, value=target_value)
        if status:
            color, icon = _STATUS_BADGE[status]
            target_text = f"{target_text} · :{color}[{icon} {t('status.' + status, lang)}]"
    return CardText(
        stage=result.stage,
        label=t(result.label_key, lang),
        value=value,
        change=change,
        delta_color="normal" if result.direction == "higher" else "inverse",
        help=t(result.help_key, lang),
        target=target_text,
    )


def _card_texts(results: tuple, currency: str, lang: str) -> list[CardText]:
    return [card_text(result, currency, lang) for result in results]


def card(text: CardText) -> None:
    st.metric(
        text.label,
        text.value,
        delta=text.change,
        delta_color=text.delta_color,
        help=text.help,
        border=True,
    )
    st.caption(text.target)


def lifecycle_board(results: Sequence, *, currency: str = "", per_row: int = 3) -> None:
    """One column per lifecycle stage, its KPIs stacked as cards, ``per_row`` stages a row.

    One card across a stage's column keeps cards wide enough for Uzbek and
    Russian ("14,3 mlrd soʻm", "Стоимость привлечения клиента") without cutting them off.
    """
    lang = language()
    # Twenty cards' numbers take longer to write than a rerun may: written once per results.
    texts = cached.derived(_card_texts, tuple(results), currency, lang)
    for first in range(0, len(LIFECYCLE_STAGES), per_row):
        stages = LIFECYCLE_STAGES[first : first + per_row]
        for column, stage in zip(st.columns(per_row), stages, strict=False):
            with column:
                st.markdown(f"**{t('lifecycle.' + stage, lang)}**")
                for text in (x for x in texts if x.stage == stage):
                    card(text)
