"""Data: the analyst loads exports, checks them, sees the history and undoes a bad load."""

import streamlit as st

from cxdash.ui import data_loading as data
from cxdash.ui import frame, settings_panel
from cxdash.ui.text import tr

frame.require()

st.title(tr("data.title"))
st.caption(tr("data.caption"))
data.flash()

with st.expander(tr("data.holds"), expanded=False, icon=":material/table_view:"):
    data.dataset_table()

load, history, templates = st.tabs(
    [tr("data.tab.load"), tr("data.tab.history"), tr("data.tab.templates")]
)

with load:
    st.markdown(tr("data.upload.intro"))
    by = data.loaded_by()
    for upload in data.uploads():
        data.file_panel(upload, by)
    st.info(tr("data.cli_hint"), icon=":material/terminal:")

with history:
    st.subheader(tr("data.history.title"), anchor=False)
    entries = data.history_table()
    data.undo_panel(entries, by)

with templates:
    data.templates_panel()

settings_panel.panel()
