"""Step 6 of OPPOSITE: insights."""

from cxdash.ui import step

step.header(6)
step.placeholder(6)
