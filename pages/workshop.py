"""Workshop: the facilitator's guided session through steps 1 to 8, and presentation mode."""

from cxdash.ui import frame, workshop_flow

frame.require()

workshop_flow.render()
