"""Editing a workshop artefact in place: a grid, a save button, row-level messages."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from cxdash import artefacts
from cxdash.schema import DATE, DEFAULT_WORKSHOP, INTEGER, NUMBER, Column, dataset
from cxdash.ui import access, cached
from cxdash.ui.database import cursor, data_version, write_lock
from cxdash.ui.text import language, tr


def _column_config(column: Column):
    label = tr(f"column.{column.name}")
    if column.choices:
        return st.column_config.SelectboxColumn(
            label, options=list(column.choices), required=column.required
        )
    if column.type in (INTEGER, NUMBER):
        return st.column_config.NumberColumn(
            label,
            min_value=column.min,
            max_value=column.max,
            step=1 if column.type == INTEGER else None,
            required=column.required,
        )
    if column.type == DATE:
        return st.column_config.DateColumn(label, format="YYYY-MM-DD", required=column.required)
    return st.column_config.TextColumn(label, required=column.required)


def _generation_key(name: str, workshop: str) -> str:
    return f"_artefact_gen_{name}_{workshop}"


def editor(name: str, *, workshop: str = DEFAULT_WORKSHOP) -> pd.DataFrame:
    """Show artefact ``name`` as an editable grid with a save button; return the saved rows."""
    ds = dataset(name)
    saved = cached.query(artefacts.read, data_version(), name, workshop)
    generation = st.session_state.setdefault(_generation_key(name, workshop), 0)
    config = {c.name: _column_config(c) for c in ds.columns if c.name != "workshop"}
    if not access.allowed(access.EDIT_ARTEFACTS):
        st.dataframe(saved, hide_index=True, column_config=config)
        access.explain(access.EDIT_ARTEFACTS)
        return saved
    edited = st.data_editor(
        saved,
        num_rows="dynamic",
        hide_index=True,
        column_config=config,
        key=f"artefact_{name}_{workshop}_{generation}",
    )
    flash_key = f"_artefact_flash_{name}_{workshop}"
    if st.button(tr("artefact.save"), key=f"save_{name}_{workshop}", icon=":material/save:"):
        with write_lock, cursor() as cur:
            result = artefacts.save(cur, name, edited, workshop=workshop)
        if result is None or result.ok:
            st.session_state[_generation_key(name, workshop)] = generation + 1
            st.session_state[flash_key] = tr("artefact.saved", rows=len(edited))
            st.rerun()
        st.error(tr("artefact.refused"), icon=":material/block:")
        st.code(result.report(language()), language=None, wrap_lines=True)
    if flash := st.session_state.pop(flash_key, None):
        st.success(flash, icon=":material/check:")
    return saved
