"""Step 2 of OPPOSITE: people. The journey by stage, channel and device, and journey notes."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import people

frame.require()

people.render(scope.workshop())
