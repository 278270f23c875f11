"""The reader's language and the shortcut pages use to look up text.

The language lives in the URL (``?lang=uz``) so a shared link opens in the
sender's language; the sidebar selector changes it for the session.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxdash import formatting, i18n
from cxdash.markdown import md_escape
from cxdash.period import Period

LANGUAGE_KEY = "lang"
_URL_READ_KEY = "_lang_url_read"
_URL_NOTICE_KEY = "_lang_url_notice"
# Each language named in itself, so a reader finds their own.
_NATIVE_NAMES = {"en": "English", "uz": "Oʻzbekcha", "ru": "Русский"}


def language() -> str:
    chosen = st.session_state.get(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE)
    return chosen if chosen in i18n.languages() else i18n.DEFAULT_LANGUAGE


def tr(key: str, /, **values: object) -> str:
    """The catalog text for ``key`` in the reader's language."""
    return i18n.t(key, language(), **values)


def date_text(day: dt.date) -> str:
    """A day as the reader's language writes it."""
    return formatting.format_date(day, lang=language())


def period_text(period: Period) -> str:
    """A period as the reader's language writes it."""
    return formatting.format_period(period.start, period.end, lang=language())


def read_url_language() -> None:
    """Take ``?lang=`` from the URL once per session, before any text is drawn."""
    if st.session_state.get(_URL_READ_KEY):
        return
    st.session_state[_URL_READ_KEY] = True
    wanted = st.query_params.get(LANGUAGE_KEY)
    if wanted in i18n.languages():
        st.session_state[LANGUAGE_KEY] = wanted
    elif wanted is not None:
        st.session_state[_URL_NOTICE_KEY] = wanted


def url_notices() -> list[str]:
    """A notice about a ``?lang=`` the product does not speak, handed out once."""
    wanted = st.session_state.pop(_URL_NOTICE_KEY, None)
    if wanted is None:
        return []
    return [tr("filters.notice.language", value=md_escape(wanted))]


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
