"""Step 6 figures about orders: campaigns, intent and device, what follows; the insight log.

Pure functions: an evidence frame in, a Plotly figure out. Every visible word
comes in as an argument, so the page passes texts in the reader's language.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.assemble import figure
from cxdash.charts.palette import DEVICE_COLORS, HIGHLIGHT, MUTED, channel_color, device_color
from cxdash.charts.text import plain
from cxdash.evidence import insights
from cxdash.formatting import number, percent

_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
_LABEL_WIDTH = 28  # characters per line of a campaign name
_LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1}


def _wrapped(name: str) -> str:
    # Long names on two lines leave the bars (and the legend under them) room in half a page.
    lines = textwrap.wrap(name, _LABEL_WIDTH, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(plain(line) for line in lines) or plain(name)


def campaign_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    revenue_label: str,
    orders_label: str,
    share_label: str,
    other_note: str,
    none_note: str,
    unknown_channel: str,
    lang: str = "en",
) -> go.Figure:
    """Revenue of the top campaigns as horizontal bars, the largest on top, in channel colours.

    ``frame`` is :func:`cxdash.evidence.insights.orders_by_campaign`. The
    other campaigns together, and the orders without a campaign, would dwarf
    every bar, so they are notes under the title instead: ``other_note`` with
    ``{count}`` (campaigns), ``{orders}`` and ``{share}`` (of revenue) filled
    in, and ``none_note`` with ``{orders}`` and ``{share}``. A campaign without
    a channel is grey, named ``unknown_channel`` in the legend.
    """
    bars = frame[frame["kind"] == insights.CAMPAIGN].iloc[::-1]
    labels = bars["campaign"].astype(str)
    twins = labels.duplicated(keep=False)  # two campaigns of one name keep two bars
    labels = labels.where(~twins, labels + " · " + bars["campaign_id"].astype(str))
    labels = labels.map(_wrapped)
    data = []
    for channel in dict.fromkeys(bars["channel"].iloc[::-1]):  # legend in rank order
        mine = bars["channel"].isna() if pd.isna(channel) else bars["channel"] == channel
        rows = bars[mine]
        data.append(
            {
                "type": "bar",
                "x": rows["revenue"],
                "y": labels[mine],
                "orientation": "h",
                "marker": {"color": MUTED if pd.isna(channel) else channel_color(channel)},
                "name": unknown_channel if pd.isna(channel) else plain(channel),
                "customdata": list(
                    zip(rows["orders"], rows["revenue_share"].fillna(0), strict=True)
                ),
                "hovertemplate": (
                    f"%{{y}}<br>{revenue_label}: %{{x:,.0f}}"
                    f"<br>{orders_label}: %{{customdata[0]:,}}"
                    f"<br>{share_label}: %{{customdata[1]:.1f}}%<extra>%{{fullData.name}}</extra>"
                ),
            }
        )
    notes = []
    for kind, note in ((insights.OTHER, other_note), (insights.NONE, none_note)):
        for row in frame[frame["kind"] == kind].itertuples(index=False):
            share = 0.0 if pd.isna(row.revenue_share) else row.revenue_share
            values = {
                "count": number(row.campaigns, lang=lang),
                "orders": number(row.orders, lang=lang),
            }
            decimals = 0 if share >= 10 else 1
            notes.append(note.format(**values, share=percent(share, lang=lang, decimals=decimals)))
    layout = {
        "title": {"text": title, "subtitle": {"text": "<br>".join(notes) or None}},
        "barmode": "stack",  # one bar per campaign: stacking only keeps bars full width
        "xaxis": {"title": {"text": revenue_label}},
        "yaxis": {"automargin": True, "categoryorder": "array", "categoryarray": list(labels)},
        "legend": {
            "orientation": "h",
            "traceorder": "normal",
            "x": 0,
            "xanchor": "left",
            "y": -0.18,
            "yanchor": "top",
        },
        "margin": {**_MARGIN, "t": 60 + 16 * len(notes), "b": 40},
        "height": max(320, 150 + 16 * len(notes) + 36 * len(bars)),
    }
    return figure(data, layout)


def intent_device_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    orders_label: str,
    revenue_label: str,
    intent_label: str,
    unknown_device: str,
) -> go.Figure:
    """Orders per intent (bars, largest first), stacked by device.

    ``frame`` is :func:`cxdash.evidence.insights.orders_by_intent`; orders
    without a known intent are left out (the caption says how many).
    """
    known = frame[frame["intent"].notna()].assign(intent=lambda f: f["intent"].map(plain))
    order = known.groupby("intent")["orders"].sum().sort_values(ascending=False).index.tolist()
    devices = sorted(known["device"].dropna().unique(), key=lambda d: (d not in DEVICE_COLORS, d))
    data = []
    for device in [*devices, None]:
        rows = known[known["device"].isna()] if device is None else known[known["device"] == device]
        if rows.empty:
            continue
        rows = rows.set_index("intent").reindex(order).dropna(subset=["orders"])
        data.append(
            {
                "type": "bar",
                "x": rows.index,
                "y": rows["orders"],
                "name": unknown_device if device is None else plain(device),
                "marker": {"color": device_color(device)},
                "customdata": rows["revenue"],
                "hovertemplate": (
                    f"%{{x}} · %{{fullData.name}}<br>{orders_label}: %{{y:,}}"
                    f"<br>{revenue_label}: %{{customdata:,.0f}}<extra></extra>"
                ),
            }
        )
    layout = {
        "title": {"text": title},
        "barmode": "stack",
        "xaxis": {
            "title": {"text": intent_label},
            "categoryorder": "array",
            "categoryarray": order,
        },
        "yaxis": {"title": {"text": orders_label}},
        "legend": {**_LEGEND, "traceorder": "normal"},
        "margin": _MARGIN,
        "height": 400,
    }
    return figure(data, layout)


def follow_up_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    event_labels: Mapping[str, str],
    share_label: str,
    followed_label: str,
    no_data: str,
    lang: str = "en",
) -> go.Figure:
    """The share of orders followed by each event, one horizontal bar each, labelled in percent.

    ``frame`` is :func:`cxdash.evidence.follow_ups.follow_ups`; an event whose
    share is NaN (its dataset is empty) gets an empty bar labelled ``no_data``.
    """
    shares = frame["share"]
    text = [no_data if pd.isna(s) else percent(s, lang=lang) for s in shares]
    bars = {
        "type": "bar",
        "x": shares.fillna(0),
        "y": [event_labels[e] for e in frame["event"]],
        "orientation": "h",
        "text": text,
        "textposition": "outside",
        "marker": {"color": HIGHLIGHT},
        "customdata": list(zip(frame["followed"], frame["orders"], strict=True)),
        "hovertemplate": (
            f"%{{y}}<br>{share_label}: %{{text}}"
            f"<br>{followed_label}: %{{customdata[0]:,}} / %{{customdata[1]:,}}<extra></extra>"
        ),
        "name": share_label,
    }
    top = shares.max()
    layout = {
        "title": {"text": title},
        "xaxis": {
            "title": {"text": share_label},
            "range": [0, max(10.0, (0 if pd.isna(top) else top) * 1.25)],
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
        "margin": _MARGIN,
        "height": 340,
        "showlegend": False,
    }
    return figure([bars], layout)


def owner_bars(
    frame: pd.DataFrame, *, title: str, insights_label: str, with_action: str, without_action: str
) -> go.Figure:
    """Insights per owner, split into those with and without an agreed action.

    ``frame`` is :func:`cxdash.evidence.insight_log.owner_counts`.
    """
    rows = frame.iloc[::-1]
    fig = go.Figure()
    for column, label, color in (
        ("with_action", with_action, HIGHLIGHT),
        ("without_action", without_action, MUTED),
    ):
        fig.add_bar(
            x=rows[column],
            y=rows["owner"].map(plain),
            orientation="h",
            name=label,
            marker_color=color,
            hovertemplate=f"%{{y}}<br>{label}: %{{x}}<extra></extra>",
        )
    fig.update_layout(
        title=title,
        barmode="stack",
        xaxis={"title": insights_label, "dtick": 1},
        yaxis={"automargin": True},
        legend=_LEGEND,
        margin=_MARGIN,
        height=max(260, 120 + 34 * len(rows)),
    )
    return fig
