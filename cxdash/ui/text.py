"""The reader's language and the shortcut pages use to look up text.

The language lives in the URL (``?lang=uz``) so a shared link opens in the
sender's language; the sidebar selector changes it for the session.
"""

from __future__ import annotations

import streamlit as st

from cxdash import i18n

LANGUAGE_KEY = "lang"
_URL_READ_KEY = "_lang_url_read"
# Each language named in itself, so a reader finds their own.
_NATIVE_NAMES = {"en": "English", "uz": "Oʻzbekcha", "ru": "Русский"}


def language() -> str:
    chosen = st.session_state.get(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)
    return chosen if chosen in i18n.languages() else i18n.DEFAULT_LANGUAGE


def tr(key: str, /, **values: object) -> str:
    """The catalog text for ``key`` in the reader's language."""
    return i18n.t(key, language(), **values)


def read_url_language() -> None:
    """Take ``?lang=`` from the URL once per session, before any text is drawn."""
    if st.session_state.get(_URL_READ_KEY):
        return
    st.session_state[_URL_READ_KEY] = True
    wanted = st.query_params.get(LANGUAGE_KEY)
    if wanted in i18n.languages():
        st.session_state[LANGUAGE_KEY] = wanted


def language_selector() -> None:
    """The sidebar's language choice (shown when more than one catalog exists); kept in the URL."""
    available = i18n.languages()
    st.session_state.setdefault(LANGUAGE_KEY, language())
    if len(available) > 1:
        st.sidebar.selectbox(
            "Language · Til · Язык",
            available,
            key=LANGUAGE_KEY,
            format_func=lambda code: _NATIVE_NAMES.get(code, code),
        )
    if language() == i18n.DEFAULT_LANGUAGE:
        if LANGUAGE_KEY in st.query_params:
            del st.query_params[LANGUAGE_KEY]
    else:
        st.query_params[LANGUAGE_KEY] = language()
