"""Step 8 of OPPOSITE: execution."""

from cxdash.ui import step

step.header(8)
step.placeholder(8)
