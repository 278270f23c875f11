"""Sign-in and roles in AppTest: the sign-in form, what each role may reach, who loaded.

Each test names its own users file through ``$CXDASH_USERS``; without one
(the demo) sign-in is off and says so. Tests that load or undo run on a copy
of the session's demo database.
"""

from __future__ import annotations

import shutil

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from cxdash import auth, ingest, store
from cxdash.i18n import t
from tests.app.conftest import assert_clean, charts

PASSWORD = "s3cret-enough"
DATA = "pages/data.py"
# A step page with an artefact editor and a maturity form.
STEP = "pages/1_orientation.py"
_ORDERS = b"order_id,customer_id,order_date,amount,channel\r\nAX-1,C-1,2024-05-01,10.50,web\r\n"


@pytest.fixture(autouse=True)
def _navigation_mode(monkeypatch):
    # As on the real server after its first request (see tests/app/test_data_screen.py):
    # the frame's switch to st.navigation must not swallow a click.
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def users(tmp_path, monkeypatch):
    """A users file with one account per role (the password is the same for all)."""
    path = tmp_path / "users.toml"
    for name, role in (
        ("Vera", "viewer"),
        ("Farrukh", "facilitator"),
        ("Aziza", "analyst"),
        ("Adham", "admin"),
    ):
        auth.add(name, role, PASSWORD, path=path)
    monkeypatch.setenv(auth.ENV_USERS, str(path))
    return path


@pytest.fixture
def own_db(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv(store.ENV_DB, str(path))
    return path


def _sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="access_name").input(name)
    at.text_input(key="access_password").input(password)
    next(b for b in at.button if b.label == t("access.sign_in.submit")).click()
    return at.run()


def _signed_in(app: AppTest, name: str, page: str | None = None) -> AppTest:
    at = _sign_in(app.run(), name)
    if page:
        at.switch_page(page).run()
    assert_clean(at)
    return at


def _infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def _save_buttons(at: AppTest) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith("save_")]


def _editable_grids(at: AppTest) -> int:
    return sum(1 for d in at.dataframe if d.proto.editing_mode != 0)  # 0: read-only


def _maturity_forms(at: AppTest) -> int:
    return sum(1 for b in at.button if b.label == t("step.maturity_submit"))


# -- sign-in off -----------------------------------------------------------------------


def test_without_a_users_file_sign_in_is_off_and_says_so(app, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.ENV_USERS, str(tmp_path / "absent.toml"))
    at = app.run()
    assert_clean(at)
    assert [i.value for i in at.sidebar.info] == [t("access.off")]
    assert t("access.sign_in.title") not in [x.value for x in at.title]
    at.switch_page(DATA).run()
    assert len(at.file_uploader) == 1
    # Without accounts the reader names themself for the history.
    assert at.text_input(key="data_loaded_by") is not None


# -- the sign-in form ------------------------------------------------------------------


def test_a_visitor_sees_the_sign_in_form_and_nothing_else(app, users):
    at = app.run()
    assert_clean(at)
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    assert not charts(at) and not at.metric and not at.sidebar.multiselect
    assert not at.sidebar.info  # no "sign-in off" notice
    # A deep link to the Data screen lands on the same form.
    at.switch_page(DATA).run()
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    assert not at.file_uploader


def test_a_wrong_password_and_an_unknown_name_get_the_same_words(app, users):
    at = _sign_in(app.run(), "Aziza", "not the password")
    assert [e.value for e in at.error] == [t("access.sign_in.wrong")]
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    at = _sign_in(at, "Nobody", PASSWORD)
    assert [e.value for e in at.error] == [t("access.sign_in.wrong")]
    assert not at.exception


def test_five_wrong_passwords_lock_the_form_for_a_while(app, users):
    at = app.run()
    for _ in range(5):
        at = _sign_in(at, "Aziza", "guess")
    assert [e.value for e in at.error] == [t("access.sign_in.locked")]
    # Even the right password waits out the lock.
    at = _sign_in(at, "Aziza", PASSWORD)
    assert [e.value for e in at.error] == [t("access.sign_in.locked")]
    assert [x.value for x in at.title] == [t("access.sign_in.title")]


def test_names_match_without_regard_to_case_and_sign_out_ends_the_session(app, users):
    at = _signed_in(app, "  aziza ")
    assert any("Aziza" in c.value for c in at.sidebar.caption)
    assert "access_password" not in at.session_state
    at.button(key="access_sign_out").click().run()
    assert [x.value for x in at.title] == [t("access.sign_in.title")]


def test_a_user_removed_from_the_file_is_signed_out_at_the_next_click(app, users):
    at = _signed_in(app, "Aziza", DATA)
    assert at.file_uploader
    auth.remove("Aziza", path=users)
    at.run()
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    assert not at.file_uploader


def test_a_broken_users_file_lets_nobody_in(app, users):
    users.write_text('[users.Aziza]\nrole = "superuser"\n', encoding="utf-8")
    at = app.run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("access.sign_in.broken_file")]
    assert not at.text_input


# -- what each role may reach ----------------------------------------------------------


def test_a_viewer_cannot_reach_the_upload_nor_undo(app, users):
    at = _signed_in(app, "Vera", DATA)
    assert not at.file_uploader
    cannot = t("access.cannot.load_data", role=t("access.role.viewer"))
    assert _infos(at).count(cannot) == 2  # the Load tab and the undo panel
    assert not [b for b in at.button if b.key and b.key.startswith("data_undo")]
    assert not [x for x in at.text_input if x.key == "data_loaded_by"]
    # The templates stay there to read and download.
    assert at.get("download_button")


def test_a_viewer_reads_artefacts_and_scores_without_changing_them(app, users):
    at = _signed_in(app, "Vera", STEP)
    assert not _save_buttons(at)
    assert at.dataframe and not _editable_grids(at)
    role = t("access.role.viewer")
    assert t("access.cannot.edit_artefacts", role=role) in _infos(at)
    assert t("access.cannot.maturity", role=role) in _infos(at)
    assert _maturity_forms(at) == 0


def test_a_facilitator_edits_artefacts_but_cannot_load(app, users):
    at = _signed_in(app, "Farrukh", STEP)
    assert _save_buttons(at) and _editable_grids(at)
    assert _maturity_forms(at) == 1
    at.switch_page(DATA).run()
    assert not at.file_uploader
    cannot = t("access.cannot.load_data", role=t("access.role.facilitator"))
    assert cannot in _infos(at)


def test_an_analyst_loads_but_does_not_edit_artefacts(app, users):
    at = _signed_in(app, "Aziza", STEP)
    assert not _save_buttons(at) and not _editable_grids(at)
    at.switch_page(DATA).run()
    assert len(at.file_uploader) == 1


def test_an_admin_may_do_everything(app, users):
    at = _signed_in(app, "Adham", STEP)
    assert _save_buttons(at) and _maturity_forms(at) == 1
    at.switch_page(DATA).run()
    assert len(at.file_uploader) == 1


def test_the_load_history_names_the_signed_in_analyst(app, users, own_db):
    at = _signed_in(app, "Aziza", DATA)
    at.file_uploader[0].set_value(("orders.csv", _ORDERS, "text/csv"))
    at.run()
    assert_clean(at)
    confirm = next(b.key for b in at.button if b.key and b.key.startswith("data_confirm_"))
    at.button(key=confirm).click().run()
    assert_clean(at)
    # The undo, too, is recorded under the account's name.
    at.button(key="data_undo_ask").click().run()
    at.button(key="data_undo_yes").click().run()
    assert_clean(at)
    with store.connect(own_db) as con:
        last = ingest.history(con, "orders", 1)[0]
    assert last["file_name"] == "orders.csv"
    assert last["loaded_by"] == "Aziza"
    assert last["undone_by"] == "Aziza"


# -- the identity provider (OpenID Connect) --------------------------------------------

_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-secret-for-the-test-only",
    "client_id": "cxdash",
    "client_secret": "not-used",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


@pytest.fixture
def oidc_app(app, tmp_path, monkeypatch):
    monkeypatch.setenv(auth.ENV_USERS, str(tmp_path / "absent.toml"))
    app.secrets["auth"] = dict(_AUTH)
    return app


def test_with_an_identity_provider_a_visitor_is_offered_its_sign_in(oidc_app):
    oidc_app.user = {"is_logged_in": False}
    at = oidc_app.run()
    assert_clean(at)
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    assert [b.label for b in at.button] == [t("access.sign_in.oidc")]
    assert not at.text_input  # no password form without password accounts


def test_provider_users_get_the_default_role_or_their_listed_one(oidc_app, tmp_path, monkeypatch):
    oidc_app.user = {"is_logged_in": True, "email": "cmo@example.com", "name": "CMO"}
    at = oidc_app.run()
    assert_clean(at)
    assert any("cmo@example.com" in c.value.replace("\\", "") for c in at.sidebar.caption)
    at.switch_page(DATA).run()
    assert not at.file_uploader  # viewer by default

    path = tmp_path / "users.toml"
    auth.add("CMO@example.com", "analyst", None, path=path)
    monkeypatch.setenv(auth.ENV_USERS, str(path))
    at.run()
    assert len(at.file_uploader) == 1


def test_default_role_none_turns_unlisted_provider_users_away(oidc_app, tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    auth.users.write(auth.UsersFile((), default_role="none"), path)
    monkeypatch.setenv(auth.ENV_USERS, str(path))
    oidc_app.user = {"is_logged_in": True, "email": "stranger@example.com"}
    at = oidc_app.run()
    assert not at.exception
    assert [x.value for x in at.title] == [t("access.sign_in.title")]
    assert any("stranger" in w.value for w in at.warning)
    assert not at.metric
