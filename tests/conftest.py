"""Fixtures shared by every test layer."""

from __future__ import annotations

import pytest

from cxdash import store


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
