"""Step 3 of OPPOSITE: processes. The service process in the tickets, and the barrier register."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import processes

frame.require()

processes.render(scope.workshop())
