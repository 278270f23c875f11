"""Step 4 of OPPOSITE: objectives."""

from cxdash.ui import step

step.header(4)
step.placeholder(4)
