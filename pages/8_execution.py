"""Step 8 of OPPOSITE: execution."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(8)
step.artefact_heading(8)
artefact_editor.editor(opposite_step(8).artefact)
step.maturity_score(8)
