"""Step 6 of OPPOSITE: insights."""

from cxdash.ui import frame, step

frame.require()

step.header(6)
step.placeholder(6)
