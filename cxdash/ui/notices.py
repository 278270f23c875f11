"""Saying plainly which dataset would light a screen up, instead of an empty chart."""

from __future__ import annotations

import streamlit as st

from cxdash.ui import cached
from cxdash.ui.database import data_version
from cxdash.ui.text import tr


def missing(*datasets: str) -> tuple[str, ...]:
    """The datasets among ``datasets`` that hold no rows."""
    counts = cached.dataset_counts(data_version())
    return tuple(d for d in datasets if not counts.get(d))


def needs(*datasets: str) -> bool:
    """True when every dataset has rows; otherwise show where to load them and return False."""
    empty = missing(*datasets)
    if not empty:
        return True
    st.info(tr("common.needs_dataset", datasets=", ".join(empty)), icon=":material/upload_file:")
    st.page_link("pages/data.py", label=tr("common.open_data"), icon=":material/database:")
    return False
