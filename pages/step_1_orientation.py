"""Step 1 of OPPOSITE: orientation."""

from cxdash.ui import step

step.header(1)
step.placeholder(1)
