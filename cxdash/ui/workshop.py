"""The workshop page's set-up: choose a workshop, create one, change its details.

The chosen workshop is the app's selected workshop (``scope.workshop()``), so
the step screens and the Overview show its artefacts and scores too.
"""

from __future__ import annotations

import streamlit as st

from cxdash import workshops
from cxdash.markdown import md_escape
from cxdash.schema import DEFAULT_WORKSHOP
from cxdash.ui import access, scope
from cxdash.ui.database import cursor, write_lock
from cxdash.ui.text import tr
from cxdash.workshops import Workshop, WorkshopError

_FLASH_KEY = "_workshop_flash"
_EMPTY = ""  # "start from" choice: no artefacts


def error_text(error: WorkshopError) -> str:
    """The user's message for a refused input; names from the user are escaped."""
    params = {k: md_escape(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return tr(f"workshop.error.{error.code}", **params)


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows a write."""
    st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    if message := st.session_state.pop(_FLASH_KEY, None):
        st.toast(message, icon=":material/check:")


def display_name(ws: Workshop) -> str:
    """How a workshop reads in a list (plain text: option labels are not Markdown)."""
    if ws.name == DEFAULT_WORKSHOP:
        label = tr("workshop.standing")
    else:
        label = ws.name
    details = [ws.held_on.isoformat()] if ws.held_on else []
    details.append(tr("workshop.step_of", step=ws.current_step, total=8))
    return f"{label} · {' · '.join(details)}"


def picker(all_workshops: list[Workshop], current: str) -> None:
    """Open another workshop; the list is the most recently worked on first."""
    by_name = {w.name: w for w in all_workshops}
    key = "workshop_pick"
    st.session_state[key] = current if current in by_name else DEFAULT_WORKSHOP

    def opened() -> None:
        scope.choose_workshop(st.session_state[key])

    st.selectbox(
        tr("workshop.pick"),
        list(by_name),
        key=key,
        format_func=lambda n: display_name(by_name[n]),
        on_change=opened,
        help=tr("workshop.pick.help"),
    )


def _refusal_key(form: str) -> str:
    return f"_workshop_refused_{form}"


def show_refusal(form: str) -> None:
    """The message of the last refused submit of ``form``, shown once."""
    if message := st.session_state.pop(_refusal_key(form), None):
        st.error(message, icon=":material/block:")


def submit(form: str, write, success: str | None = None) -> bool:
    """Run ``write(cursor)`` under the write lock; keep the message of a refusal for ``form``.

    Forms submit through callbacks, which run before the script: the result is
    in place when the page draws, and a success message waits for it.
    """
    try:
        with write_lock, cursor() as cur:
            write(cur)
    except WorkshopError as refused:
        st.session_state[_refusal_key(form)] = error_text(refused)
        return False
    if success:
        flash(success)
    return True


_NEW_FIELDS = ("name", "date", "facilitator", "team", "start", "participants")


def _create() -> None:
    state = st.session_state
    values = {f: state.get(f"workshop_new_{f}") for f in _NEW_FIELDS}
    made: list[Workshop] = []

    def write(cur) -> None:
        made.append(
            workshops.create(
                cur,
                values["name"] or "",
                held_on=values["date"],
                facilitator=values["facilitator"],
                participants=values["participants"] or "",
                team=values["team"],
                copy_from=values["start"] or None,
            )
        )

    if submit("new", write):
        scope.choose_workshop(made[0].name)
        flash(tr("workshop.created", name=md_escape(made[0].name)))
        for field in ("name", "facilitator", "team", "participants"):
            state[f"workshop_new_{field}"] = ""


def create_form(all_workshops: list[Workshop]) -> None:
    """A new workshop: its details and whether it starts from another's artefacts."""
    if not access.allowed(access.EDIT_ARTEFACTS):
        return
    names = [w.name for w in all_workshops]
    with st.expander(tr("workshop.new"), icon=":material/add:"):
        with st.form("workshop_new", border=False):
            st.text_input(
                tr("workshop.field.name"), max_chars=workshops.MAX_NAME, key="workshop_new_name"
            )
            left, right = st.columns(2)
            left.date_input(
                tr("workshop.field.date"), value=None, format="YYYY-MM-DD", key="workshop_new_date"
            )
            right.text_input(
                tr("workshop.field.facilitator"),
                max_chars=workshops.MAX_NAME,
                key="workshop_new_facilitator",
            )
            left.text_input(
                tr("workshop.field.team"), max_chars=workshops.MAX_NAME, key="workshop_new_team"
            )
            right.selectbox(
                tr("workshop.field.start_from"),
                [_EMPTY, *names],
                index=1 + names.index(DEFAULT_WORKSHOP) if DEFAULT_WORKSHOP in names else 0,
                format_func=lambda n: (
                    tr("workshop.start.empty") if n == _EMPTY else tr("workshop.start.copy", name=n)
                ),
                help=tr("workshop.field.start_from.help"),
                key="workshop_new_start",
            )
            st.text_area(
                tr("workshop.field.participants"),
                help=tr("workshop.field.participants.help"),
                key="workshop_new_participants",
            )
            st.form_submit_button(
                tr("workshop.create"), icon=":material/add:", type="primary", on_click=_create
            )
        show_refusal("new")


def details(ws: Workshop) -> None:
    """The workshop's date, facilitator, participants and team, editable by those who may."""
    if not access.allowed(access.EDIT_ARTEFACTS):
        return
    key = f"workshop_details_{ws.name}"

    def save() -> None:
        state = st.session_state

        def write(cur) -> None:
            workshops.update(
                cur,
                ws.name,
                held_on=state.get(f"{key}_date"),
                facilitator=state.get(f"{key}_facilitator"),
                participants=state.get(f"{key}_participants") or "",
                team=state.get(f"{key}_team"),
            )

        submit("details", write, tr("workshop.details.saved"))

    with st.expander(tr("workshop.details"), icon=":material/edit:"):
        with st.form(key, border=False):
            left, right = st.columns(2)
            left.date_input(
                tr("workshop.field.date"),
                value=ws.held_on,
                format="YYYY-MM-DD",
                key=f"{key}_date",
            )
            right.text_input(
                tr("workshop.field.facilitator"),
                value=ws.facilitator or "",
                max_chars=workshops.MAX_NAME,
                key=f"{key}_facilitator",
            )
            left.text_input(
                tr("workshop.field.team"),
                value=ws.team or "",
                max_chars=workshops.MAX_NAME,
                key=f"{key}_team",
            )
            st.text_area(
                tr("workshop.field.participants"),
                value="\n".join(ws.participants),
                help=tr("workshop.field.participants.help"),
                key=f"{key}_participants",
            )
            st.form_submit_button(
                tr("workshop.details.save"), icon=":material/save:", on_click=save
            )
        show_refusal("details")


def summary(ws: Workshop) -> str:
    """One Markdown line: name, date, facilitator, team, participants (all escaped)."""
    name = tr("workshop.standing") if ws.name == DEFAULT_WORKSHOP else md_escape(ws.name)
    parts = [f"**{name}**"]
    if ws.held_on:
        parts.append(ws.held_on.isoformat())
    if ws.facilitator:
        parts.append(tr("workshop.summary.facilitator", name=md_escape(ws.facilitator)))
    if ws.team:
        parts.append(tr("workshop.summary.team", team=md_escape(ws.team)))
    if ws.participants:
        parts.append(tr("workshop.summary.participants", count=len(ws.participants)))
    return " · ".join(parts)
