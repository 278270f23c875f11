"""Step 4 of OPPOSITE: objectives."""

from cxdash.ui import frame, step

frame.require()

step.header(4)
step.placeholder(4)
