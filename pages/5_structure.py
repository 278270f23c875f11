"""Step 5 of OPPOSITE: structure."""

from cxdash.ui import frame, step

frame.require()

step.header(5)
step.placeholder(5)
