"""Roles, password hashes, the users file and `python -m cxdash users`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cxdash import auth
from cxdash.auth import passwords
from cxdash.auth.users import UsersFile, UsersFileError, write

ROOT = Path(__file__).resolve().parents[2]
SECRET = "correct horse battery"


# -- roles -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("viewer", {auth.VIEW}),
        ("facilitator", {auth.VIEW, auth.EDIT_ARTEFACTS}),
        ("analyst", {auth.VIEW, auth.LOAD_DATA}),
        ("admin", {auth.VIEW, auth.EDIT_ARTEFACTS, auth.LOAD_DATA, auth.MANAGE}),
    ],
)
def test_each_role_allows_its_actions_only(role, may):
    assert {a for a in auth.ACTIONS if auth.can(role, a)} == may


def test_no_role_or_an_unknown_one_allows_nothing():
    for role in (None, "", "Admin", "root"):
        assert not any(auth.can(role, a) for a in auth.ACTIONS)
    assert not auth.can("admin", "drop_everything")


# -- hashes ------------------------------------------------------------------------------


def test_a_hash_verifies_its_password_and_no_other():
    hashed = passwords.hash_password(SECRET)
    assert hashed.startswith("$argon2id$")
    assert SECRET not in hashed
    assert passwords.verify(hashed, SECRET)
    assert not passwords.verify(hashed, SECRET + " ")
    assert not passwords.verify(hashed, "")


def test_each_hash_has_its_own_salt():
    assert passwords.hash_password(SECRET) != passwords.hash_password(SECRET)


def test_without_a_usable_hash_nothing_verifies():
    assert not passwords.verify(None, SECRET)
    assert not passwords.verify("not a hash", SECRET)
    with pytest.raises(ValueError):
        passwords.hash_password("")


# -- the users file ----------------------------------------------------------------------


@pytest.fixture
def users_file(tmp_path) -> Path:
    return tmp_path / "conf" / "users.toml"


def test_a_missing_file_has_no_users(users_file):
    assert auth.read(users_file) == UsersFile()


def test_add_writes_a_private_file_with_hashes_only(users_file):
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    auth.add("cmo@example.com", "viewer", None, path=users_file)
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600
    text = users_file.read_text(encoding="utf-8")
    assert SECRET not in text
    read = auth.read(users_file)
    assert [(u.name, u.role, bool(u.password_hash)) for u in read.users] == [
        ("Aziza", "analyst", True),
        ("cmo@example.com", "viewer", False),
    ]
    # Only the file itself in its folder: no temporary file left behind.
    assert [p.name for p in users_file.parent.iterdir()] == ["users.toml"]


def test_names_with_quotes_and_other_scripts_survive_a_round_trip(users_file):
    names = ['O"Brien \\ co', "Oʻzbek ʻAli", "Ирина", "a]b[c = d"]
    for name in names:
        auth.add(name, "viewer", None, path=users_file)
    assert [u.name for u in auth.read(users_file).users] == names


def test_a_name_is_unique_without_regard_to_case(users_file):
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    with pytest.raises(UsersFileError, match="exists already"):
        auth.add("aziza", "admin", SECRET, path=users_file)
    auth.add("AZIZA", "admin", None, path=users_file, replace=True)
    assert [(u.name, u.role) for u in auth.read(users_file).users] == [("AZIZA", "admin")]


def test_remove_takes_the_user_out_and_refuses_an_unknown_name(users_file):
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    auth.add("Bek", "viewer", SECRET, path=users_file)
    assert auth.remove("aziza", path=users_file).name == "Aziza"
    assert [u.name for u in auth.read(users_file).users] == ["Bek"]
    with pytest.raises(UsersFileError, match="no user"):
        auth.remove("nobody", path=users_file)
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("name", "reason"),
    [("", "empty"), ("   ", "empty"), ("a\nb", "control"), ("x" * 121, "at most")],
)
def test_bad_names_are_refused(users_file, name, reason):
    with pytest.raises(UsersFileError, match=reason):
        auth.add(name, "viewer", None, path=users_file)
    assert not users_file.exists()


def test_an_unknown_role_is_refused(users_file):
    with pytest.raises(UsersFileError, match="not a role"):
        auth.add("Aziza", "superuser", SECRET, path=users_file)


def test_a_failed_write_leaves_the_old_file_whole(users_file, monkeypatch):
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    before = users_file.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        auth.add("Bek", "viewer", SECRET, path=users_file)
    assert users_file.read_bytes() == before
    assert [p.name for p in users_file.parent.iterdir()] == ["users.toml"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("users = [", "cannot be read"),
        ('[users.a]\nrole = "boss"\n', "not a role"),
        ('[users.a]\nrole = "viewer"\npassword = "hunter2"\n', "must be a hash"),
        ('[users.a]\nrole = "viewer"\n[users.A]\nrole = "admin"\n', "listed twice"),
        ('default_role = "king"\n', "default_role"),
        ('users = "everyone"\n', "table of users"),
    ],
)
def test_a_broken_file_is_refused_naming_the_problem(users_file, text, reason):
    users_file.parent.mkdir(parents=True)
    users_file.write_text(text, encoding="utf-8")
    with pytest.raises(UsersFileError, match=reason):
        auth.read(users_file)


# -- signing in --------------------------------------------------------------------------


def test_authenticate_takes_the_right_password_only(users_file):
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    auth.add("cmo@example.com", "viewer", None, path=users_file)
    users = auth.read(users_file)
    assert auth.authenticate(users, " aziza ", SECRET).name == "Aziza"
    assert auth.authenticate(users, "Aziza", "wrong password") is None
    assert auth.authenticate(users, "nobody", SECRET) is None
    assert auth.authenticate(users, "", SECRET) is None
    # An entry without a password signs in through the identity provider only.
    assert auth.authenticate(users, "cmo@example.com", "") is None
    assert auth.authenticate(users, "cmo@example.com", SECRET) is None


def test_identity_provider_users_get_their_listed_role_or_the_default(users_file):
    auth.add("cmo@example.com", "viewer", None, path=users_file)
    auth.add("Lead@Example.com", "facilitator", None, path=users_file)
    users = auth.read(users_file)
    assert auth.role_for_identity(users, "lead@example.com") == "facilitator"
    assert auth.role_for_identity(users, "someone@example.com") == "viewer"
    assert auth.role_for_identity(UsersFile(), "someone@example.com") == "viewer"
    closed = UsersFile(users.users, default_role="none")
    assert auth.role_for_identity(closed, "someone@example.com") is None
    assert auth.role_for_identity(closed, "cmo@example.com") == "viewer"


def test_the_default_role_survives_a_change(users_file):
    write(UsersFile((), default_role="none"), users_file)
    auth.add("Aziza", "analyst", SECRET, path=users_file)
    assert auth.read(users_file).default_role == "none"


def test_the_users_file_path_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(auth.ENV_USERS, raising=False)
    assert auth.users_path() == auth.DEFAULT_USERS
    monkeypatch.setenv(auth.ENV_USERS, str(tmp_path / "u.toml"))
    assert auth.users_path() == tmp_path / "u.toml"


# -- the command line --------------------------------------------------------------------


def _cli(*args: str, stdin: str | None = None, users: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, auth.ENV_USERS: str(users)}
    return subprocess.run(
        [sys.executable, "-m", "cxdash", "users", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_cli_adds_lists_and_removes_users(users_file):
    added = _cli(
        "add",
        "Aziza",
        "--role",
        "analyst",
        "--password-stdin",
        stdin=SECRET + "\n",
        users=users_file,
    )
    assert added.returncode == 0, added.stderr
    assert SECRET not in added.stdout + added.stderr
    oidc_only = _cli(
        "add", "cmo@example.com", "--role", "viewer", "--no-password", users=users_file
    )
    assert oidc_only.returncode == 0, oidc_only.stderr
    listed = _cli("list", users=users_file)
    assert listed.returncode == 0
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert records == [
        {"name": "Aziza", "role": "analyst", "password": True},
        {"name": "cmo@example.com", "role": "viewer", "password": False},
    ]
    assert "$argon2" not in listed.stdout
    # The stored hash takes the password that went in on standard input.
    assert auth.authenticate(auth.read(users_file), "Aziza", SECRET)
    assert stat.S_IMODE(users_file.stat().st_mode) == 0o600

    removed = _cli("remove", "aziza", users=users_file)
    assert removed.returncode == 0, removed.stderr
    assert [json.loads(x)["name"] for x in _cli("list", users=users_file).stdout.splitlines()] == [
        "cmo@example.com"
    ]


def test_cli_refuses_and_changes_nothing(users_file):
    first = _cli(
        "add", "Aziza", "--role", "analyst", "--password-stdin", stdin=SECRET, users=users_file
    )
    assert first.returncode == 0, first.stderr
    before = users_file.read_bytes()
    cases = [
        (("add", "Aziza", "--role", "admin", "--password-stdin"), SECRET, "exists already"),
        (("add", "Bek", "--role", "viewer", "--password-stdin"), "short\n", "at least 8"),
        (("add", "Bek", "--role", "viewer", "--password-stdin"), "", "no password"),
        # No terminal to prompt on, and no --password-stdin: refused, never a hang.
        (("add", "Bek", "--role", "viewer"), SECRET, "--password-stdin"),
        (("remove", "Bek"), None, "no user"),
    ]
    for args, stdin, reason in cases:
        result = _cli(*args, stdin=stdin, users=users_file)
        assert result.returncode == 1, (args, result.stderr)
        assert reason in result.stderr, (args, result.stderr)
    usage = _cli("add", "Bek", "--role", "boss", users=users_file)
    assert usage.returncode == 2
    assert users_file.read_bytes() == before
