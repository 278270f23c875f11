"""Step 3 of OPPOSITE: processes."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(3)
step.artefact_heading(3)
artefact_editor.editor(opposite_step(3).artefact)
step.maturity_score(3)
