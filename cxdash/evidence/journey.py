"""Step 2, People: what customers do at each journey stage, in which channel, on which device.

Every query covers one period (both days included) under the global filters:
touchpoints, orders and surveys are in the period when their calendar date
is. Stages always come in journey order (:data:`STAGES`).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters, predicate
from cxdash.kpis import facts
from cxdash.period import Period
from cxdash.schema import STAGES

NOTE_COLUMNS = ("customer_goal", "pain_points", "opportunities")

# Where the customers of each stage come from (see :func:`funnel`).
PREVIOUS_STAGE = {
    "consideration": "awareness",
    "purchase": "consideration",
    "service": "purchase",
    "loyalty": "purchase",
    "advocacy": "loyalty",
}

_STAGE_CHANNEL_SQL = """
SELECT
    t.stage,
    t.channel,
    count(DISTINCT t.customer_id) AS customers,
    count(*) AS touchpoints
FROM touchpoints AS t
WHERE t.ts >= $start_at
  AND t.ts < $end_before
  AND {selected}
GROUP BY t.stage, t.channel
"""

# The same two from touchpoint_facts (cxdash/kpis/facts.py): {previous} is the
# customer's previous touchpoint of the stage (and channel, per channel).
_STAGE_CHANNEL_FACTS_SQL = """
SELECT
    t.stage,
    t.channel,
    count(*) FILTER (WHERE t.{previous} IS NULL OR t.{previous} < $start) AS customers,
    count(*) AS touchpoints
FROM touchpoint_facts AS t
WHERE t.day BETWEEN $start AND $end
  AND {selected}
GROUP BY t.stage, t.channel
"""

_FUNNEL_FACTS_SQL = """
SELECT t.stage, count(*) FILTER (WHERE t.{previous} IS NULL OR t.{previous} < $start) AS customers
FROM touchpoint_facts AS t
WHERE t.day BETWEEN $start AND $end
  AND {selected}
GROUP BY t.stage
"""

_FUNNEL_SQL = """
SELECT t.stage, count(DISTINCT t.customer_id) AS customers
FROM touchpoints AS t
WHERE t.ts >= $start_at
  AND t.ts < $end_before
  AND {selected}
GROUP BY t.stage
"""

# An empty or blank device is as unknown as a missing one.
_DEVICE_SQL = """
SELECT
    t.stage,
    nullif(trim(t.device), '') AS device,
    count(*) AS touchpoints
FROM touchpoints AS t
WHERE t.ts >= $start_at
  AND t.ts < $end_before
  AND {selected}
GROUP BY 1, 2
"""

# Order side and survey side are aggregated per segment apart, then stacked and
# summed, so a segment with surveys but no orders (or the reverse) still shows.
_ORDER_SIDE_SQL = """
    SELECT
        nullif(trim(c.segment), '') AS segment,
        count(DISTINCT o.customer_id) AS customers,
        count(*) AS orders,
        CAST(sum(o.amount) AS DOUBLE) AS revenue
    FROM orders AS o
    LEFT JOIN customers AS c ON c.customer_id = o.customer_id
    WHERE o.order_date >= $start
      AND o.order_date <= $end
      AND {orders_selected}
    GROUP BY 1
"""

# The same from order_facts (cxdash/kpis/facts.py), which carries the segment:
# a customer counts once, through their first selected order of the period.
_ORDER_SIDE_FACTS_SQL = """
    SELECT
        nullif(trim(o.segment), '') AS segment,
        count(*) FILTER (WHERE o.{previous} IS NULL OR o.{previous} < $start) AS customers,
        count(*) AS orders,
        CAST(sum(o.amount) AS DOUBLE) AS revenue
    FROM order_facts AS o
    WHERE o.order_date >= $start
      AND o.order_date <= $end
      AND {orders_selected}
    GROUP BY 1
"""

_SEGMENT_SQL = """
WITH order_side AS (
{order_side}
),
survey_side AS (
    SELECT
        nullif(trim(c.segment), '') AS segment,
        count(*) FILTER (WHERE s.nps BETWEEN 9 AND 10) AS promoters,
        count(*) FILTER (WHERE s.nps BETWEEN 0 AND 6) AS detractors,
        count(s.nps) AS nps_responses
    FROM surveys AS s
    LEFT JOIN customers AS c ON c.customer_id = s.customer_id
    WHERE s.responded_at >= $start_at
      AND s.responded_at < $end_before
      AND {surveys_selected}
    GROUP BY 1
),
stacked AS (
    SELECT segment, customers, orders, revenue,
           0 AS promoters, 0 AS detractors, 0 AS nps_responses
    FROM order_side
    UNION ALL
    SELECT segment, 0, 0, 0.0, promoters, detractors, nps_responses
    FROM survey_side
)
SELECT
    segment,
    CAST(sum(customers) AS BIGINT) AS customers,
    CAST(sum(orders) AS BIGINT) AS orders,
    CAST(sum(revenue) AS DOUBLE) AS revenue,
    100 * CAST(sum(promoters) - sum(detractors) AS DOUBLE) / nullif(sum(nps_responses), 0) AS nps,
    CAST(sum(nps_responses) AS BIGINT) AS nps_responses
FROM stacked
GROUP BY segment
"""


def _bounds(period: Period) -> dict:
    return {
        "start": period.start,
        "end": period.end,
        "start_at": dt.datetime.combine(period.start, dt.time()),
        "end_before": dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time()),
    }


def _touchpoints(con, sql: str, period: Period, filters: Filters) -> pd.DataFrame:
    selected, params = predicate("touchpoints", filters, "t")
    bounds = _bounds(period)
    values = {"start_at": bounds["start_at"], "end_before": bounds["end_before"], **params}
    return con.execute(sql.format(selected=selected), values).df()


def _customers_per_stage(
    con, sql: str, facts_sql: str, period: Period, filters: Filters, *, by_channel: bool
) -> pd.DataFrame:
    """``sql`` over touchpoints, or ``facts_sql`` over touchpoint_facts while it is current.

    ``facts_sql`` counts a customer once per stage (and channel when
    ``by_channel``) through their first such touchpoint of the period.
    """
    if not facts.usable(con, filters, facts.TOUCHPOINTS):
        return _touchpoints(con, sql, period, filters)
    selected, params = facts.predicate(filters, "t")
    column = (
        "previous_in_stage_in_channel" if by_channel or filters.channels else "previous_in_stage"
    )
    facts_sql = facts_sql.replace("{previous}", column).replace("{selected}", selected)
    return con.execute(facts_sql, {"start": period.start, "end": period.end, **params}).df()


def _stage_rank(stages: pd.Series) -> pd.Series:
    """Journey position of each stage; a stage outside the model sorts last."""
    return stages.map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES))


def stage_channel(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> pd.DataFrame:
    """Touchpoints per journey stage and channel in the period.

    Columns: ``stage``, ``channel``, ``customers`` (distinct customers with a
    touchpoint in that cell), ``touchpoints`` (events). Only cells with
    touchpoints appear; stages in journey order, then channels by name.
    """
    found = _customers_per_stage(
        con, _STAGE_CHANNEL_SQL, _STAGE_CHANNEL_FACTS_SQL, period, filters, by_channel=True
    )
    found = found.astype({"customers": "int64", "touchpoints": "int64"})
    found = found.assign(_rank=_stage_rank(found["stage"]))
    return found.sort_values(["_rank", "channel"]).drop(columns="_rank").reset_index(drop=True)


def touchpoint_gaps(cells: pd.DataFrame, thin_share: float = 2.0) -> pd.DataFrame:
    """Stage x channel cells with no touchpoints, or with too few to carry the stage.

    ``cells`` is :func:`stage_channel`'s frame. Every journey stage is crossed
    with every channel that has a touchpoint at any stage (a channel nobody
    used at all is not a gap the data can show). A cell is a gap when its share
    of the stage's touchpoints is below ``thin_share`` percent: ``missing``
    when it has none, ``thin`` otherwise.
    Columns: ``stage``, ``channel``, ``touchpoints``, ``customers``,
    ``share_of_stage`` (0-100), ``gap`` (``missing`` or ``thin``); journey
    order, then channel. Empty when ``cells`` is.
    """
    columns = ["stage", "channel", "touchpoints", "customers", "share_of_stage", "gap"]
    channels = sorted(cells["channel"].dropna().unique())
    if not channels:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    grid = pd.MultiIndex.from_product([STAGES, channels], names=["stage", "channel"])
    frame = grid.to_frame(index=False).merge(cells, on=["stage", "channel"], how="left")
    frame = frame.fillna({"touchpoints": 0, "customers": 0})
    frame = frame.astype({"touchpoints": "int64", "customers": "int64"})
    stage_total = frame.groupby("stage")["touchpoints"].transform("sum")
    frame["share_of_stage"] = 100.0 * frame["touchpoints"] / stage_total.where(stage_total > 0)
    frame["share_of_stage"] = frame["share_of_stage"].fillna(0.0)
    frame = frame[frame["share_of_stage"] < thin_share].copy()
    frame["gap"] = frame["touchpoints"].map(lambda n: "missing" if n == 0 else "thin")
    return frame[columns].reset_index(drop=True)


def gap_summary(gaps: pd.DataFrame) -> pd.DataFrame:
    """:func:`touchpoint_gaps` with one row per stage, short enough to read at a glance.

    Columns: ``stage`` (stages with a gap, journey order), ``missing`` (the
    channels without touchpoints, comma-separated, "" when none), ``thin``
    (the thin channels with their share of the stage, e.g. ``"store (0.3%)"``).
    """
    rows = []
    for stage in STAGES:
        part = gaps[gaps["stage"] == stage]
        if part.empty:
            continue
        missing = part[part["gap"] == "missing"]["channel"]
        thin = part[part["gap"] == "thin"]
        rows.append(
            {
                "stage": stage,
                "missing": ", ".join(missing),
                "thin": ", ".join(
                    f"{c} ({s:.1f}%)"
                    for c, s in zip(thin["channel"], thin["share_of_stage"], strict=True)
                ),
            }
        )
    return pd.DataFrame(rows, columns=["stage", "missing", "thin"])


def funnel(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> pd.DataFrame:
    """Distinct customers with a touchpoint at each journey stage in the period.

    Columns: ``stage`` (all six, journey order), ``customers`` (int),
    ``previous_stage`` (the stage a customer comes from: the one before, except
    that loyalty follows purchase, because service is a side path for customers
    who need help; None for awareness), ``pct_of_previous`` (customers / the
    previous stage's x 100; NaN for awareness and after a stage with nobody),
    ``pct_of_first`` (of awareness; NaN when nobody was aware). Stages are
    counted on their own, not nested, so a share can exceed 100.
    """
    found = _customers_per_stage(
        con, _FUNNEL_SQL, _FUNNEL_FACTS_SQL, period, filters, by_channel=False
    )
    frame = pd.DataFrame({"stage": list(STAGES)}).merge(found, on="stage", how="left")
    frame = frame.fillna({"customers": 0}).astype({"customers": "int64"})
    frame["previous_stage"] = pd.Series(
        [PREVIOUS_STAGE.get(s) for s in frame["stage"]], dtype="object"
    )
    counts = dict(zip(frame["stage"], frame["customers"].astype("float64"), strict=True))
    before = frame["previous_stage"].map(lambda s: counts.get(s, float("nan"))).astype("float64")
    frame["pct_of_previous"] = 100.0 * frame["customers"] / before.where(before > 0)
    first = counts[STAGES[0]]
    frame["pct_of_first"] = 100.0 * frame["customers"] / first if first > 0 else float("nan")
    return frame


def weakest_step(stages: pd.DataFrame, skip: tuple[str, ...] = ("service",)) -> dict | None:
    """The step from one stage to the next that keeps the smallest share of customers.

    ``stages`` is :func:`funnel`'s frame. Steps into ``skip`` are left out:
    fewer service contacts is not a broken journey. Returns ``{"from": stage,
    "to": stage, "pct": pct_of_previous}``, or None when no step can be
    measured (nobody at the stage before).
    """
    steps = stages[~stages["stage"].isin(skip)].dropna(subset=["pct_of_previous"])
    if steps.empty:
        return None
    row = steps.loc[steps["pct_of_previous"].idxmin()]
    return {"from": row["previous_stage"], "to": row["stage"], "pct": float(row["pct_of_previous"])}


def device_mix(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> pd.DataFrame:
    """Touchpoints per stage and device in the period, with each device's share of the stage.

    Columns: ``stage``, ``device`` (None where the touchpoint has no device,
    e.g. in a store or on the phone), ``touchpoints`` (int), ``share`` (0-100
    of the stage's touchpoints). Stages with touchpoints only, journey order;
    within a stage devices by name, unknown last.
    """
    found = _touchpoints(con, _DEVICE_SQL, period, filters)
    found = found.astype({"touchpoints": "int64"})
    total = found.groupby("stage")["touchpoints"].transform("sum")
    found["share"] = 100.0 * found["touchpoints"] / total
    found = found.assign(
        _rank=_stage_rank(found["stage"]), _unknown=found["device"].isna(), _device=found["device"]
    )
    found = found.sort_values(["_rank", "_unknown", "_device"], na_position="last")
    return found[["stage", "device", "touchpoints", "share"]].reset_index(drop=True)


def segment_profile(
    con: duckdb.DuckDBPyConnection, period: Period, filters: Filters
) -> pd.DataFrame:
    """Customers, revenue and NPS per customer segment in the period.

    Columns: ``segment`` (None for orders and responses whose customer is not
    in ``customers`` or has no segment), ``customers`` (distinct customers
    with an order), ``orders``, ``revenue`` (sum of amounts), ``nps`` (by the
    KPI definition, over responses dated in the period; NaN without
    responses), ``nps_responses``. Sorted by revenue, largest first, the
    unknown segment last.
    """
    if facts.usable(con, filters):
        orders_selected, params = facts.predicate(filters, "o")
        previous = facts.columns(facts.ORDERS, filters)["previous"]
        order_side = _ORDER_SIDE_FACTS_SQL.replace("{previous}", previous)
    else:
        orders_selected, params = predicate("orders", filters, "o")
        order_side = _ORDER_SIDE_SQL
    surveys_selected, survey_params = predicate("surveys", filters, "s")
    sql = _SEGMENT_SQL.replace("{order_side}", order_side)
    sql = sql.replace("{orders_selected}", orders_selected)
    sql = sql.replace("{surveys_selected}", surveys_selected)
    found = con.execute(sql, {**_bounds(period), **params, **survey_params}).df()
    found = found.astype(
        {"customers": "int64", "orders": "int64", "revenue": "float64", "nps": "float64"}
    )
    found = found.astype({"nps_responses": "int64"})
    found = found.assign(_unknown=found["segment"].isna())
    # Segment names break ties, so equal revenues (often 0) keep one order run after run.
    found = found.sort_values(["_unknown", "revenue", "segment"], ascending=[True, False, True])
    return found.drop(columns="_unknown").reset_index(drop=True)


def notes_in_journey_order(notes: pd.DataFrame) -> pd.DataFrame:
    """Journey notes with one row per stage, in journey order.

    ``notes`` has the journey_notes columns (``stage`` and :data:`NOTE_COLUMNS`).
    Columns: ``stage`` plus :data:`NOTE_COLUMNS`; a stage without a note has
    None in each; blank texts become None. Rows of unknown stages are dropped.
    """
    frame = pd.DataFrame({"stage": list(STAGES)})
    known = notes.reindex(columns=["stage", *NOTE_COLUMNS])
    known = known[known["stage"].isin(STAGES)].drop_duplicates("stage")
    frame = frame.merge(known, on="stage", how="left").astype("object")
    for column in NOTE_COLUMNS:
        # Object dtype keeps None as None (a string column would turn it into NaN, which is truthy).
        texts = [(v.strip() or None) if isinstance(v, str) else None for v in frame[column]]
        frame[column] = pd.Series(texts, index=frame.index, dtype="object")
    return frame
