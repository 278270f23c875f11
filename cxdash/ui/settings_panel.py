"""The deployment's settings in the app: which currency the loaded amounts are in.

Pages read the currency through :func:`currency` (cached per data version, so
a change shows on every page at the next run); the Data screen draws
:func:`panel`, where a user allowed to manage the deployment changes it.
"""

from __future__ import annotations

import streamlit as st

from cxdash import settings
from cxdash.formatting import currency_symbol
from cxdash.ui import access
from cxdash.ui.database import cursor, data_version, write_lock
from cxdash.ui.text import language, tr

_CHOICE_KEY = "settings_currency"
_SAVED_KEY = "_settings_saved"


@st.cache_data(ttl="1h", show_spinner=False)
def _currency(version: int) -> str:
    with cursor() as cur:
        return settings.currency(cur)


def currency() -> str:
    """The currency code amounts are labelled with (UZS, RUB, USD or EUR)."""
    return _currency(data_version())


def _label(code: str) -> str:
    return tr("settings.currency_option", name=tr(f"settings.currency.{code}"), code=code)


def _save() -> None:
    if not access.allowed(access.MANAGE):  # the widget is disabled; the server checks too
        return
    chosen = st.session_state[_CHOICE_KEY]
    with write_lock, cursor() as cur:
        st.session_state[_SAVED_KEY] = settings.set_currency(cur, chosen)


def panel() -> None:
    """A small "Settings" expander: the currency, changeable by managers only."""
    current = currency()
    saved = st.session_state.pop(_SAVED_KEY, None)
    # Stay open after a change, so the confirmation is seen.
    with st.expander(tr("settings.title"), icon=":material/settings:", expanded=bool(saved)):
        if saved:
            st.success(tr("settings.saved", currency=_label(saved)), icon=":material/check:")
        may_change = access.allowed(access.MANAGE)
        if not may_change:
            access.explain(access.MANAGE, key="settings.cannot_change")
        st.session_state[_CHOICE_KEY] = current
        st.selectbox(
            tr("settings.currency"),
            settings.CURRENCIES,
            key=_CHOICE_KEY,
            format_func=_label,
            on_change=_save,
            disabled=not may_change,
            help=tr("settings.currency.help"),
        )
        example = currency_symbol(current, lang=language())
        st.caption(tr("settings.currency.caption", symbol=example))
