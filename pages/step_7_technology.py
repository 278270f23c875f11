"""Step 7 of OPPOSITE: technology."""

from cxdash.ui import step

step.header(7)
step.placeholder(7)
