"""One colour per channel and per lifecycle stage, the same on every chart.

Colours come from Plotly's qualitative palettes (colour-blind friendly
"Safe" for channels) so that they read well on light and dark themes.
"""

from __future__ import annotations

import plotly.express as px

_SAFE = px.colors.qualitative.Safe
_BOLD = px.colors.qualitative.Bold

# Known channels get fixed colours so "chat" is the same teal everywhere; a
# channel the data brings that is not listed gets the next free colour.
CHANNEL_ORDER = (
    "web",
    "mobile_app",
    "store",
    "social",
    "email",
    "chat",
    "phone",
    "call_center",
    "messenger",
    "partner",
    "sms",
)

LIFECYCLE_STAGES = ("acquisition", "conversion", "service", "retention", "feedback", "relationship")
JOURNEY_STAGES = ("awareness", "consideration", "purchase", "service", "loyalty", "advocacy")

HIGHLIGHT = "#1f77b4"
MUTED = "rgba(128, 128, 128, 0.45)"
GOOD = "#2ca02c"
WARN = "#ff7f0e"
BAD = "#d62728"


def channel_color(channel: str, known: tuple[str, ...] = CHANNEL_ORDER) -> str:
    if channel in known:
        return _SAFE[known.index(channel) % len(_SAFE)]
    return _SAFE[(len(known) + sum(map(ord, channel))) % len(_SAFE)]


def channel_colors(channels) -> dict[str, str]:
    return {c: channel_color(c) for c in channels}


# Devices are not channels: their own small set of colours, the same on every chart.
DEVICE_COLORS = {"mobile": "#636EFA", "desktop": "#EF553B", "tablet": "#00CC96"}
_OTHER_DEVICE_COLORS = ("#AB63FA", "#FFA15A", "#19D3F3", "#FF6692")


def device_color(device: str | None) -> str:
    """A device's colour; no device (store visits, phone orders) is grey."""
    if device is None or device != device:  # None or NaN
        return MUTED
    if device in DEVICE_COLORS:
        return DEVICE_COLORS[device]
    return _OTHER_DEVICE_COLORS[sum(map(ord, device)) % len(_OTHER_DEVICE_COLORS)]


def stage_color(stage: str) -> str:
    stages = LIFECYCLE_STAGES + JOURNEY_STAGES
    return _BOLD[stages.index(stage) % len(_BOLD)] if stage in stages else MUTED


def discrete_scale(colors: list[str]) -> list[list]:
    """A heatmap colour scale that paints integer codes 0..n-1 each in one flat colour."""
    n = len(colors)
    scale = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale
