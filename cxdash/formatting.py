"""Numbers as a reader sees them: thousands separators, units, "no data"."""

from __future__ import annotations

import math

# Units a KPI can have (see the KPI catalog).
CURRENCY, COUNT, PERCENT, RATIO, HOURS, SCORE = (
    "currency",
    "count",
    "percent",
    "ratio",
    "hours",
    "score",
)


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def compact(value: float) -> str:
    """1234 -> "1.2K", 3_400_000 -> "3.4M": short enough for a card."""
    size = abs(value)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if size >= limit:
            return f"{value / limit:,.1f}{suffix}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def format_value(value: float | None, unit: str, *, currency: str = "", no_data: str) -> str:
    """A KPI value for display; ``no_data`` is shown for None or NaN."""
    if _is_missing(value):
        return no_data
    if unit == CURRENCY:
        text = compact(value)
        return f"{text} {currency}".strip()
    if unit == COUNT:
        return f"{value:,.0f}"
    if unit == PERCENT:
        return f"{value:.1f}%"
    if unit == RATIO:
        return f"{value:.2f}×"
    if unit == HOURS:
        return f"{value:.1f} h"
    return f"{value:,.1f}"


def format_change(current: float | None, previous: float | None, unit: str) -> str | None:
    """Change against the previous period: points for percentages, else relative %.

    None when either side is missing or a relative change has no base.
    """
    if _is_missing(current) or _is_missing(previous):
        return None
    if unit in (PERCENT, SCORE):
        return f"{current - previous:+.1f} pt"
    if previous == 0:
        return None
    return f"{(current - previous) / abs(previous) * 100:+.1f}%"
