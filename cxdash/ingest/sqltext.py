"""Small helpers for the ingest SQL text."""

from __future__ import annotations

import re

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def bind(sql: str, params: dict) -> dict:
    """The parameters ``sql`` uses (DuckDB refuses unused named parameters)."""
    used = set(_PARAM.findall(sql))
    return {k: v for k, v in params.items() if k in used}


def literal(text: str) -> str:
    """A string literal for text from the data model (never from a user)."""
    return "'" + text.replace("'", "''") + "'"
