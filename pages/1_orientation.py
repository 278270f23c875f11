"""Step 1 of OPPOSITE: orientation."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(1)
step.artefact_heading(1)
artefact_editor.editor(opposite_step(1).artefact)
step.maturity_score(1)
