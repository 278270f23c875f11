"""Step 2 of OPPOSITE: people."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(2)
step.artefact_heading(2)
artefact_editor.editor(opposite_step(2).artefact)
step.maturity_score(2)
