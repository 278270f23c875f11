"""Step 5 of OPPOSITE: structure."""

from cxdash.opposite import step as opposite_step
from cxdash.ui import artefact_editor, frame, step

frame.require()

step.header(5)
step.artefact_heading(5)
artefact_editor.editor(opposite_step(5).artefact)
step.maturity_score(5)
