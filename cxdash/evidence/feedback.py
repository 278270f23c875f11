"""Survey feedback for step 6: NPS over time, its promoter/passive/detractor split, comments.

NPS follows the KPI catalog: (responses scoring 9-10 - responses scoring 0-6) /
responses with a score x 100, over responses dated in the period. Filters
select the responses (segment and region through the customer, channel is the
response's own).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from cxdash.filters import Filters
from cxdash.kpis import facts
from cxdash.kpis.cohorts import month_number, month_start
from cxdash.period import Period

GROUPS = ("promoters", "passives", "detractors")
# Score range of each group, both ends included.
GROUP_SCORES = {"promoters": (9, 10), "passives": (7, 8), "detractors": (0, 6)}
COMMENT_LIMIT = 50
COMMENT_COLUMNS = ("date", "nps", "channel", "comment", "matches")

# Apostrophes people type for the Uzbek ʻ (U+02BB) and ʼ: matched as one character.
_APOSTROPHES = "'`‘’ʼʻ"
_AS_ONE = "ʻ" * len(_APOSTROPHES)

_COUNTS = """
    count(*) FILTER (WHERE s.nps >= 9) AS promoters,
    count(*) FILTER (WHERE s.nps BETWEEN 7 AND 8) AS passives,
    count(*) FILTER (WHERE s.nps <= 6) AS detractors
"""

_MONTHLY_SQL = f"""
SELECT date_trunc('month', s.responded_at) AS month, {_COUNTS}
FROM {{surveys}} AS s
WHERE s.nps IS NOT NULL
  AND s.responded_at >= $first_day AND s.responded_at < $after_end
  AND {{selected}}
GROUP BY 1
"""

_PERIOD_SQL = f"""
SELECT {_COUNTS}
FROM {{surveys}} AS s
WHERE s.nps IS NOT NULL
  AND s.responded_at >= $start AND s.responded_at < $after_end
  AND {{selected}}
"""


def _with_shares(frame: pd.DataFrame) -> pd.DataFrame:
    counts = frame[list(GROUPS)].astype("int64")
    frame[list(GROUPS)] = counts
    frame["responses"] = counts.sum(axis=1)
    total = frame["responses"].where(frame["responses"] > 0)
    for group in GROUPS:
        frame[f"{group}_share"] = frame[group] / total * 100
    frame["nps"] = frame["promoters_share"] - frame["detractors_share"]
    return frame


def nps_monthly(
    con: duckdb.DuckDBPyConnection, end: dt.date, filters: Filters, months: int = 24
) -> pd.DataFrame:
    """NPS and its split per calendar month, for ``months`` months up to the month of ``end``.

    Columns: ``month`` (first day, datetime64), ``promoters``, ``passives``,
    ``detractors``, ``responses`` (counts of responses with a score),
    ``promoters_share``, ``passives_share``, ``detractors_share`` (0-100) and
    ``nps`` (-100 to 100). Every month is present; one without responses has
    zero counts and NaN shares and NPS. Responses after ``end`` are left out.
    """
    first_day = month_start(month_number(end) - (months - 1))
    surveys, selected, params = facts.rows(con, "surveys", filters, "s")
    bound = {"first_day": first_day, "after_end": end + dt.timedelta(days=1), **params}
    found = con.execute(_MONTHLY_SQL.format(surveys=surveys, selected=selected), bound).df()
    found["month"] = pd.to_datetime(found["month"])
    calendar = pd.DataFrame({"month": pd.date_range(first_day, periods=months, freq="MS")})
    frame = calendar.merge(found, on="month", how="left").fillna(dict.fromkeys(GROUPS, 0))
    return _with_shares(frame)


def nps_split(con: duckdb.DuckDBPyConnection, period: Period, filters: Filters) -> pd.DataFrame:
    """Promoters, passives and detractors among the period's responses with a score.

    One row per group of :data:`GROUPS`, in that order. Columns: ``group``,
    ``responses``, ``share`` (0-100; NaN when there are no responses) and
    ``nps`` (the period's NPS on every row; NaN without responses).
    """
    surveys, selected, params = facts.rows(con, "surveys", filters, "s")
    bound = {"start": period.start, "after_end": period.end + dt.timedelta(days=1), **params}
    counts = _with_shares(
        con.execute(_PERIOD_SQL.format(surveys=surveys, selected=selected), bound).df()
    )
    row = counts.iloc[0]
    return pd.DataFrame(
        {
            "group": list(GROUPS),
            "responses": [int(row[g]) for g in GROUPS],
            "share": [row[f"{g}_share"] for g in GROUPS],
            "nps": [row["nps"]] * len(GROUPS),
        }
    )


_COMMENTS_SQL = """
SELECT
    CAST(s.responded_at AS DATE) AS date,
    s.nps,
    s.channel,
    s.comment,
    count(*) OVER () AS matches
FROM {surveys} AS s
WHERE s.responded_at >= $start AND s.responded_at < $after_end
  AND nullif(trim(s.comment), '') IS NOT NULL
  -- No text matches every comment: then no comment is lowered and compared at all.
  AND ($needle = '' OR strpos(translate(lower(s.comment), $apostrophes, $as_one), $needle) > 0)
  AND ($any_score OR (s.nps >= $low AND s.nps <= $high))
  AND {selected}
ORDER BY s.responded_at DESC, s.response_id
LIMIT $limit
"""


def normalise_search(text: str) -> str:
    """The search text as comments are compared: trimmed, lower case, one apostrophe."""
    return text.strip().lower().translate(str.maketrans(_APOSTROPHES, _AS_ONE))


def search_comments(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    filters: Filters,
    text: str = "",
    group: str | None = None,
    limit: int = COMMENT_LIMIT,
) -> pd.DataFrame:
    """Survey comments of the period containing ``text``, newest first, at most ``limit``.

    The match is a case-insensitive substring (any script: Latin, Cyrillic);
    the apostrophes people type for the Uzbek ʻ (' ` ‘ ’ ʼ) all match each
    other, so "o'zbekiston" finds "Oʻzbekiston". The text is a bound value, and
    ``%`` or ``_`` in it are plain characters. Empty text matches every
    comment. ``group`` (a key of :data:`GROUPS`) keeps only its NPS scores.

    Columns: ``date`` (``datetime.date``), ``nps`` (nullable), ``channel``, ``comment``, and
    ``matches``: the number of matching comments in all, on every row (the
    frame itself stops at ``limit``). No match means no rows.
    """
    if group is not None and group not in GROUP_SCORES:
        raise ValueError(f"unknown NPS group {group!r}; known: {', '.join(GROUPS)}")
    low, high = GROUP_SCORES.get(group, (0, 10))
    surveys, selected, params = facts.rows(con, "surveys", filters, "s")
    bound = {
        "start": period.start,
        "after_end": period.end + dt.timedelta(days=1),
        "apostrophes": _APOSTROPHES,
        "as_one": _AS_ONE,
        "needle": normalise_search(text),
        "any_score": group is None,
        "low": low,
        "high": high,
        "limit": limit,
        **params,
    }
    frame = con.execute(_COMMENTS_SQL.format(surveys=surveys, selected=selected), bound).df()
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["nps"] = frame["nps"].astype("Int64")
    frame["matches"] = frame["matches"].astype("int64")
    return frame[list(COMMENT_COLUMNS)]


def comment_matches(frame: pd.DataFrame) -> int:
    """The number of matching comments behind a :func:`search_comments` frame."""
    return int(frame["matches"].iloc[0]) if len(frame) else 0
