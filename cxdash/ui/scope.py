"""The global filters in the sidebar, kept in the URL so a copied link reopens the view.

URL parameters: ``from`` and ``to`` (YYYY-MM-DD), and ``segment``, ``region``,
``channel`` (repeatable), and ``workshop`` (whose artefacts and maturity scores
the step screens and the Overview show; the standing workshop when absent).
The URL is read once per browser session; values that are not valid are
dropped with a notice. After that the widgets own the state
and every run writes it back to the URL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from cxdash import workshops
from cxdash.filters import Filters
from cxdash.formatting import format_period
from cxdash.markdown import md_escape
from cxdash.period import Period
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.ui import cached
from cxdash.ui.database import data_version
from cxdash.ui.text import language, tr

# The widest dates the date picker and URL accept; beyond them a date is a typo.
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)

_PERIOD_KEY = "scope_period"
_LIST_KEYS = {"segment": "scope_segment", "region": "scope_region", "channel": "scope_channel"}
_URL_READ_KEY = "_scope_url_read"
# How each language writes a date by hand (Streamlit's date picker offers these).
_DATE_INPUT_FORMAT = {"en": "YYYY-MM-DD", "uz": "DD.MM.YYYY", "ru": "DD.MM.YYYY"}
_NOTICES_KEY = "_scope_notices"
_CURRENT_KEY = "_scope_current"
_WORKSHOP_KEY = "scope_workshop"
_WORKSHOP_CHOSEN_KEY = "_scope_workshop_chosen"
_WORKSHOP_PENDING_KEY = "_scope_workshop_pending"
_WORKSHOP_URL_READ_KEY = "_scope_workshop_url_read"


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


def default_scope(version: int) -> Scope:
    """What a visitor sees who opens the app without a link: the default period, no filters."""
    return Scope(Period(*cached.default_period(version, dt.date.today())), Filters())


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
            format=_DATE_INPUT_FORMAT.get(language(), "YYYY-MM-DD"),
            help=tr("filters.period.help"),
        )
        # While the user has picked only the first day of a new range, keep the last full one.
        if isinstance(picked, tuple | list) and len(picked) == 2:
            period = Period(picked[0], picked[1])
        else:
            previous: Scope | None = st.session_state.get(_CURRENT_KEY)
            period = previous.period if previous else Period(*default)
        before = period.previous()
        shown = format_period(before.start, before.end, lang=language())
        st.caption(tr("filters.compared_with", period=shown))
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
    _workshop_picker(version)
    return scope


def _workshop_picker(version: int) -> None:
    """Which workshop's artefacts the screens show: the URL's once, then the sidebar's choice.

    The picker appears only once there is more than one workshop to choose from.
    """
    known = sorted(cached.query(workshops.names, version), key=str.casefold)
    known = [DEFAULT_WORKSHOP] + [n for n in known if n != DEFAULT_WORKSHOP]
    state = st.session_state
    if not state.get(_WORKSHOP_URL_READ_KEY):
        state[_WORKSHOP_URL_READ_KEY] = True
        raw = st.query_params.get("workshop")
        if raw is not None and raw in known:
            state[_WORKSHOP_CHOSEN_KEY] = raw
        elif raw is not None:
            notice = tr("workshop.notice.unknown", value=md_escape(raw))
            state[_NOTICES_KEY] = [*state.get(_NOTICES_KEY, []), notice]
    pending = state.pop(_WORKSHOP_PENDING_KEY, None)
    chosen = (
        pending if pending in known else state.get(_WORKSHOP_KEY, state.get(_WORKSHOP_CHOSEN_KEY))
    )
    state[_WORKSHOP_KEY] = chosen if chosen in known else DEFAULT_WORKSHOP
    if len(known) > 1:
        with st.sidebar:
            st.selectbox(
                tr("workshop.sidebar.label"),
                known,
                key=_WORKSHOP_KEY,
                format_func=lambda n: tr("workshop.standing") if n == DEFAULT_WORKSHOP else n,
                help=tr("workshop.sidebar.help"),
            )
    state[_WORKSHOP_CHOSEN_KEY] = state[_WORKSHOP_KEY]
    if state[_WORKSHOP_KEY] == DEFAULT_WORKSHOP:
        if "workshop" in st.query_params:
            del st.query_params["workshop"]
    else:
        st.query_params["workshop"] = state[_WORKSHOP_KEY]


def workshop() -> str:
    """The workshop the screens show in this run (render_sidebar runs first, in the frame)."""
    return st.session_state.get(_WORKSHOP_CHOSEN_KEY, DEFAULT_WORKSHOP)


def choose_workshop(name: str) -> None:
    """Show workshop ``name`` from the next run on (callbacks, or before ``st.rerun``)."""
    st.session_state[_WORKSHOP_PENDING_KEY] = name


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
