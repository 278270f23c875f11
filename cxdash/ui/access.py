"""Who may do what in the app: the one place pages ask before they offer an action.

Sign-in is on when a users file exists (``$CXDASH_USERS``, else
``data/users.toml``; ``python -m cxdash users add`` creates it) or when an
identity provider is configured for Streamlit's OpenID Connect sign-in (an
``[auth]`` section in ``.streamlit/secrets.toml``). Otherwise it is off, as on
the demo: everybody may do everything, and the sidebar says so.

With sign-in on, nobody sees a page before signing in, and each role allows
its actions only (:mod:`cxdash.auth.roles`). The role is looked up in the
users file at every run, so removing a user or changing their role takes
effect at their next click. A broken users file lets nobody in.

Pages only ever call :func:`allowed` and :func:`user_name` (and
:func:`explain` to say why an action is missing).
"""

from __future__ import annotations

import functools
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from cxdash import auth
from cxdash.auth import EDIT_ARTEFACTS, LOAD_DATA, MANAGE, VIEW, UsersFile, UsersFileError
from cxdash.markdown import md_escape
from cxdash.ui.text import tr

__all__ = [
    "EDIT_ARTEFACTS",
    "LOAD_DATA",
    "MANAGE",
    "VIEW",
    "allowed",
    "explain",
    "sidebar",
    "sign_in_needed",
    "sign_in_on",
    "sign_in_screen",
    "user_name",
]

_log = logging.getLogger("cxdash")
_SIGNED_IN = "_access_user"  # the name signed in with a password, in this session
_FAILURES = "_access_failures"
_LOCKED_UNTIL = "_access_locked_until"
# Each wrong password costs a pause, and a run of them a longer wait: slow enough to
# spoil guessing from one session, short enough not to punish a typo.
_PAUSE_SECONDS = 1.0
_TRIES_BEFORE_LOCK = 5
_LOCK_SECONDS = 60.0
PASSWORD, OIDC = "password", "oidc"


@dataclass(frozen=True)
class Signed:
    name: str
    role: str | None  # None: vouched for by the identity provider, but without access here
    via: str


# -- the users file and the identity provider ------------------------------------------------


@functools.lru_cache(maxsize=8)
def _read(path: str, stamp: tuple) -> UsersFile | None:
    """The file as of ``stamp`` (its mtime, size and inode); None when it cannot be read."""
    try:
        return auth.read(Path(path))
    except UsersFileError:
        _log.exception("the users file cannot be read; nobody can sign in until it is fixed")
        return None


def _users() -> UsersFile | None:
    """The users file; empty when there is none, None when it is broken."""
    path = auth.users_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        return UsersFile()
    except OSError:
        return None
    return _read(str(path.resolve()), (info.st_mtime_ns, info.st_size, info.st_ino))


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def sign_in_on() -> bool:
    """True when a users file exists or an identity provider is configured."""
    return auth.users_path().exists() or _oidc_configured()


def current() -> Signed | None:
    """Who is signed in to this session, or None."""
    users = _users()
    if _oidc_configured() and st.user.get("is_logged_in"):
        identity = st.user.get("email") or st.user.get("name") or ""
        role = auth.role_for_identity(users, identity) if users is not None else None
        return Signed(str(identity), role, OIDC)
    name = st.session_state.get(_SIGNED_IN)
    if name and users is not None:
        user = users.find(name)
        if user is not None and user.password_hash:  # still listed, still with a password
            return Signed(user.name, user.role, PASSWORD)
    return None


def allowed(action: str) -> bool:
    """True when the current user may do ``action`` (always, with sign-in off)."""
    if not sign_in_on():
        return True
    signed = current()
    return signed is not None and auth.can(signed.role, action)


def user_name() -> str | None:
    """The signed-in user's name, for the load history; None with sign-in off."""
    if not sign_in_on():
        return None
    signed = current()
    return signed.name if signed is not None else None


def sign_in_needed() -> bool:
    """True when sign-in is on and this session has nobody with a role signed in."""
    if not sign_in_on():
        return False
    signed = current()
    return signed is None or signed.role is None


def _role_label(role: str | None) -> str:
    return tr(f"access.role.{role}") if role in auth.ROLES else tr("access.role.none")


def explain(action: str, *, key: str | None = None) -> None:
    """Say that the current role cannot do ``action`` (``key``: a more specific message)."""
    signed = current()
    role = _role_label(signed.role if signed else None)
    st.info(tr(key or f"access.cannot.{action}", role=role), icon=":material/lock:")


# -- the sign-in screen and the sidebar ----------------------------------------------------


def sign_in_screen() -> None:
    """What a visitor sees until they sign in: the identity provider's button and/or a form."""
    st.title(tr("access.sign_in.title"), anchor=False)
    users = _users()
    if users is None:
        st.error(tr("access.sign_in.broken_file"), icon=":material/error:")
        return
    signed = current()
    if signed is not None and signed.role is None:
        st.warning(tr("access.sign_in.no_access", name=md_escape(signed.name)))
        _sign_out_button(st)
        return
    if _oidc_configured():
        _oidc_button()
    if any(u.password_hash for u in users.users):
        st.caption(tr("access.sign_in.caption"))
        _password_form(users)
    elif not _oidc_configured():
        st.info(tr("access.sign_in.no_users"), icon=":material/person_add:")


def _oidc_button() -> None:
    if not st.button(tr("access.sign_in.oidc"), key="access_oidc", type="primary"):
        return
    try:
        st.login()
    except Exception as exc:  # Authlib missing or the provider misconfigured: say so plainly
        _log.warning("OpenID Connect sign-in failed: %s", exc)
        missing = type(exc).__name__ == "StreamlitMissingAuthlibError"
        key = "access.sign_in.oidc_unavailable" if missing else "access.sign_in.oidc_failed"
        st.error(tr(key), icon=":material/error:")


def _password_form(users: UsersFile) -> None:
    with st.form("access_sign_in", border=True, enter_to_submit=True):
        name = st.text_input(
            tr("access.sign_in.name"), key="access_name", max_chars=120, autocomplete="username"
        )
        password = st.text_input(
            tr("access.sign_in.password"),
            key="access_password",
            type="password",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(
            tr("access.sign_in.submit"), type="primary", icon=":material/login:"
        )
    if not submitted:
        return
    if time.monotonic() < st.session_state.get(_LOCKED_UNTIL, 0.0):
        st.error(tr("access.sign_in.locked"), icon=":material/timer:")
        return
    user = auth.authenticate(users, name, password)
    if user is None:
        _failed()
        return
    st.session_state.pop(_FAILURES, None)
    st.session_state.pop("access_password", None)  # the typed password does not outlive its use
    st.session_state[_SIGNED_IN] = user.name
    _log.info("signed in: %r as %s", user.name, user.role)
    st.rerun()


def _failed() -> None:
    failures = st.session_state.get(_FAILURES, 0) + 1
    st.session_state[_FAILURES] = failures
    time.sleep(_PAUSE_SECONDS)
    if failures >= _TRIES_BEFORE_LOCK:
        st.session_state[_FAILURES] = 0
        st.session_state[_LOCKED_UNTIL] = time.monotonic() + _LOCK_SECONDS
        st.error(tr("access.sign_in.locked"), icon=":material/timer:")
    else:
        # The same words whether the name or the password was wrong: names stay private.
        st.error(tr("access.sign_in.wrong"), icon=":material/error:")


def sidebar() -> None:
    """The sidebar's line on sign-in: who is signed in and a sign-out button, or "sign-in off"."""
    if not sign_in_on():
        st.sidebar.info(tr("access.off"), icon=":material/lock_open:")
        return
    signed = current()
    if signed is None:
        return
    st.sidebar.caption(
        tr("access.signed_in_as", name=md_escape(signed.name), role=_role_label(signed.role))
    )
    _sign_out_button(st.sidebar)


def _sign_out_button(where) -> None:
    if not where.button(tr("access.sign_out"), key="access_sign_out", icon=":material/logout:"):
        return
    signed = current()
    st.session_state.pop(_SIGNED_IN, None)
    if signed is not None and signed.via == OIDC:
        st.logout()
    st.rerun()
