"""The reader's language and the shortcut pages use to look up text."""

from __future__ import annotations

import streamlit as st

from cxdash import i18n

LANGUAGE_KEY = "lang"


def language() -> str:
    chosen = st.session_state.get(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)
    return chosen if chosen in i18n.languages() else i18n.DEFAULT_LANGUAGE


def tr(key: str, /, **values: object) -> str:
    """The catalog text for ``key`` in the reader's language."""
    return i18n.t(key, language(), **values)
