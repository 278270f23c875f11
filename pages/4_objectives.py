"""Step 4 of OPPOSITE: objectives. KPIs against targets; objectives and milestones by horizon."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import objectives

frame.require()

objectives.render(scope.workshop())
