"""Survey feedback for step 6: NPS by month, the period's split, and the comment search."""

import datetime as dt
import math

import pandas as pd
import pytest

from cxdash.evidence.feedback import (
    COMMENT_COLUMNS,
    comment_matches,
    normalise_search,
    nps_monthly,
    nps_split,
    search_comments,
)
from cxdash.filters import Filters
from cxdash.period import Period

JUNE = Period(dt.date(2024, 6, 1), dt.date(2024, 6, 30))


@pytest.fixture
def surveys(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) VALUES "
        "('c1', DATE '2023-01-01', 'VIP'), ('c2', DATE '2023-01-01', 'Retail')"
    )
    con.execute(
        "INSERT INTO surveys (response_id, customer_id, responded_at, nps, comment, channel) "
        "VALUES "
        "('s1', 'c1', TIMESTAMP '2024-04-15 10:00', 10, NULL, 'web'), "
        "('s2', 'c2', TIMESTAMP '2024-04-16 10:00', 3, 'Долгая ДОСТАВКА', 'store'), "
        "('s3', 'c1', TIMESTAMP '2024-06-01 00:00', 9, 'Быстрая доставка, спасибо', 'web'), "
        "('s4', 'c2', TIMESTAMP '2024-06-10 12:00', 7, 'Oʻzbekiston boʻylab tez', 'chat'), "
        "('s5', 'c2', TIMESTAMP '2024-06-20 12:00', 2, 'Only 50% arrived_late', 'phone'), "
        "('s6', 'c1', TIMESTAMP '2024-06-30 23:59', 6, 'Mahsulot haqida maʼlumot kam', 'web'), "
        "('s7', 'c1', TIMESTAMP '2024-06-25 08:00', NULL, 'delivery ok', 'email'), "
        "('s8', 'c2', TIMESTAMP '2024-07-01 00:00', 10, 'доставка после периода', 'web'), "
        "('s9', 'c2', TIMESTAMP '2024-06-15 09:00', 10, '   ', 'web')"
    )
    return con


def test_nps_monthly_has_every_month_and_follows_the_kpi(surveys):
    frame = nps_monthly(surveys, JUNE.end, Filters(), months=4)
    assert [m.strftime("%Y-%m") for m in frame["month"]] == [
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
    ]
    assert list(frame["responses"]) == [0, 2, 0, 5]
    june = frame.iloc[3]
    # Jun: 9, 10 promoters; 7 passive; 2, 6 detractors. July's response is after the end.
    assert (june["promoters"], june["passives"], june["detractors"]) == (2, 1, 2)
    assert june["nps"] == pytest.approx(0.0)
    assert frame.iloc[1]["nps"] == pytest.approx(0.0)  # one promoter, one detractor
    assert math.isnan(frame.iloc[0]["nps"]) and math.isnan(frame.iloc[0]["promoters_share"])
    assert june[["promoters_share", "passives_share", "detractors_share"]].sum() == 100


def test_nps_monthly_respects_filters(surveys):
    frame = nps_monthly(surveys, JUNE.end, Filters(segments=("VIP",)), months=1)
    # c1 in June: 9 (promoter), 6 (detractor); the response without a score does not count.
    assert list(frame["responses"]) == [2] and list(frame["nps"]) == [0.0]
    web = nps_monthly(surveys, JUNE.end, Filters(channels=("web",)), months=1)
    assert web.iloc[0]["promoters"] == 2 and web.iloc[0]["detractors"] == 1


def test_nps_split_of_the_period(surveys):
    frame = nps_split(surveys, JUNE, Filters())
    assert list(frame["group"]) == ["promoters", "passives", "detractors"]
    assert list(frame["responses"]) == [2, 1, 2]
    assert list(frame["share"]) == [40.0, 20.0, 40.0]
    assert set(frame["nps"]) == {0.0}


def test_nps_on_no_surveys(con):
    monthly = nps_monthly(con, JUNE.end, Filters(), months=3)
    assert len(monthly) == 3 and list(monthly["responses"]) == [0, 0, 0]
    assert monthly["nps"].isna().all()
    split = nps_split(con, JUNE, Filters())
    assert list(split["responses"]) == [0, 0, 0] and split["nps"].isna().all()


def _comments(frame):
    return list(frame["comment"])


def test_search_matches_cyrillic_in_any_case(surveys):
    found = search_comments(surveys, JUNE, Filters(), "ДОСТАВКА")
    # Only the period: April's and July's comments stay out.
    assert _comments(found) == ["Быстрая доставка, спасибо"]
    assert comment_matches(found) == 1
    assert list(found.columns) == list(COMMENT_COLUMNS)
    assert found.iloc[0]["date"] == dt.date(2024, 6, 1)


@pytest.mark.parametrize("typed", ["oʻzbekiston", "O'zbekiston", "o‘zbek", "o’z", "BOʻYLAB"])
def test_search_matches_the_uzbek_letter_whatever_apostrophe_is_typed(surveys, typed):
    assert _comments(search_comments(surveys, JUNE, Filters(), typed)) == [
        "Oʻzbekiston boʻylab tez"
    ]


def test_search_matches_modifier_apostrophe_variants_both_ways(surveys):
    # The comment has ʼ (U+02BC); a reader types ' or ʻ.
    assert _comments(search_comments(surveys, JUNE, Filters(), "ma'lumot")) == [
        "Mahsulot haqida maʼlumot kam"
    ]


# As LIKE wildcards, "%" would match all five comments and "ly_50" would match "Only 50".
@pytest.mark.parametrize(("typed", "expected"), [("50%", 1), ("%", 1), ("_", 1), ("ly_50", 0)])
def test_percent_and_underscore_are_plain_characters(surveys, typed, expected):
    assert comment_matches(search_comments(surveys, JUNE, Filters(), typed)) == expected


def test_search_text_is_a_bound_value(surveys):
    typed = "x'); DROP TABLE surveys; --"
    assert comment_matches(search_comments(surveys, JUNE, Filters(), typed)) == 0
    assert surveys.execute("SELECT count(*) FROM surveys").fetchone()[0] == 9


def test_empty_search_lists_every_comment_newest_first(surveys):
    found = search_comments(surveys, JUNE, Filters(), "  ")
    # Blank and missing comments are not comments.
    assert list(found["date"]) == [
        dt.date(2024, 6, 30),
        dt.date(2024, 6, 25),
        dt.date(2024, 6, 20),
        dt.date(2024, 6, 10),
        dt.date(2024, 6, 1),
    ]
    assert found["nps"].isna().sum() == 1  # s7 has no score and is still shown


@pytest.mark.parametrize(
    ("group", "scores"),
    [("promoters", [9]), ("passives", [7]), ("detractors", [6, 2]), (None, [6, None, 2, 7, 9])],
)
def test_search_by_nps_group(surveys, group, scores):
    found = search_comments(surveys, JUNE, Filters(), "", group)
    assert [None if pd.isna(s) else int(s) for s in found["nps"]] == scores


def test_search_stops_at_the_limit_but_counts_every_match(surveys):
    found = search_comments(surveys, JUNE, Filters(), "", None, limit=2)
    assert len(found) == 2 and comment_matches(found) == 5


def test_search_respects_filters(surveys):
    found = search_comments(surveys, JUNE, Filters(segments=("Retail",)), "")
    assert set(found["channel"]) == {"chat", "phone"}
    assert comment_matches(search_comments(surveys, JUNE, Filters(channels=("web",)), "")) == 2


def test_search_refuses_an_unknown_group(surveys):
    with pytest.raises(ValueError, match="unknown NPS group"):
        search_comments(surveys, JUNE, Filters(), "", "fans")


def test_search_on_no_surveys(con):
    found = search_comments(con, JUNE, Filters(), "доставка")
    assert found.empty and list(found.columns) == list(COMMENT_COLUMNS)
    assert comment_matches(found) == 0


def test_normalise_search():
    assert normalise_search("  O‘ZBEK'iston ") == "oʻzbekʻiston"
