"""The global filters in the sidebar, kept in the URL so a copied link reopens the view.

URL parameters: ``from`` and ``to`` (YYYY-MM-DD), and ``segment``, ``region``,
``channel`` (repeatable). The URL is read once per browser session; values that
are not valid are dropped with a notice. After that the widgets own the state
and every run writes it back to the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from cxdash.filters import Filters
from cxdash.markdown import md_escape
from cxdash.period import Period
from cxdash.ui import cached
from cxdash.ui.database import data_version
from cxdash.ui.text import tr

# The widest dates the date picker and URL accept; beyond them a date is a typo.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)

_PERIOD_KEY = "scope_period"
_LIST_KEYS = {"segment": "scope_segment", "region": "scope_region", "channel": "scope_channel"}
_URL_READ_KEY = "_scope_url_read"
_NOTICES_KEY = "_scope_notices"
_CURRENT_KEY = "_scope_current"


@dataclass(frozen=True)
class Scope:
    period: Period
    filters: Filters

    @property
    def previous(self) -> Period:
        return self.period.previous()


def _parse_date(text: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if EARLIEST <= day <= LATEST else None


def _read_url(options: dict[str, list[str]], default: tuple[dt.date, dt.date]) -> list[str]:
    """Seed the widgets from the URL; return a notice per value that was ignored.

    Notices are Markdown (the frame shows them with ``st.warning``): the value
    from the link is escaped, so a crafted link cannot put a link or an image
    in the app's own words.
    """
    params = st.query_params
    notices: list[str] = []
    start, end = default
    for name in ("from", "to"):
        if name not in params:
            continue
        raw = params.get(name, "")
        day = _parse_date(raw)
        if day is None:
            notices.append(tr("filters.notice.bad_date", name=name, value=md_escape(raw)))
        elif name == "from":
            start = day
        else:
            end = day
    if end < start:
        notices.append(tr("filters.notice.reversed", start=start.isoformat(), end=end.isoformat()))
        start, end = default
    st.session_state[_PERIOD_KEY] = (start, end)
    for name, key in _LIST_KEYS.items():
        chosen = []
        for value in params.get_all(name):
            if value in options[name]:
                chosen.append(value)
            else:
                notices.append(tr("filters.notice.unknown", name=name, value=md_escape(value)))
        st.session_state[key] = list(dict.fromkeys(chosen))
    return notices


def _write_url(scope: Scope) -> None:
    params = st.query_params
    params["from"] = scope.period.start.isoformat()
    params["to"] = scope.period.end.isoformat()
    values = {
        "segment": scope.filters.segments,
        "region": scope.filters.regions,
        "channel": scope.filters.channels,
    }
    for name, chosen in values.items():
        if chosen:
            params[name] = list(chosen)
        elif name in params:
            del params[name]


def _keep_known(options: dict[str, list[str]]) -> None:
    # After a load replaces data, a remembered choice may no longer exist.
    for name, key in _LIST_KEYS.items():
        if key in st.session_state:
            st.session_state[key] = [v for v in st.session_state[key] if v in options[name]]


def render_sidebar() -> Scope:
    """Draw the filters in the sidebar and return the scope they select."""
    version = data_version()
    options = cached.filter_options(version)
    default = cached.default_period(version, dt.date.today())
    if not st.session_state.get(_URL_READ_KEY):
        st.session_state[_NOTICES_KEY] = _read_url(options, default)
        st.session_state[_URL_READ_KEY] = True
    _keep_known(options)
    st.session_state.setdefault(_PERIOD_KEY, default)

    with st.sidebar:
        st.subheader(tr("filters.title"))
        picked = st.date_input(
            tr("filters.period"),
            key=_PERIOD_KEY,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            help=tr("filters.period.help"),
        )
        # While the user has picked only the first day of a new range, keep the last full one.
        if isinstance(picked, tuple | list) and len(picked) == 2:
            period = Period(picked[0], picked[1])
        else:
            previous: Scope | None = st.session_state.get(_CURRENT_KEY)
            period = previous.period if previous else Period(*default)
        st.caption(tr("filters.compared_with", period=str(period.previous())))
        chosen = {
            name: tuple(
                st.multiselect(
                    tr(f"filters.{name}"),
                    options[name],
                    key=key,
                    placeholder=tr("filters.all"),
                )
            )
            for name, key in _LIST_KEYS.items()
        }
    scope = Scope(period, Filters(chosen["segment"], chosen["region"], chosen["channel"]))
    st.session_state[_CURRENT_KEY] = scope
    _write_url(scope)
    return scope


def choose(name: str, value: str) -> bool:
    """Set the ``name`` filter (segment, region or channel) to ``value`` alone.

    Meant for callbacks, which run before the sidebar widgets are drawn. A value
    the data does not offer is ignored; returns whether the filter changed.
    """
    if name not in _LIST_KEYS or value not in cached.filter_options(data_version())[name]:
        return False
    st.session_state[_LIST_KEYS[name]] = [value]
    return True


def notices() -> list[str]:
    """Notices about ignored URL values, handed out once."""
    return st.session_state.pop(_NOTICES_KEY, [])


def current() -> Scope:
    """The scope the sidebar selected in this run (render_sidebar runs first, in the frame)."""
    return st.session_state[_CURRENT_KEY]
