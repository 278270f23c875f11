"""The frame every OPPOSITE step screen shares: purpose, guiding questions, artefact."""

from __future__ import annotations

import streamlit as st

from cxdash.opposite import step
from cxdash.ui.text import tr


def header(number: int) -> None:
    s = step(number)
    st.title(tr(s.text_key("title")))
    st.markdown(tr(s.text_key("purpose")))
    with st.expander(tr("step.guiding_questions"), expanded=True, icon=":material/help:"):
        st.markdown("\n".join(f"- {tr(k)}" for k in s.question_keys()))


def placeholder(number: int) -> None:
    s = step(number)
    st.subheader(tr("step.artefact_heading", name=tr(s.text_key("artefact"))))
    st.info(tr("step.coming"), icon=":material/construction:")
    st.caption(f"{tr('step.maturity_question')}: {tr(s.text_key('maturity'))}")
