"""Step 2 of OPPOSITE: people."""

from cxdash.ui import frame, step

frame.require()

step.header(2)
step.placeholder(2)
