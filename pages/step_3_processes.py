"""Step 3 of OPPOSITE: processes."""

from cxdash.ui import step

step.header(3)
step.placeholder(3)
