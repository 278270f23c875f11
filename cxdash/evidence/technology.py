"""Evidence for step 7 (technology): what the technology inventory says.

Every function takes the ``tech_stack`` rows as :func:`cxdash.artefacts.read`
returns them. ``steps`` holds OPPOSITE step numbers and ``touchpoints`` holds
channels, both comma-separated as a team types them ("3, 6", "web,store");
the two parsers below read them forgivingly.
"""

from __future__ import annotations

import re

import pandas as pd

from cxdash.charts.palette import CHANNEL_ORDER
from cxdash.opposite import STEPS

QUADRANTS = ("keep", "review_cost", "replace", "rethink")
FIT_LINE = 3  # fit at or above this is a good fit

_SEPARATORS = re.compile(r"[,;/\s]+")


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def parse_steps(text) -> tuple[int, ...]:
    """OPPOSITE step numbers in ``text``, e.g. "3,6" -> (3, 6).

    Commas, semicolons, slashes or spaces separate; anything that is not a
    step number 1-8 is skipped; duplicates are dropped; ascending order.
    Empty or missing: ``()``.
    """
    numbers = {int(part) for part in _SEPARATORS.split(_text(text)) if part.isdigit()}
    return tuple(sorted(n for n in numbers if 1 <= n <= len(STEPS)))


def parse_touchpoints(text) -> tuple[str, ...]:
    """Channels in ``text``, e.g. "web, Store" -> ("web", "store").

    Comma- or semicolon-separated, trimmed and lower-cased (channels in the
    data are lower case), duplicates dropped, order kept. Empty: ``()``.
    """
    parts = (p.strip().lower() for p in re.split(r"[,;]", _text(text)))
    return tuple(dict.fromkeys(p for p in parts if p))


def _systems(stack: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "system": stack["system"].map(_text),
            "lifecycle": stack["lifecycle"].map(_text),
            "fit": pd.to_numeric(stack["fit"], errors="coerce").astype("float64"),
        }
    )


def step_coverage(stack: pd.DataFrame) -> pd.DataFrame:
    """Which system serves which OPPOSITE step: the full matrix, steps x systems.

    Columns: ``step`` (1-8), ``system``, ``lifecycle`` ("" when not set),
    ``fit`` (float, NaN when not set), ``covered`` (bool). One row per step and
    system (8 x systems), systems in inventory order, steps ascending. No
    systems: zero rows.
    """
    systems = _systems(stack)
    systems["steps"] = stack["steps"].map(parse_steps).to_numpy()
    rows = [
        {
            "step": s.number,
            "system": row.system,
            "lifecycle": row.lifecycle,
            "fit": row.fit,
            "covered": s.number in row.steps,
        }
        for s in STEPS
        for row in systems.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=["step", "system", "lifecycle", "fit", "covered"])
    return frame.astype({"step": "int64", "fit": "float64", "covered": "bool"})


def _channel_order(channels) -> list[str]:
    known = [c for c in CHANNEL_ORDER if c in channels]
    return known + sorted(c for c in channels if c not in CHANNEL_ORDER)


def touchpoint_coverage(stack: pd.DataFrame, channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """How many systems serve each touchpoint (channel), by lifecycle.

    ``channels`` are the channels the customer data uses: each of them appears
    even when no system serves it, as a row with ``lifecycle`` "" and
    ``systems`` 0 (the gap the chart must show). Columns: ``channel``,
    ``lifecycle`` ("" when not set), ``systems`` (int), ``names`` (the
    systems, comma-separated). Channels in the app's channel order, unknown
    ones alphabetically after. Nothing: zero rows.
    """
    systems = _systems(stack)
    pairs = [
        (channel, row.lifecycle, row.system)
        for row, touchpoints in zip(
            systems.itertuples(), stack["touchpoints"].map(parse_touchpoints), strict=True
        )
        for channel in touchpoints
    ]
    found = pd.DataFrame(pairs, columns=["channel", "lifecycle", "system"])
    served = (
        found.groupby(["channel", "lifecycle"], sort=False)
        .agg(systems=("system", "size"), names=("system", ", ".join))
        .reset_index()
    )
    unserved = [c for c in channels if c not in set(found["channel"])]
    gaps = pd.DataFrame({"channel": unserved, "lifecycle": "", "systems": 0, "names": ""})
    frame = pd.concat([served, gaps], ignore_index=True) if unserved else served
    order = {c: i for i, c in enumerate(_channel_order(set(frame["channel"])))}
    frame = frame.sort_values(["channel", "lifecycle"], key=lambda col: _sort_key(col, order))
    return frame.reset_index(drop=True).astype({"systems": "int64"})


def _sort_key(column: pd.Series, order: dict[str, int]) -> pd.Series:
    return column.map(order) if column.name == "channel" else column


def cost_fit(stack: pd.DataFrame) -> pd.DataFrame:
    """Systems placed by annual cost and fit, with the quadrant each falls in.

    Only systems with both an annual cost and a fit. The lines: fit
    :data:`FIT_LINE` (at or above fits) and the median annual cost of the
    systems shown (at or below is cheap). Quadrants (:data:`QUADRANTS`):
    ``keep`` (fits, cheap), ``review_cost`` (fits, costly), ``replace`` (poor
    fit, cheap), ``rethink`` (poor fit, costly). Columns: ``system``,
    ``category``, ``lifecycle`` ("" when not set), ``annual_cost``, ``fit``
    (floats), ``quadrant``, ``cost_median`` (the same on every row). Nothing
    placeable: zero rows.
    """
    frame = _systems(stack)
    frame["category"] = stack["category"].map(_text)
    frame["annual_cost"] = pd.to_numeric(stack["annual_cost"], errors="coerce").astype("float64")
    frame = frame.dropna(subset=["annual_cost", "fit"]).reset_index(drop=True)
    median = float(frame["annual_cost"].median()) if len(frame) else float("nan")
    fits = frame["fit"] >= FIT_LINE
    cheap = frame["annual_cost"] <= median
    frame["quadrant"] = "rethink"
    frame.loc[fits & cheap, "quadrant"] = "keep"
    frame.loc[fits & ~cheap, "quadrant"] = "review_cost"
    frame.loc[~fits & cheap, "quadrant"] = "replace"
    frame["cost_median"] = median
    columns = ["system", "category", "lifecycle", "annual_cost", "fit", "quadrant", "cost_median"]
    return frame[columns]


def left_out(stack: pd.DataFrame) -> list[str]:
    """Systems :func:`cost_fit` cannot place because their cost or fit is missing."""
    cost = pd.to_numeric(stack["annual_cost"], errors="coerce")
    fit = pd.to_numeric(stack["fit"], errors="coerce")
    return [_text(s) for s in stack.loc[cost.isna() | fit.isna(), "system"]]
