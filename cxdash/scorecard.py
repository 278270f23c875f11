"""Where a KPI stands against its target: on target, at risk or off target."""

from __future__ import annotations

ON_TARGET, AT_RISK, OFF_TARGET = "on_target", "at_risk", "off_target"

# Within this share of the target (on the wrong side) a KPI is "at risk", not yet off.
AT_RISK_MARGIN = 0.05


def target_status(value: float | None, target: float | None, direction: str) -> str | None:
    """Status of ``value`` against ``target`` for a KPI where ``direction`` ("higher" or
    "lower") is better; None when either is missing."""
    if value is None or target is None:
        return None
    gap = value - target if direction == "higher" else target - value
    if gap >= 0:
        return ON_TARGET
    if abs(gap) <= abs(target) * AT_RISK_MARGIN:
        return AT_RISK
    return OFF_TARGET
