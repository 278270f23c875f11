"""The facilitator's flow through steps 1 to 8 of one workshop.

Each step shows its purpose and guiding questions, the evidence and artefact
of the step screen (the same render function, so the same charts), the
team's notes and decisions, a maturity score from each participant, and a
timer against the planned minutes. The step reached is stored, so reopening
the workshop continues there.

Presentation mode (``?present=1``) hides the sidebar and enlarges the type for
a projector: one step per screen, with previous and next at hand.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxdash import formatting, maturity, workshops
from cxdash.markdown import md_escape
from cxdash.opposite import STEPS, step
from cxdash.ui import access, cached, report_download, scope, steps
from cxdash.ui import step as step_frame
from cxdash.ui import workshop as setup
from cxdash.ui.database import cursor, data_version, write_lock
from cxdash.ui.text import language, tr
from cxdash.workshops import StepState, Workshop

TOTAL = len(STEPS)
PRESENT_PARAM = "present"
STEP_PARAM = "step"
_STEP_URL_READ_KEY = "_workshop_step_url_read"

# Projector styling. Fixed text only: nothing a user typed goes into this HTML.
_PRESENTATION_CSS = """
<style>
section[data-testid="stSidebar"],
div[data-testid="stSidebarCollapsedControl"],
button[data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"] { display: none !important; }
div[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
div[data-testid="stMainBlockContainer"] p,
div[data-testid="stMainBlockContainer"] li,
div[data-testid="stMainBlockContainer"] label { font-size: 1.4rem; line-height: 1.5; }
div[data-testid="stMainBlockContainer"] h1 { font-size: 3rem; }
div[data-testid="stMainBlockContainer"] h2 { font-size: 2.2rem; }
div[data-testid="stMainBlockContainer"] h3 { font-size: 1.8rem; }
div[data-testid="stMainBlockContainer"] button p { font-size: 1.3rem; }
div[data-testid="stMetricValue"] div,
div[data-testid="stMetricValue"] p { font-size: 2.6rem; line-height: 1.2; }
</style>
"""


def presenting() -> bool:
    return st.query_params.get(PRESENT_PARAM) == "1"


def _set_presenting(on: bool) -> None:
    if on:
        st.query_params[PRESENT_PARAM] = "1"
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def clock(seconds: float) -> str:
    """Seconds as m:ss (minutes may pass 59: a step is not an hour-long clock)."""
    whole = int(max(seconds, 0))
    return f"{whole // 60}:{whole % 60:02d}"


def _read(name: str, version: int) -> tuple[Workshop | None, dict[int, StepState]]:
    # Every change of a workshop (the step reached, a timer started or paused) bumps the
    # data version, so a cached read is never behind; a running clock is worked out
    # from its start time when drawn.
    return cached.query(_workshop_and_steps, version, name)


def _workshop_and_steps(cur, name: str) -> tuple[Workshop | None, dict[int, StepState]]:
    return workshops.get(cur, name), workshops.step_states(cur, name)


def _shown_step(ws: Workshop) -> int:
    """The step on screen: a ``step`` in the link once per session, else where it stopped."""
    key = f"_workshop_shown::{ws.name}"
    state = st.session_state
    if not state.get(_STEP_URL_READ_KEY):
        state[_STEP_URL_READ_KEY] = True
        raw = st.query_params.get(STEP_PARAM)
        if raw is not None:
            if raw.isdigit() and 1 <= int(raw) <= TOTAL:
                _go(ws.name, int(raw))
            else:
                st.warning(tr("workshop.notice.bad_step", value=md_escape(raw)))
    return state.get(key, ws.current_step)


def _go(name: str, number: int) -> None:
    """Move the workshop to step ``number``; stored for those who may edit, else this session's."""
    st.session_state[f"_workshop_shown::{name}"] = number
    if access.allowed(access.EDIT_ARTEFACTS):
        with write_lock, cursor() as cur:
            workshops.set_current_step(cur, name, number)


def _timer_action(name: str, number: int, action: str) -> None:
    funcs = {
        "start": workshops.start_timer,
        "pause": workshops.stop_timer,
        "reset": workshops.reset_timer,
    }
    with write_lock, cursor() as cur:
        funcs[action](cur, name, number)


def _navigation(ws: Workshop, number: int, place: str) -> None:
    """Previous and next, with the progress between them."""
    left, middle, right = st.columns([1, 4, 1], vertical_alignment="center")
    left.button(
        tr("workshop.previous"),
        key=f"workshop_previous_{place}",
        icon=":material/arrow_back:",
        disabled=number <= 1,
        on_click=_go,
        args=(ws.name, number - 1),
        width="stretch",
    )
    middle.progress(number / TOTAL, text=tr("workshop.progress", step=number, total=TOTAL))
    right.button(
        tr("workshop.next"),
        key=f"workshop_next_{place}",
        icon=":material/arrow_forward:",
        icon_position="right",
        disabled=number >= TOTAL,
        on_click=_go,
        args=(ws.name, number + 1),
        type="primary",
        width="stretch",
    )


def _jump(ws: Workshop, number: int) -> None:
    """Straight to any step: the numbers 1 to 8, the current one selected."""
    key = "workshop_jump"
    st.session_state[key] = number

    def jumped() -> None:
        chosen = st.session_state.get(key)
        if chosen is not None:
            _go(ws.name, int(chosen))

    st.segmented_control(
        tr("workshop.jump"),
        list(range(1, TOTAL + 1)),
        key=key,
        format_func=lambda n: tr(step(n).text_key("title")),
        on_change=jumped,
        label_visibility="collapsed",
        width="stretch",
    )


def _timer(ws: Workshop, number: int, state: StepState) -> None:
    """Time spent on the step against the planned minutes; live while it runs."""
    name = ws.name
    editable = access.allowed(access.EDIT_ARTEFACTS)

    def draw() -> None:
        _, states = _read(name, data_version())  # the clock's own reruns ask afresh
        now_state = states[number]
        spent = now_state.elapsed_at(workshops.utc_now())
        planned = now_state.planned_minutes * 60
        over = spent - planned
        st.metric(
            tr("workshop.timer.label"),
            f"{clock(spent)} / {clock(planned)}",
            delta=tr("workshop.timer.over", time=clock(over)) if over > 0 else None,
            delta_color="inverse",
            delta_arrow="off",
            help=tr("workshop.timer.help", minutes=now_state.planned_minutes),
        )

    # Only a running timer ticks, and only this fragment reruns each second, not the step.
    every = dt.timedelta(seconds=1) if state.running else None
    with st.container(key="workshop_clock"):
        st.fragment(draw, run_every=every)()
    if not editable:
        return
    start, reset = st.columns(2)
    if state.running:
        start.button(
            tr("workshop.timer.pause"),
            key="workshop_timer_pause",
            icon=":material/pause:",
            on_click=_timer_action,
            args=(name, number, "pause"),
            width="stretch",
        )
    else:
        start.button(
            tr("workshop.timer.start"),
            key="workshop_timer_start",
            icon=":material/play_arrow:",
            on_click=_timer_action,
            args=(name, number, "start"),
            width="stretch",
        )
    reset.button(
        tr("workshop.timer.reset"),
        key="workshop_timer_reset",
        icon=":material/restart_alt:",
        on_click=_timer_action,
        args=(name, number, "reset"),
        disabled=state.elapsed_seconds == 0 and not state.running,
        width="stretch",
    )


def _multiline(text: str) -> str:
    """User text over several lines, each escaped, line breaks kept."""
    return "  \n".join(md_escape(line) for line in text.splitlines() if line.strip())


def _notes(ws: Workshop, number: int, state: StepState) -> None:
    st.subheader(tr("workshop.notes.heading"))
    if not access.allowed(access.EDIT_ARTEFACTS):
        for label, text in (("notes", state.notes), ("decisions", state.decisions)):
            st.markdown(f"**{tr(f'workshop.notes.{label}')}**")
            st.markdown(_multiline(text) or tr("workshop.notes.none"))
        return
    key = f"workshop_notes_{ws.name}_{number}"

    def save() -> None:
        values = st.session_state

        def write(cur) -> None:
            workshops.save_step(
                cur,
                ws.name,
                number,
                notes=values[f"{key}_notes"],
                decisions=values[f"{key}_decisions"],
                planned_minutes=int(values[f"{key}_planned"]),
            )

        setup.submit("notes", write, tr("workshop.notes.saved"))

    with st.form(key, border=False):
        left, right = st.columns(2)
        left.text_area(
            tr("workshop.notes.notes"),
            value=state.notes,
            height=160,
            max_chars=workshops.MAX_TEXT,
            key=f"{key}_notes",
        )
        right.text_area(
            tr("workshop.notes.decisions"),
            value=state.decisions,
            height=160,
            max_chars=workshops.MAX_TEXT,
            key=f"{key}_decisions",
        )
        left.number_input(
            tr("workshop.notes.planned"),
            min_value=1,
            max_value=workshops.MAX_PLANNED_MINUTES,
            value=state.planned_minutes,
            step=5,
            key=f"{key}_planned",
        )
        st.form_submit_button(tr("workshop.notes.save"), icon=":material/save:", on_click=save)
    setup.show_refusal("notes")


def _scores(ws: Workshop, number: int, version: int) -> None:
    """Each participant's maturity score for the step, and the team's average."""
    if not ws.participants:
        # Without a participant list, anyone present adds a score by name.
        step_frame.maturity_score(number, ws.name)
        return
    st.subheader(tr("step.maturity_heading"))
    st.markdown(tr(step(number).text_key("maturity")))
    scored = cached.query(maturity.scores, version, ws.name)
    mine = scored[scored["step"] == number]
    given = dict(zip(mine["participant"], mine["score"].astype(int), strict=True))
    average = sum(given.values()) / len(given) if given else None
    left, right = st.columns([1, 3])
    left.metric(
        tr("step.maturity_average"),
        tr("common.no_data")
        if average is None
        else f"{formatting.number(average, lang=language(), decimals=1)} / 5",
        help=tr("step.maturity_participants", count=len(given)),
    )
    if not access.allowed(access.EDIT_ARTEFACTS):
        rows = [f"- {md_escape(p)}: {given.get(p, '–')}" for p in ws.participants]
        right.markdown("\n".join(rows))
        return
    options = [1, 2, 3, 4, 5]
    key = f"workshop_score_{ws.name}_{number}"

    def save() -> None:
        values = st.session_state
        picked = {p: values.get(f"{key}_{i}") for i, p in enumerate(ws.participants)}
        chosen = {p: int(s) for p, s in picked.items() if s is not None}
        if not chosen:
            st.session_state[f"{key}_none"] = True
            return
        with write_lock, cursor() as cur:
            maturity.record_many(cur, number, chosen, workshop=ws.name)
        setup.flash(tr("workshop.scores.saved", count=len(chosen)))

    with right.form(key, border=False):
        for i, person in enumerate(ws.participants):
            current = given.get(person)
            st.radio(
                md_escape(person),
                options,
                index=None if current is None else options.index(current),
                horizontal=True,
                key=f"{key}_{i}",
            )
        st.caption(tr("workshop.scores.scale"))
        st.form_submit_button(tr("workshop.scores.save"), icon=":material/save:", on_click=save)
    if st.session_state.pop(f"{key}_none", False):
        right.warning(tr("workshop.scores.none"))


def render() -> None:
    """The workshop page: set-up (not when presenting) and the flow at the step reached."""
    present = presenting()
    name = scope.workshop()
    version = data_version()
    ws, states = _read(name, version)
    if ws is None:  # the workshop went away since the sidebar chose it
        st.warning(tr("workshop.notice.gone"))
        return
    if present:
        st.html(_PRESENTATION_CSS)
    else:
        st.title(tr("workshop.title"))
        st.caption(tr("workshop.caption"))
        everyone = cached.query(workshops.list_workshops, version)
        setup.picker(everyone, name)
        setup.create_form(everyone)
        setup.details(ws)
    setup.show_flash()
    number = _shown_step(ws)
    state = states[number]

    about, timer, toggle = st.columns([4, 4, 3], vertical_alignment="top")
    about.markdown(setup.summary(ws))
    with timer:
        _timer(ws, number, state)
    toggle.button(
        tr("workshop.present.exit" if present else "workshop.present.start"),
        key="workshop_present_toggle",
        icon=":material/close_fullscreen:" if present else ":material/slideshow:",
        on_click=_set_presenting,
        args=(not present,),
        width="stretch",
    )
    st.query_params[STEP_PARAM] = str(number)
    _navigation(ws, number, "top")
    if not present:
        _jump(ws, number)
    steps.renderer(number)(ws.name, keys=f"workshop_{number}_", scoring=False)
    st.divider()
    _notes(ws, number, state)
    _scores(ws, number, version)
    st.divider()
    _navigation(ws, number, "bottom")
    if not present or number == TOTAL:
        # The workshop's report: every step's evidence, artefacts, scores, notes and decisions.
        st.subheader(tr("report.download.heading"))
        report_download.download_buttons(ws.name, key="workshop_report")
