"""Step 6 figures about keeping customers: cohort retention and RFM segments.

Pure functions: an evidence frame in, a Plotly figure out; every visible word
is an argument.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from cxdash.charts.assemble import figure
from cxdash.charts.palette import HIGHLIGHT, MUTED
from cxdash.formatting import number, percent

_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
_LEGEND = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1}


def cohort_heatmap(
    frame: pd.DataFrame,
    *,
    title: str,
    k_label: str,
    cohort_label: str,
    rate_label: str,
    customers_label: str,
) -> go.Figure:
    """Retention per monthly cohort (rows, oldest on top) and months since the first order (x).

    ``frame`` is :func:`cxdash.kpis.cohort_frame` (long form). Colours run on
    a fixed 0-100 scale and each cell shows its rate.
    """
    rates = frame.pivot(index="cohort", columns="k", values="rate").sort_index()
    sizes = frame.drop_duplicates("cohort").set_index("cohort")["customers"].reindex(rates.index)
    customdata = [[size] * len(rates.columns) for size in sizes]
    heatmap = {
        "type": "heatmap",
        "z": rates.to_numpy(),
        "x": [int(k) for k in rates.columns],
        "y": list(rates.index),
        "zmin": 0,
        "zmax": 100,
        "colorscale": "Blues",
        "texttemplate": "%{z:.0f}",
        "customdata": customdata,
        "hovertemplate": (
            f"{cohort_label}: %{{y}} ({customers_label}: %{{customdata:,}})"
            f"<br>{k_label}: %{{x}}<br>{rate_label}: %{{z:.1f}}%<extra></extra>"
        ),
        "colorbar": {"title": {"text": "%"}},
        "xgap": 1,
        "ygap": 1,
    }
    layout = {
        "title": {"text": title},
        "xaxis": {"title": {"text": k_label}, "dtick": 1, "side": "top"},
        "yaxis": {"title": {"text": cohort_label}, "autorange": "reversed", "type": "category"},
        "margin": {**_MARGIN, "t": 90},
        "height": max(320, 120 + 26 * len(rates.index)),
    }
    return figure([heatmap], layout)


def rfm_bars(
    frame: pd.DataFrame,
    *,
    title: str,
    segment_labels: Mapping[str, str],
    customers_label: str,
    revenue_label: str,
    share_axis: str,
    details: str,
    currency: str = "",
    lang: str = "en",
) -> go.Figure:
    """Share of customers beside share of revenue per RFM segment, best segment on top.

    ``frame`` is :func:`cxdash.evidence.rfm.rfm_segments`. ``details`` is the
    hover line with ``{recency}``, ``{orders}``, ``{spend}`` and ``{currency}``
    placeholders, filled per segment.
    """
    rows = frame.iloc[::-1]
    labels = [segment_labels[s] for s in rows["segment"]]
    notes = [
        details.format(
            recency=number(r, lang=lang),
            orders=number(o, lang=lang, decimals=1),
            spend=number(s, lang=lang),
            currency=currency,
        )
        for r, o, s in zip(
            rows["recency_days"],
            rows["orders_per_customer"],
            rows["revenue_per_customer"],
            strict=True,
        )
    ]
    data = []
    series = (
        ("customer_share", "customers", customers_label, MUTED),
        ("revenue_share", "revenue", revenue_label, HIGHLIGHT),
    )
    # Horizontal groups stack their first trace lowest: add revenue first, list customers first.
    for share, count, label, color in reversed(series):
        data.append(
            {
                "type": "bar",
                "x": rows[share],
                "y": labels,
                "orientation": "h",
                "name": label,
                "marker": {"color": color},
                "text": [percent(v, lang=lang, decimals=0) for v in rows[share].fillna(0)],
                "textposition": "outside",
                "customdata": list(zip(rows[count], notes, strict=True)),
                "hovertemplate": (
                    f"%{{y}}<br>{label}: %{{x:.1f}}% (%{{customdata[0]:,.0f}})"
                    "<br>%{customdata[1]}<extra></extra>"
                ),
            }
        )
    top = max(frame["customer_share"].max(), frame["revenue_share"].fillna(0).max(), 10)
    layout = {
        "title": {"text": title},
        "barmode": "group",
        "xaxis": {"title": {"text": share_axis}, "range": [0, top * 1.15]},
        "yaxis": {"automargin": True},
        "legend": {**_LEGEND, "traceorder": "reversed"},
        "margin": _MARGIN,
        "height": 440,
    }
    return figure(data, layout)
