"""Workshop: the facilitator's guided session (arrives with the workshop issue)."""

import streamlit as st

from cxdash.ui import frame
from cxdash.ui.text import tr

frame.require()

st.title(tr("workshop.title"))
st.info(tr("workshop.coming"), icon=":material/construction:")
