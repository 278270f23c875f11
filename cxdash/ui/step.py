"""The frame every OPPOSITE step screen shares: purpose, guiding questions, maturity."""

from __future__ import annotations

import math

import streamlit as st

from cxdash import formatting, maturity
from cxdash.opposite import step
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.ui import access, cached
from cxdash.ui.database import cursor, data_version, write_lock
from cxdash.ui.text import language, tr


def header(number: int) -> None:
    s = step(number)
    st.title(tr(s.text_key("title")))
    st.markdown(tr(s.text_key("purpose")))
    with st.expander(tr("step.guiding_questions"), expanded=True, icon=":material/help:"):
        st.markdown("\n".join(f"- {tr(k)}" for k in s.question_keys()))


def artefact_heading(number: int) -> None:
    s = step(number)
    st.subheader(tr("step.artefact_heading", name=tr(s.text_key("artefact"))))


def maturity_score(number: int, workshop: str = DEFAULT_WORKSHOP) -> None:
    """The step's maturity question: the team's average so far, and a form to add a score."""
    s = step(number)
    st.subheader(tr("step.maturity_heading"))
    st.markdown(tr(s.text_key("maturity")))
    averages = cached.query(maturity.averages, data_version(), workshop)
    row = averages[averages["step"] == number].iloc[0]
    average = None if math.isnan(row["average"]) else float(row["average"])
    left, right = st.columns([1, 2])
    left.metric(
        tr("step.maturity_average"),
        tr("common.no_data")
        if average is None
        else f"{formatting.number(average, lang=language(), decimals=1)} / 5",
        help=tr("step.maturity_participants", count=int(row["participants"])),
    )
    if not access.allowed(access.EDIT_ARTEFACTS):
        with right:
            access.explain(access.EDIT_ARTEFACTS, key="access.cannot.maturity")
        return
    with right.form(f"maturity_{number}", clear_on_submit=True, border=False):
        name = st.text_input(tr("step.maturity_participant"), max_chars=80)
        score = st.segmented_control(tr("step.maturity_score"), [1, 2, 3, 4, 5], default=3)
        if st.form_submit_button(tr("step.maturity_submit")):
            if not name.strip() or score is None:
                st.warning(tr("step.maturity_incomplete"))
            else:
                with write_lock, cursor() as cur:
                    maturity.record(cur, number, name, int(score), workshop=workshop)
                st.rerun()
