"""How the server starts: ``app.py`` hands :func:`lifespan` and :data:`ROUTES` to ``st.App``.

Before the first browser connects, the server turns Nagle's algorithm off on
its sockets (cxdash/ui/transport.py), imports what a script run needs (the
frame and every page's modules: pandas, Plotly, DuckDB and cxdash, most of a
second), compresses the Plotly bundle the charts load (cxdash/ui/bundle.py)
and works out the default Overview's queries. Otherwise the first page view
after a start would wait for all of that.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import time
from collections.abc import AsyncIterator

from cxdash.ui import bundle, transport

_log = logging.getLogger(__name__)

# What cxdash's server serves besides Streamlit's own: the Plotly its charts load.
ROUTES = (bundle.route(),)

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
    """Start-up, in the order the module's docstring gives."""
    transport.send_small_writes_at_once()
    for name in WARM_MODULES:
        importlib.import_module(name)
    bundle.contents(True)  # compressed once, not in the first visitor's request
    warm_default_view()
    yield


def warm_default_view() -> None:
    """The default Overview's query results cached, and DuckDB's caches filled, before a visitor.

    Only for a database that is there: a first start builds the demo in the
    first visitor's run, with a message. Anything that goes wrong (the file held
    by a command, say) only means the first visitor waits as before.
    """
    from cxdash.ui import database, overview

    if not database.db_path().exists():
        return
    started = time.perf_counter()
    # Streamlit's caches warn that no script is running; here that is the point.
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    quiet.addFilter(_no_script_run_warning)
    try:
        overview.warm(database.data_version())
    except Exception:
        _log.warning("the default view was not prepared at start-up", exc_info=True)
    else:
        _log.info("default view prepared in %.2f s", time.perf_counter() - started)
    finally:
        quiet.removeFilter(_no_script_run_warning)


def _no_script_run_warning(record: logging.LogRecord) -> bool:
    return "missing ScriptRunContext" not in record.getMessage()
