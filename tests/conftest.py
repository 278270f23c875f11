"""Fixtures shared by every test layer."""

from __future__ import annotations

import os

import pytest

from cxdash import store
from cxdash.auth import users as users_file


@pytest.fixture(scope="session", autouse=True)
def _no_users_file(tmp_path_factory):
    """Sign-in stays off unless a test turns it on.

    A developer's own data/users.toml must not put every app and browser test
    behind the sign-in form; servers started as subprocesses inherit this too.
    """
    previous = os.environ.get(users_file.ENV_USERS)
    os.environ[users_file.ENV_USERS] = str(tmp_path_factory.mktemp("auth") / "absent.toml")
    yield
    if previous is None:
        os.environ.pop(users_file.ENV_USERS, None)
    else:
        os.environ[users_file.ENV_USERS] = previous


@pytest.fixture
def con():
    """A fresh in-memory database with the current schema."""
    connection = store.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def db_path(tmp_path):
    """A path for a database file that does not exist yet."""
    return tmp_path / "cxdash.duckdb"
