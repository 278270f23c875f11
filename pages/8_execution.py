"""Step 8 of OPPOSITE: execution. KPI scorecard and trends, milestone progress, best practices."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import execution

frame.require()

execution.render(scope.workshop())
