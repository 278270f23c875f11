"""How the server starts: ``app.py`` hands :func:`lifespan` and :data:`ROUTES` to ``st.App``.

Before the first browser connects, the server turns Nagle's algorithm off on
its sockets (cxdash/ui/transport.py), imports what a script run needs (the
frame and every page's modules: pandas, Plotly, DuckDB and cxdash, most of a
second), compresses the Plotly bundle the charts load (cxdash/ui/bundle.py),
reads the calendar data of every language, draws Streamlit's first element
(which walks the stack once per process) and works out the default Overview:
its queries and its figures. Otherwise the first page view
after a start would wait for all of that.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib
import logging
import time
from collections.abc import AsyncIterator, Iterator

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
    warm_once_per_process()
    warm_default_view()
    yield


def warm_once_per_process() -> None:
    """What the first script run of a process would otherwise do first (a tenth of a second each).

    Babel reads a language's calendar data when it first writes a period in it,
    and Streamlit checks once, on the first element a process draws, whether it
    runs in an interactive shell (walking every frame of the stack). Drawn here,
    outside a script run, the element goes nowhere.
    """
    import streamlit as st

    from cxdash import formatting, i18n

    day = datetime.date(2000, 1, 1)
    for lang in i18n.languages():
        formatting.format_period(day, day + datetime.timedelta(days=40), lang=lang)
        formatting.format_date(day, lang=lang)
    with _outside_a_script_run():
        st.empty()


def warm_default_view() -> None:
    """The default Overview's query results and figures made, and DuckDB's caches filled, early.

    Only for a database that is there: a first start builds the demo in the
    first visitor's run, with a message. Anything that goes wrong (the file held
    by a command, say) only means the first visitor waits as before.
    """
    from cxdash.ui import database, overview

    if not database.db_path().exists():
        return
    started = time.perf_counter()
    try:
        with _outside_a_script_run():
            overview.warm(database.data_version())
    except Exception:
        _log.warning("the default view was not prepared at start-up", exc_info=True)
    else:
        _log.info("default view prepared in %.2f s", time.perf_counter() - started)


@contextlib.contextmanager
def _outside_a_script_run() -> Iterator[None]:
    """Streamlit's calls warn that no script is running; at start-up that is the point."""
    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    quiet.addFilter(_no_script_run_warning)
    try:
        yield
    finally:
        quiet.removeFilter(_no_script_run_warning)


def _no_script_run_warning(record: logging.LogRecord) -> bool:
    return "missing ScriptRunContext" not in record.getMessage()
