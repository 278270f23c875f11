"""Step 6 (insights & intent): evidence charts, the comment search and the insight log."""

from __future__ import annotations

import pytest

from cxdash.i18n import t
from tests.app.conftest import assert_clean, chart_titles, charts

PAGE = "pages/6_insights.py"


def _open(app):
    at = app.run()
    at.switch_page(PAGE).run()
    assert_clean(at)
    return at


def _comments(at):
    # The comment table comes first; the artefact editor is the last grid.
    return at.dataframe[0].value


def test_insights_shows_every_evidence_chart_and_the_insight_log(app):
    at = _open(app)
    assert chart_titles(at) == [
        t("insights.campaign.title"),
        t("insights.intent.title"),
        t("insights.followup.title", days=30),
        t("insights.rfm.title"),
        t("insights.cohort.title"),
        t("insights.nps.title"),
        t("insights.nps.split_title"),
    ]
    # The default period is 90 days: the cohort window widens to a year and says so.
    captions = " ".join(c.value for c in at.caption)
    assert "12 months up to its end" in captions
    comments = _comments(at)
    assert list(comments.columns)[:4] == ["date", "nps", "channel", "comment"]
    assert 0 < len(comments) <= 50
    # The insight log: readable list above the editor, and the editor with its save button.
    text = " ".join(m.value for m in at.markdown)
    editor = at.dataframe[-1].value
    assert list(editor.columns) == ["insight", "evidence", "action", "owner"] and len(editor) > 0
    assert f"**{editor.iloc[0]['insight']}**" in text.replace("\\", "")
    assert t("artefact.save") in [b.label for b in at.button]


def test_the_follow_up_window_switches_to_90_days(app):
    at = _open(app)
    at.button_group(key="insights_follow_days").set_value(90).run()
    assert_clean(at)
    assert t("insights.followup.title", days=90) in chart_titles(at)


@pytest.mark.parametrize("typed", ["ДОСТАВКА", "доставка"])
def test_comment_search_finds_a_cyrillic_word_in_any_case(app, typed):
    at = _open(app)
    at.text_input(key="insights_comment_search").input(typed).run()
    assert_clean(at)
    found = _comments(at)
    assert len(found) > 0
    assert all("доставка" in c.lower() for c in found["comment"])


@pytest.mark.parametrize("typed", ["oʻzbekiston", "o'zbekiston"])
def test_comment_search_finds_a_word_with_the_uzbek_letter(app, typed):
    at = _open(app)
    at.text_input(key="insights_comment_search").input(typed).run()
    found = _comments(at)
    assert len(found) > 0 and all("oʻzbekiston" in c.lower() for c in found["comment"])
    caption = " ".join(c.value for c in at.caption)
    assert f"the newest {len(found)} are shown" in caption


def test_comment_search_by_score_group(app):
    at = _open(app)
    at.button_group(key="insights_comment_group").set_value("detractors").run()
    assert_clean(at)
    scores = _comments(at)["nps"]
    assert len(scores) > 0 and scores.max() <= 6


def test_a_search_without_matches_says_so(app):
    at = _open(app)
    at.text_input(key="insights_comment_search").input("zzqx no such words").run()
    assert_clean(at)
    assert _comments(at).empty
    assert t("insights.comments.none") in [c.value for c in at.caption]


def test_a_period_without_data_says_so_instead_of_drawing_empty_charts(app):
    app.query_params["from"] = "2021-01-01"
    app.query_params["to"] = "2021-03-31"
    at = _open(app)
    assert not charts(at)
    infos = [i.value for i in at.info]
    assert t("insights.empty.orders") in infos
    assert t("insights.nps.split_empty") in infos
    assert t("insights.comments.none") in [c.value for c in at.caption]


def test_insights_on_an_empty_database_names_the_datasets_to_load(empty_app):
    at = _open(empty_app)
    assert not charts(at)
    infos = " ".join(i.value for i in at.info)
    assert "**orders**" in infos and "**surveys**" in infos
    assert t("insights.log.empty") in infos
    assert t("artefact.save") in [b.label for b in at.button]
