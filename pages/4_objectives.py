"""Step 4 of OPPOSITE: objectives."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(4)
step.artefact_heading(4)
artefact_editor.editor(opposite_step(4).artefact)
step.maturity_score(4)
