"""Step 5 of OPPOSITE: structure. The RASCI matrix: load per team, the grid, the editor."""

from cxdash.ui import frame, scope
from cxdash.ui.steps import structure

frame.require()

structure.render(scope.workshop())
