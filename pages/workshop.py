"""Workshop: the facilitator's guided session (arrives with the workshop issue)."""

import streamlit as st

from cxdash.ui.text import tr

st.title(tr("workshop.title"))
st.info(tr("workshop.coming"), icon=":material/construction:")
