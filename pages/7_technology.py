"""Step 7 of OPPOSITE: technology. Coverage of steps and touchpoints, cost against fit."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import technology

frame.require()

technology.render(scope.workshop())
