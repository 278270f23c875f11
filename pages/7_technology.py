"""Step 7 of OPPOSITE: technology."""

from cxdash.ui import frame, step

frame.require()

step.header(7)
step.placeholder(7)
