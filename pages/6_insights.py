"""Step 6 of OPPOSITE: insights."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(6)
step.artefact_heading(6)
artefact_editor.editor(opposite_step(6).artefact)
step.maturity_score(6)
