"""Figures of KPIs against their targets: bullets, monthly actual vs target, lifecycle tiles.

Every builder takes the words it shows and a ``fmt(value, unit) -> str``
callable (the UI passes :func:`cxdash.formatting.format_value` with the
currency and the "no data" text), so numbers read the same as on the KPI cards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from cxdash.charts.palette import BAD, GOOD, HIGHLIGHT, MUTED, WARN, stage_color
from cxdash.charts.text import named, plain
from cxdash.formatting import format_change, format_value
from cxdash.kpis import CATALOG, STAGES

Formatter = Callable[[float | None, str], str]

STATUS_COLORS = {"on_target": GOOD, "at_risk": WARN, "off_target": BAD}
STATUSES = tuple(STATUS_COLORS)
_TRACK = "rgba(128, 128, 128, 0.18)"
_MARGIN = {"l": 10, "r": 10, "t": 50, "b": 10}


@dataclass(frozen=True)
class Words:
    """The words and number format the scorecard figures share, in the reader's language."""

    kpi_labels: Mapping[str, str]
    stage_labels: Mapping[str, str]
    status_labels: Mapping[str, str]
    fmt: Formatter
    lang: str = "en"  # for changes and gaps (format_change), written like ``fmt``'s numbers


def words(tr: Callable[..., str], currency: str, lang: str = "en") -> Words:
    """KPI, stage and status names and the value format from the UI's ``tr(key)`` lookup.

    Keys used: ``kpi.<id>.label``, ``lifecycle.<stage>``, ``status.<status>``
    and ``common.no_data``.
    """
    return Words(
        kpi_labels={k.id: tr(k.label_key) for k in CATALOG},
        stage_labels={s: tr(f"lifecycle.{s}") for s in STAGES},
        status_labels={s: tr(f"status.{s}") for s in STATUSES},
        fmt=partial(format_value, currency=currency, no_data=tr("common.no_data"), lang=lang),
        lang=lang,
    )


def status_color(status: object) -> str:
    """The colour of a target status; grey when there is none."""
    return STATUS_COLORS.get(status, MUTED) if isinstance(status, str) else MUTED


def _number(value: float) -> float | None:
    return None if pd.isna(value) else float(value)


def _status_text(status: object, status_labels: Mapping[str, str], none: str) -> str:
    return status_labels.get(status, none) if isinstance(status, str) else none


def _short(text: object, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _scale(value: float | None, target: float) -> tuple[float, float]:
    """A row's own axis: from the lowest to the highest of 0, value and target, with room."""
    points = [0.0, target] + ([value] if value is not None else [])
    low, high = min(points), max(points)
    span = (high - low) or abs(target) or 1.0
    return (low - 0.12 * span if low < 0 else low), (high + 0.12 * span if high > 0 else high)


def bullets(
    card: pd.DataFrame,
    *,
    title: str,
    group_labels: Mapping[str, str],
    row_labels: Mapping[str, str],
    status_labels: Mapping[str, str],
    value_label: str,
    target_label: str,
    status_label: str,
    no_status: str,
    fmt: Formatter,
    lang: str = "en",
    group_column: str = "stage",
    row_column: str = "kpi",
) -> go.Figure:
    """One bullet per row with a target: its value as a bar, its target as a mark.

    ``card``: :func:`cxdash.evidence.scorecard.scorecard`'s frame (or any frame
    with ``unit``, ``value``, ``target``, ``status`` and the two label
    columns); rows without a target are left out. Rows are grouped by
    ``group_column`` (lifecycle stage by default, in lifecycle order; any other
    column in the order of the frame) and the axis names the group
    (``group_labels``), then the row (``row_labels``, else the value itself,
    shortened). Each row has its own scale, from the lowest to the highest of
    0, value and target, so units never mix; the formatted value and target
    (and the gap between them: points for percentages and scores, else
    percent) are written at the right of each row. Bars take the colour of the
    status (on target, at risk, off target; grey for no data).
    """
    rows = card[card["target"].notna()].copy()
    if group_column == "stage":
        rows["_order"] = rows["stage"].map({s: i for i, s in enumerate(STAGES)})
    else:
        first = {g: i for i, g in enumerate(dict.fromkeys(rows[group_column]))}
        rows["_order"] = rows[group_column].map(first)
    rows = rows.sort_values("_order", kind="stable")
    y = [
        [named(group_labels, g) for g in rows[group_column]],
        [row_labels[r] if r in row_labels else plain(_short(r)) for r in rows[row_column]],
    ]
    zero, length, target_at, texts, hover = [], [], [], [], []
    for row in rows.itertuples():
        value, target = _number(row.value), float(row.target)
        low, high = _scale(value, target)

        def at(x: float, low=low, high=high) -> float:
            return (x - low) / (high - low)

        zero.append(at(0.0))
        length.append(0.0 if value is None else at(value) - at(0.0))
        target_at.append(at(target))
        value_text, target_text = fmt(value, row.unit), fmt(target, row.unit)
        gap = format_change(value, target, row.unit, lang=lang)
        texts.append(
            f"{value_text}  ·  {target_label.lower()} {target_text}" + (f"  ({gap})" if gap else "")
        )
        hover.append([value_text, target_text, _status_text(row.status, status_labels, no_status)])
    fig = go.Figure()
    fig.add_bar(
        y=y,
        x=[1.0] * len(rows),
        orientation="h",
        marker_color=_TRACK,
        width=0.8,
        hoverinfo="skip",
        showlegend=False,
    )
    fig.add_bar(
        y=y,
        x=length,
        base=zero,
        orientation="h",
        width=0.45,
        marker_color=[status_color(s) for s in rows["status"]],
        customdata=hover,
        name=value_label,
        showlegend=False,
        hovertemplate=(
            f"<b>%{{y}}</b><br>{value_label}: %{{customdata[0]}}<br>"
            f"{target_label}: %{{customdata[1]}}<br>{status_label}: %{{customdata[2]}}"
            "<extra></extra>"
        ),
    )
    fig.add_scatter(
        y=y,
        x=target_at,
        mode="markers",
        marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": HIGHLIGHT}},
        name=target_label,
        customdata=hover,
        hovertemplate=f"<b>%{{y}}</b><br>{target_label}: %{{customdata[1]}}<extra></extra>",
    )
    fig.add_scatter(
        y=y,
        x=[1.03] * len(rows),
        mode="text",
        text=texts,
        textposition="middle right",
        hoverinfo="skip",
        showlegend=False,
    )
    _status_legend(fig, status_labels)
    fig.update_layout(
        title=title,
        barmode="overlay",
        margin=_MARGIN,
        height=max(260, 110 + 34 * len(rows)),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
    )
    # Room at the right for the longest text (about 0.017 of the axis per character).
    room = 1.06 + 0.017 * max((len(t) for t in texts), default=0)
    fig.update_xaxes(range=[-0.01, max(1.6, room)], visible=False, fixedrange=True)
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    return fig


def _status_legend(fig: go.Figure, status_labels: Mapping[str, str]) -> None:
    """Legend entries in the status colours (the bars carry no legend of their own)."""
    for status in STATUSES:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": STATUS_COLORS[status]},
            name=status_labels.get(status, status),
            hoverinfo="skip",
        )


def kpi_trend(
    frame: pd.DataFrame,
    *,
    unit: str,
    words: Words,
    title: str,
    actual_label: str,
    target_label: str,
    status_label: str,
    no_status: str,
) -> go.Figure:
    """A KPI's monthly value (line, markers in the status colour) and its target (dashed steps).

    ``frame``: one KPI's rows of :func:`cxdash.evidence.scorecard.monthly_kpis`
    (``month``, ``value``, ``target``, ``status``). Months without a value or a
    target leave a gap in that line. ``words`` gives the status names and the
    value format.
    """
    status_labels, fmt = words.status_labels, words.fmt
    months = pd.to_datetime(frame["month"])
    values = [_number(v) for v in frame["value"]]
    targets = [_number(t) for t in frame["target"]]
    custom = [
        [fmt(v, unit), fmt(t, unit), _status_text(s, status_labels, no_status)]
        for v, t, s in zip(values, targets, frame["status"], strict=True)
    ]
    fig = go.Figure()
    fig.add_scatter(
        x=months,
        y=targets,
        mode="lines",
        line={"dash": "dash", "shape": "hv", "color": HIGHLIGHT, "width": 2},
        name=target_label,
        customdata=custom,
        hovertemplate=f"%{{x|%b %Y}}<br>{target_label}: %{{customdata[1]}}<extra></extra>",
    )
    fig.add_scatter(
        x=months,
        y=values,
        mode="lines+markers",
        line={"color": MUTED, "width": 2},
        marker={
            "size": 10,
            "color": [status_color(s) for s in frame["status"]],
            "line": {"width": 1, "color": "white"},
        },
        name=actual_label,
        customdata=custom,
        hovertemplate=(
            f"%{{x|%b %Y}}<br>{actual_label}: %{{customdata[0]}}<br>"
            f"{target_label}: %{{customdata[1]}}<br>{status_label}: %{{customdata[2]}}"
            "<extra></extra>"
        ),
    )
    _status_legend(fig, status_labels)
    fig.update_layout(
        title=title,
        margin=_MARGIN,
        height=360,
        hovermode="closest",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
    )
    fig.update_xaxes(tickformat="%b %Y", dtick="M3")
    fig.update_yaxes(title=None, rangemode="tozero" if unit in ("currency", "count") else None)
    return fig


def lifecycle_tiles(
    headlines: pd.DataFrame,
    *,
    words: Words,
    title: str,
    target_label: str,
    no_target: str,
    stage_count: str,
) -> go.Figure:
    """The customer lifecycle at a glance: one tile per stage, coloured by its headline's status.

    ``headlines``: :func:`cxdash.evidence.scorecard.lifecycle_headlines`. Each
    tile names the stage, the headline KPI, its value and its status (or
    ``no_target``); the hover adds the target and how many of the stage's KPIs
    are on target (``stage_count`` with ``{on}`` and ``{total}`` placeholders).
    A thin bar in the stage's colour sits under each tile so the stage reads
    the same as on every other chart. ``words`` names stages, KPIs and statuses.
    """
    stage_labels, kpi_labels = words.stage_labels, words.kpi_labels
    status_labels, fmt = words.status_labels, words.fmt
    stages = [stage_labels.get(s, s) for s in headlines["stage"]]
    texts, custom = [], []
    for row in headlines.itertuples():
        value = fmt(_number(row.value), row.unit)
        status = _status_text(row.status, status_labels, no_target)
        label = kpi_labels.get(row.kpi, row.kpi)
        texts.append(
            f"<b>{stage_labels.get(row.stage, row.stage)}</b><br>{label}<br>"
            f"<b>{value}</b><br>{status}"
        )
        custom.append(
            [
                label,
                value,
                fmt(_number(row.target), row.unit) if pd.notna(row.target) else no_target,
                status,
                stage_count.format(on=row.on_target, total=row.with_target),
            ]
        )
    fig = go.Figure()
    fig.add_bar(
        x=stages,
        y=[1.0] * len(stages),
        marker_color=[status_color(s) for s in headlines["status"]],
        text=texts,
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": "white", "size": 15},
        customdata=custom,
        hovertemplate=(
            "<b>%{x}</b><br>%{customdata[0]}: %{customdata[1]}<br>"
            f"{target_label}: %{{customdata[2]}}<br>%{{customdata[3]}}<br>%{{customdata[4]}}"
            "<extra></extra>"
        ),
        showlegend=False,
    )
    fig.add_bar(
        x=stages,
        y=[0.08] * len(stages),
        base=[-0.12] * len(stages),
        marker_color=[stage_color(s) for s in headlines["stage"]],
        hoverinfo="skip",
        showlegend=False,
    )
    fig.update_layout(
        title=title,
        barmode="overlay",
        bargap=0.06,
        margin=_MARGIN,
        height=210,
        uniformtext={"mode": "show", "minsize": 10},
    )
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, range=[-0.14, 1.0], fixedrange=True)
    return fig


# Status cells tinted in the status colours, light enough for dark text on either theme.
_TINTS = {
    "on_target": "background-color: rgba(44, 160, 44, 0.28)",
    "at_risk": "background-color: rgba(255, 127, 14, 0.30)",
    "off_target": "background-color: rgba(214, 39, 40, 0.30)",
}


def scorecard_table(
    card: pd.DataFrame, words: Words, *, headers: Mapping[str, str], no_status: str
) -> Styler:
    """The scorecard as a table to read: one row per KPI, numbers formatted, status tinted.

    ``card``: :func:`cxdash.evidence.scorecard.scorecard`. Columns (named by
    ``headers``): ``stage``, ``kpi``, ``value``, ``change`` (vs the previous
    period: points for percentages and scores, else percent), ``target``,
    ``status`` (``no_status`` without one) and ``needs`` (the empty datasets
    a KPI needs; left out when no KPI misses any). Lifecycle order, then catalog order.
    """
    table, tints = scorecard_rows(card, words, headers=headers, no_status=no_status)
    return tinted(table, tints, headers.get("status", "status"))


def scorecard_rows(
    card: pd.DataFrame, words: Words, *, headers: Mapping[str, str], no_status: str
) -> tuple[pd.DataFrame, list[str]]:
    """The text of :func:`scorecard_table` and each row's status tint (CSS), unstyled.

    Plain data, so a page can cache it; :func:`tinted` styles it.
    """
    rows = card.assign(_stage=card["stage"].map({s: i for i, s in enumerate(STAGES)}))
    rows = rows.sort_values("_stage", kind="stable")
    fmt = words.fmt
    table = pd.DataFrame(
        {
            "stage": [words.stage_labels.get(s, s) for s in rows["stage"]],
            "kpi": [words.kpi_labels.get(k, k) for k in rows["kpi"]],
            "value": [fmt(_number(v), u) for v, u in zip(rows["value"], rows["unit"], strict=True)],
            "change": [
                format_change(_number(v), _number(p), u, lang=words.lang) or ""
                for v, p, u in zip(rows["value"], rows["previous"], rows["unit"], strict=True)
            ],
            "target": [
                fmt(_number(t), u) if pd.notna(t) else ""
                for t, u in zip(rows["target"], rows["unit"], strict=True)
            ],
            "status": [_status_text(s, words.status_labels, no_status) for s in rows["status"]],
            "needs": list(rows["missing"]),
        }
    )
    if not table["needs"].astype(bool).any():
        table = table.drop(columns="needs")
    tints = [_TINTS.get(s, "") if isinstance(s, str) else "" for s in rows["status"]]
    # Headers are renamed in the frame itself: Streamlit ignores a Styler's relabelling.
    table.columns = [headers.get(c, c) for c in table.columns]
    return table, tints


def tinted(table: pd.DataFrame, tints: list[str], status_column: str) -> Styler:
    """``table`` with each row's ``status_column`` cell in its tint (:func:`scorecard_rows`)."""
    return table.style.apply(lambda _: tints, subset=[status_column], axis=0)
