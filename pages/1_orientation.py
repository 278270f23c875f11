"""Step 1 of OPPOSITE: orientation."""

from cxdash.ui import frame, step

frame.require()

step.header(1)
step.placeholder(1)
