"""A figure from its traces and layout written out as plain dicts, validated once.

Plotly checks every property it is given against its schema. ``add_bar``,
``update_layout`` and ``make_subplots`` each walk the figure again to do so,
and a chart with a few traces and axis settings spends far more time in those
walks than in its data: 18 ms for the NPS trend built step by step, 3 ms built
here, for the same JSON. Charts redrawn on every filter change are built here.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go


def figure(data: Sequence[dict], layout: dict) -> go.Figure:
    """``go.Figure`` of ``data`` (trace dicts, each with its ``type``) and ``layout``.

    Keys are Plotly's nested ones (``{"xaxis": {"title": {"text": ...}}}``),
    never the ``xaxis_title`` shorthand; anything invalid still raises.
    """
    return go.Figure({"data": list(data), "layout": layout})
