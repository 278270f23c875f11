"""Step 6 of OPPOSITE: insights & intent: why orders happen, what follows, what customers say."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import insights

frame.require()

insights.render(scope.workshop())
