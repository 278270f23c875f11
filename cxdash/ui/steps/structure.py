"""Step 5 of OPPOSITE: structure. The RASCI matrix: load per team, the grid, the editor."""

import streamlit as st

from cxdash.charts import structure as figures
from cxdash.evidence import structure
from cxdash.opposite import step as opposite_step
from cxdash.schema import RACI_ROLES
from cxdash.ui import artefact_editor, cached, charts, step
from cxdash.ui.text import tr


def render(workshop: str, *, keys: str = "", scoring: bool = True) -> None:
    """Draw the step for ``workshop``'s artefacts.

    ``keys`` prefixes the widget keys (the workshop flow draws steps among its
    own widgets); ``scoring`` adds the step's maturity question.
    """
    role_labels = {r: tr(f"structure.role.{r}") for r in RACI_ROLES}

    step.header(5)
    st.subheader(tr("step.evidence"))
    load_slot = st.container()
    step.artefact_heading(5)
    matrix_slot = st.container()
    # The editor returns the saved matrix; both charts draw from it, above the grid.
    saved = artefact_editor.editor(opposite_step(5).artefact, workshop=workshop)

    if saved.empty:
        load_slot.info(tr("structure.empty"), icon=":material/edit_note:")
    else:
        load = cached.derived(structure.team_load, saved)
        with load_slot:
            fig = charts.figure(
                figures.team_load,
                load,
                title=tr("structure.load.title"),
                role_labels=role_labels,
                value_label=tr("structure.activities"),
                team_label=tr("structure.team"),
            )
            charts.show(fig, load, name="load_per_team", caption=tr("structure.load.caption"))
        grid = cached.derived(structure.rasci_matrix, saved)
        with matrix_slot:
            fig = charts.figure(
                figures.rasci_matrix,
                grid,
                title=tr("structure.matrix.title"),
                role_labels=role_labels,
                activity_label=tr("structure.activity"),
                team_label=tr("structure.team"),
                role_label=tr("structure.role"),
            )
            charts.show(fig, grid, name="rasci_matrix", caption=tr("structure.matrix.caption"))

    if scoring:
        step.maturity_score(5, workshop=workshop)
