"""Step 3 of OPPOSITE: processes."""

from cxdash.ui import frame, step

frame.require()

step.header(3)
step.placeholder(3)
