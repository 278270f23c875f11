"""Data: what the database holds (uploading arrives with the loading screen)."""

import pandas as pd
import streamlit as st

from cxdash.ui import cached, database, frame
from cxdash.ui.text import tr

frame.require()

st.title(tr("data.title"))
st.caption(tr("data.caption"))
counts = cached.dataset_counts(database.data_version())
table = pd.DataFrame({tr("data.dataset"): list(counts), tr("data.rows"): list(counts.values())})
st.dataframe(table, hide_index=True)
st.info(tr("data.cli_hint"), icon=":material/terminal:")
