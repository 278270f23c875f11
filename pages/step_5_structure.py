"""Step 5 of OPPOSITE: structure."""

from cxdash.ui import step

step.header(5)
step.placeholder(5)
