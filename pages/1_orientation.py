"""Step 1 of OPPOSITE: orientation. KPI trends, channel-mix shift and the trend radar."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import orientation

frame.require()

orientation.render(scope.workshop())
