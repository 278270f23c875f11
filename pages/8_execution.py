"""Step 8 of OPPOSITE: execution."""

from cxdash.ui import frame, step

frame.require()

step.header(8)
step.placeholder(8)
