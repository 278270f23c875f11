"""Who may do what in the app: the one place pages ask before they offer an action.

With sign-in off (the default, and on the demo) everybody may do everything.
The sign-in work fills in the signed-in user's role; pages only ever call
``allowed`` and ``user_name``.
"""

from __future__ import annotations

# Actions a page may offer. Roles map to sets of these.
VIEW = "view"
EDIT_ARTEFACTS = "edit_artefacts"
LOAD_DATA = "load_data"
MANAGE = "manage"


def allowed(action: str) -> bool:
    """True when the current user may do ``action``."""
    return True


def user_name() -> str | None:
    """The signed-in user's name, for the load history; None with sign-in off."""
    return None
