"""The workshop flow: create, walk the steps, notes, scores, timer, reopen, presentation mode."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from cxdash import maturity, store, workshops
from cxdash.i18n import t
from cxdash.markdown import md_escape
from cxdash.opposite import step
from tests.app.conftest import APP, assert_clean, chart_specs, chart_titles

PAGE = "pages/workshop.py"


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database of this test's own: the flow writes to it."""
    path = tmp_path / "workshop.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv(store.ENV_DB, str(path))
    return path


def open_app(**params: str) -> AppTest:
    """A new browser session: the entry file with ``params`` in its URL, already run."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def on_workshop_page(**params: str) -> AppTest:
    at = open_app(**params)
    at.switch_page(PAGE).run()
    assert_clean(at)
    return at


def button(at: AppTest, label_key: str, index: int = 0):
    return [b for b in at.button if b.label == t(label_key)][index]


def progress_text(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def create(at: AppTest, name: str, participants: str = "", start: str | None = None) -> AppTest:
    at.text_input(key="workshop_new_name").input(name)
    at.text_input(key="workshop_new_facilitator").input("Dilnoza")
    at.text_area(key="workshop_new_participants").input(participants)
    if start is not None:
        at.selectbox(key="workshop_new_start").set_value(start)
    button(at, "workshop.create").click()
    return at.run()


def test_the_page_opens_the_standing_workshop_at_step_one_with_the_step_screens_charts(db):
    at = on_workshop_page()
    assert at.title[0].value == t("workshop.title")
    assert progress_text(at) == t("workshop.progress", step=1, total=8)
    in_flow = chart_titles(at)
    screen = open_app()
    screen.switch_page("pages/1_orientation.py").run()
    assert in_flow and in_flow == chart_titles(screen)  # the same builders, same evidence
    assert button(at, "workshop.previous").disabled


def test_a_workshop_is_created_walked_through_and_reopened_where_it_stopped(db):
    at = on_workshop_page()
    at = create(at, "Spring review", participants="Ann\nBob", start="default")
    assert_clean(at)
    assert any("Spring review" in s.value for s in at.toast)
    assert at.markdown[0].value.startswith("**Spring review**")
    for number in range(2, 9):
        button(at, "workshop.next").click()
        at.run()
        assert_clean(at)
        assert progress_text(at) == t("workshop.progress", step=number, total=8)
        assert at.title[-1].value == t(step(number).text_key("title"))
    assert button(at, "workshop.next").disabled
    button(at, "workshop.previous").click()
    at.run()
    assert at.query_params["step"] == "7" and at.query_params["workshop"] == "Spring review"

    with store.connect(db) as con:
        assert workshops.get(con, "Spring review").current_step == 7

    again = on_workshop_page(workshop="Spring review")
    assert progress_text(again) == t("workshop.progress", step=7, total=8)
    assert again.title[-1].value == t(step(7).text_key("title"))


def test_notes_and_decisions_are_kept_per_step(db):
    at = on_workshop_page()
    at = create(at, "Notes", start="")
    notes = [a for a in at.text_area if a.label == t("workshop.notes.notes")][0]
    notes.input("Queues are long\n**bold?**")
    [a for a in at.text_area if a.label == t("workshop.notes.decisions")][0].input("Fix IVR")
    button(at, "workshop.notes.save").click()
    at.run()
    assert_clean(at)
    assert t("workshop.notes.saved") in [s.value for s in at.toast]
    with store.connect(db) as con:
        state = workshops.step_states(con, "Notes")[1]
    assert (state.notes, state.decisions) == ("Queues are long\n**bold?**", "Fix IVR")


def test_each_participant_scores_a_step_and_the_overview_radar_follows_the_workshop(db):
    at = on_workshop_page()
    at = create(at, "Scored", participants="Ann, Bob")
    radios = [r for r in at.radio if r.label in ("Ann", "Bob")]
    assert [r.label for r in radios] == ["Ann", "Bob"]
    radios[0].set_value(4)
    radios[1].set_value(2)
    button(at, "workshop.scores.save").click()
    at.run()
    assert_clean(at)
    with store.connect(db) as con:
        assert maturity.scores(con, "Scored").values.tolist() == [[1, "Ann", 4], [1, "Bob", 2]]
    average = [m for m in at.metric if m.label == t("step.maturity_average")][0]
    assert average.value == "3.0 / 5"

    overview = open_app(workshop="Scored")
    assert_clean(overview)
    specs = chart_specs(overview)
    radar = [s for s in specs if s["layout"]["title"]["text"] == t("overview.maturity.chart")][0]
    trace = radar["data"][0]
    assert trace["customdata"][0] == ["3.0 / 5", 2]  # step 1: Ann 4, Bob 2
    assert all(row[1] == 0 for row in trace["customdata"][1:-1])  # nobody scored the rest


def test_the_step_screens_show_the_selected_workshops_artefacts(db):
    at = on_workshop_page()
    create(at, "Blank", start="")  # empty artefacts
    at = open_app(workshop="Blank")
    at.switch_page("pages/5_structure.py").run()
    assert_clean(at)
    assert any(t("structure.empty") in i.value for i in at.info)
    standing = open_app()
    standing.switch_page("pages/5_structure.py").run()
    assert not any(t("structure.empty") in i.value for i in standing.info)


def test_an_unknown_workshop_in_the_link_is_named_and_the_standing_one_shown(db):
    at = open_app(workshop="No *such* one")
    assert t("workshop.notice.unknown", value=md_escape("No *such* one")) in [
        w.value for w in at.warning
    ]
    at.switch_page(PAGE).run()
    assert at.markdown[0].value == f"**{t('workshop.standing')}**"


def test_a_taken_or_missing_name_is_refused_with_a_message(db):
    at = on_workshop_page()
    at = create(at, "Twice")
    at = create(at, "Twice")
    assert t("workshop.error.exists", name="Twice") in [e.value for e in at.error]
    at = create(at, "   ")
    assert t("workshop.error.name_missing") in [e.value for e in at.error]


def test_names_from_users_are_shown_as_typed_not_as_markdown(db):
    hostile = "[click](http://evil.example) **x**"
    at = on_workshop_page()
    at = create(at, hostile, participants="<b>Eve</b>")
    summary = at.markdown[0].value
    assert "](" not in summary.replace("\\](", "") and "\\*\\*x\\*\\*" in summary
    assert md_escape("<b>Eve</b>") in [r.label for r in at.radio]


def test_the_timer_runs_and_pauses(db):
    at = on_workshop_page()
    at = create(at, "Timed")
    button(at, "workshop.timer.start").click()
    at.run()
    assert_clean(at)
    with store.connect(db) as con:
        assert workshops.step_states(con, "Timed")[1].running
    button(at, "workshop.timer.pause").click()
    at.run()
    with store.connect(db) as con:
        state = workshops.step_states(con, "Timed")[1]
    assert not state.running and state.elapsed_seconds > 0
    timer = [m for m in at.metric if m.label == t("workshop.timer.label")][0]
    assert timer.value.endswith("/ 20:00")


def test_presentation_mode_shows_one_step_without_the_set_up(db):
    at = on_workshop_page(present="1", step="3")
    assert not at.title or at.title[0].value != t("workshop.title")
    assert not [s for s in at.selectbox if s.key == "workshop_pick"]
    assert progress_text(at) == t("workshop.progress", step=3, total=8)
    assert at.title[0].value == t(step(3).text_key("title"))
    assert button(at, "workshop.present.exit")
    assert at.get("html")  # the projector styles
    button(at, "workshop.present.exit").click()
    at.run()
    assert "present" not in at.query_params and at.title[0].value == t("workshop.title")


def test_a_viewer_follows_the_workshop_without_changing_it(db, tmp_path, monkeypatch):
    from cxdash import auth

    users = tmp_path / "users.toml"
    auth.add("Vera", "viewer", "s3cret-enough", path=users)
    monkeypatch.setenv(auth.ENV_USERS, str(users))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.text_input(key="access_name").input("Vera")
    at.text_input(key="access_password").input("s3cret-enough")
    button(at, "access.sign_in.submit").click()
    at.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    labels = {b.label for b in at.button}
    for action in ("workshop.create", "workshop.notes.save", "workshop.timer.start"):
        assert t(action) not in labels
    assert not at.text_area and not at.radio
    assert t("workshop.notes.none") in [m.value for m in at.markdown]
    button(at, "workshop.next").click()
    at.run()
    assert progress_text(at) == t("workshop.progress", step=2, total=8)
    with store.connect(db) as con:
        assert workshops.get(con, "default").current_step == 1  # the viewer's own view only


def test_the_facilitator_can_jump_straight_to_a_step(db):
    at = on_workshop_page()
    at.button_group(key="workshop_jump").set_value(4).run()
    assert_clean(at)
    assert progress_text(at) == t("workshop.progress", step=4, total=8)
    assert at.button_group(key="workshop_jump").value == 4
    with store.connect(db) as con:
        assert workshops.get(con, "default").current_step == 4
