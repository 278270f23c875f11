"""How the server starts: ``app.py`` hands :func:`lifespan` to ``st.App``.

Before the first browser connects, the server turns Nagle's algorithm off on
its sockets (cxdash/ui/transport.py) and imports what a script run needs: the
frame and every page's modules. Otherwise the first page view after a start
waits for those imports (pandas, Plotly, DuckDB and cxdash: most of a second).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import AsyncIterator

from cxdash.ui import transport

# What a script run imports: the frame, and the modules the pages draw with
# (tests/unit/test_serving.py checks that every page's imports are here).
WARM_MODULES = (
    "cxdash.ui.shell",
    "cxdash.ui.overview",
    "cxdash.ui.workshop_flow",
    "cxdash.ui.settings_panel",
    "cxdash.ui.data_loading",
    "cxdash.ui.steps.orientation",
    "cxdash.ui.steps.people",
    "cxdash.ui.steps.processes",
    "cxdash.ui.steps.objectives",
    "cxdash.ui.steps.structure",
    "cxdash.ui.steps.insights",
    "cxdash.ui.steps.technology",
    "cxdash.ui.steps.execution",
)


@contextlib.asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """Start-up: small writes sent at once, and a script run's modules imported."""
    transport.send_small_writes_at_once()
    for name in WARM_MODULES:
        importlib.import_module(name)
    yield
