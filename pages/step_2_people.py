"""Step 2 of OPPOSITE: people."""

from cxdash.ui import step

step.header(2)
step.placeholder(2)
