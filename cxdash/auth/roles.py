"""The roles a team hands out and the actions each allows.

A viewer (e.g. the CMO) reads every screen; a facilitator also edits the
workshop artefacts and records maturity scores; an analyst also loads and
undoes data; an admin may do all of it.
"""

from __future__ import annotations

# Actions a screen may offer; pages ask for one of these, never for a role.
VIEW = "view"
EDIT_ARTEFACTS = "edit_artefacts"
LOAD_DATA = "load_data"
MANAGE = "manage"
ACTIONS = (VIEW, EDIT_ARTEFACTS, LOAD_DATA, MANAGE)

ROLES: dict[str, frozenset[str]] = {
    "viewer": frozenset({VIEW}),
    "facilitator": frozenset({VIEW, EDIT_ARTEFACTS}),
    "analyst": frozenset({VIEW, LOAD_DATA}),
    "admin": frozenset(ACTIONS),
}


def can(role: str | None, action: str) -> bool:
    """True when ``role`` allows ``action``; an unknown role or action allows nothing."""
    return action in ROLES.get(role or "", frozenset())
