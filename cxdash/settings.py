"""Settings a deployment chooses through the environment."""

from __future__ import annotations

import os

ENV_CURRENCY = "CXDASH_CURRENCY"
DEFAULT_CURRENCY = "UZS"


def currency() -> str:
    """The currency amounts are shown in (amounts are stored as loaded, never converted)."""
    return os.environ.get(ENV_CURRENCY, DEFAULT_CURRENCY).strip() or DEFAULT_CURRENCY
