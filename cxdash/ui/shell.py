"""The frame every page runs in: page config, navigation, global filters and first-run set-up.

``app.py`` calls :func:`main` on each script run. Pages live in ``pages/``;
every page runs inside this frame, so the filters created here keep their
state across page switches.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from cxdash.opposite import STEPS
from cxdash.ui import access, database, frame, scope
from cxdash.ui.text import language_selector, read_url_language, tr, url_notices

_PAGES = Path(__file__).resolve().parents[2] / "pages"
_log = logging.getLogger("cxdash")


def _navigation() -> st.navigation:
    home = [
        st.Page(
            _PAGES / "overview.py",
            title=tr("nav.overview"),
            icon=":material/dashboard:",
            url_path="home",
            default=True,
        ),
        # The default page is served at "/"; this hidden twin answers links to "/overview".
        st.Page(
            _PAGES / "overview.py",
            title=tr("nav.overview"),
            url_path="overview",
            visibility="hidden",
        ),
    ]
    steps = [
        st.Page(
            _PAGES / f"{s.number}_{s.key}.py",
            title=tr(s.text_key("title")),
            icon=s.icon,
            url_path=s.key,
        )
        for s in STEPS
    ]
    work = [
        st.Page(
            _PAGES / "data.py",
            title=tr("nav.data"),
            icon=":material/database:",
            url_path="data",
            # Roles that cannot load data do not see it in the menu; a link still opens it.
            visibility="visible" if access.allowed(access.LOAD_DATA) else "hidden",
        ),
        st.Page(
            _PAGES / "workshop.py",
            title=tr("nav.workshop"),
            icon=":material/groups:",
            url_path="workshop",
        ),
    ]
    return st.navigation(
        {
            tr("nav.section.home"): home,
            tr("nav.section.steps"): steps,
            tr("nav.section.work"): work,
        },
        expanded=True,
        # Until someone signs in, the menu stays hidden (the requested page still matches).
        position="hidden" if access.sign_in_needed() else "sidebar",
    )


def main() -> None:
    """One script run: the frame around the page the reader asked for."""
    read_url_language()
    st.set_page_config(page_title=tr("app.title"), page_icon=":material/insights:", layout="wide")
    page = _navigation()
    database.begin_run()
    # Filled when a command (a nightly load, a backup) holds the database meanwhile.
    updating = st.empty()
    try:
        database.ensure_database()
        language_selector()
        if access.sign_in_needed():
            access.sign_in_screen()
            return
        access.sidebar()
        scope.render_sidebar()
        for notice in [*url_notices(), *scope.notices()]:
            st.warning(notice, icon=":material/link_off:")
        with frame.running():
            page.run()
        database.update_notice(updating)
    except database.DatabaseBusyError:
        database.busy_notice(updating)
    except Exception as exc:  # a message, never a traceback, reaches the reader
        _log.exception("page failed")
        st.error(tr("app.error", reason=type(exc).__name__), icon=":material/error:")
