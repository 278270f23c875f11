"""Settings of a deployment: the currency amounts are in.

Amounts are stored as loaded and never converted; the currency only says how
they are labelled. Which currency applies, first match wins:

1. the database's choice (``meta`` key ``currency``), set in the app's Data
   screen or with ``python -m cxdash settings currency USD``;
2. ``$CXDASH_CURRENCY``, the deployment's default for a database that has not chosen;
3. UZS.

The database wins so that what an admin chooses in the app is what everyone
sees; the environment still sets up a new deployment without a visit to the app.
"""

from __future__ import annotations

import os

import duckdb

from cxdash import store

ENV_CURRENCY = "CXDASH_CURRENCY"
DEFAULT_CURRENCY = "UZS"
# Soʻm, rouble, dollar, euro: the currencies the product is offered in.
CURRENCIES = ("UZS", "RUB", "USD", "EUR")
_META_KEY = "currency"


def _known(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    return code if code in CURRENCIES else None


def default_currency() -> str:
    """$CXDASH_CURRENCY when it names a known currency, else UZS."""
    return _known(os.environ.get(ENV_CURRENCY)) or DEFAULT_CURRENCY


def stored_currency(con: duckdb.DuckDBPyConnection) -> str | None:
    """The database's own choice, or None when it has made none."""
    row = con.execute("SELECT value FROM meta WHERE key = $key", {"key": _META_KEY}).fetchone()
    return _known(row[0]) if row else None


def currency(con: duckdb.DuckDBPyConnection | None = None) -> str:
    """The currency amounts are shown in (see the module's order of precedence).

    Without a connection only the environment and the default are consulted.
    """
    return (stored_currency(con) if con is not None else None) or default_currency()


def set_currency(con: duckdb.DuckDBPyConnection, code: str) -> str:
    """Record ``code`` as the database's currency and bump the data version.

    Raises ValueError naming the allowed codes for anything else; the
    database is then unchanged. Returns the code as stored.
    """
    known = _known(code)
    if known is None:
        raise ValueError(
            f"{code!r} is not a currency cxdash offers; choose one of {', '.join(CURRENCIES)}"
        )
    with store.transaction(con):
        con.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $value)",
            {"key": _META_KEY, "value": known},
        )
        # Cached pages key on the data version: bumping it shows the new label at once.
        store.bump_data_version(con)
    return known
