"""The reader's language: from the link, kept in the URL, applied to every word on screen."""

from __future__ import annotations

import pytest

from cxdash.i18n import languages, t
from tests.app.conftest import assert_clean

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
