"""The reader's language: from the link, kept in the URL, applied to every word on screen."""

from __future__ import annotations

import pytest

from cxdash.i18n import languages, t
from tests.app.conftest import assert_clean, chart_specs

OTHER_LANGUAGES = [code for code in languages() if code != "en"]


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_a_link_with_lang_opens_the_overview_in_that_language(app, lang):
    app.query_params["lang"] = lang
    at = app.run()
    assert_clean(at)
    assert at.title[0].value == t("overview.title", lang)
    assert t("kpi.revenue.label", lang) in [m.label for m in at.metric]
    assert at.query_params["lang"] in (lang, [lang])


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_the_language_survives_a_page_switch(app, lang):
    at = app.run()
    at.selectbox(key="lang").set_value(lang).run()
    at.switch_page("pages/1_orientation.py").run()
    assert_clean(at)
    assert at.title[0].value == t("step.orientation.title", lang)


def test_an_unknown_language_in_the_link_falls_back_to_english(app):
    app.query_params["lang"] = "xx"
    at = app.run()
    assert_clean(at)
    assert at.title[0].value == t("overview.title", "en")
    assert "lang" not in at.query_params


def test_an_unknown_language_in_the_link_is_named_in_a_notice(app):
    app.query_params["lang"] = "<b>xx</b>"
    at = app.run()
    assert_clean(at)
    notices = [w.value for w in at.warning]
    assert any("xx" in n and "<b>" not in n for n in notices), notices


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_axis_numbers_are_written_out_not_with_english_suffixes(app, lang):
    app.query_params["lang"] = lang
    at = app.run()
    assert_clean(at)
    revenue = chart_specs(at)[0]  # revenue by month: amounts in the billions
    assert revenue["layout"]["yaxis"]["exponentformat"] == "none"
    english = app.__class__.from_file(app._script_path, default_timeout=60).run()
    assert "exponentformat" not in chart_specs(english)[0]["layout"]["yaxis"]


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_the_period_picker_writes_dates_the_language_way(app, lang):
    app.query_params["lang"] = lang
    at = app.run()
    assert_clean(at)
    assert at.date_input(key="scope_period").proto.format == "DD.MM.YYYY"
