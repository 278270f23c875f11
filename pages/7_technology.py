"""Step 7 of OPPOSITE: technology."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(7)
step.artefact_heading(7)
artefact_editor.editor(opposite_step(7).artefact)
step.maturity_score(7)
