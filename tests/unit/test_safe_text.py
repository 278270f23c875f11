"""Text from users and data shown as typed: never as Markdown (pages) or HTML (figures)."""

from __future__ import annotations

import re

import pytest

from cxdash.charts.text import named, plain
from cxdash.markdown import md_escape

HOSTILE = [
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://127.0.0.1:9/x.png)",
    ":red[x]",
    "**bold**",
    ":material/warning: `code` _it_ ~~gone~~ $x$ # h | t | &amp; www.example.com a@b.co",
]
READABLE = ["Oʻzbekiston", "Toshkent viloyati", "доставка курьером", "Ташкент", "Qoʻqon"]

# Markdown reads any ASCII punctuation after a backslash as the character itself.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_WORD_JOINER = "\u2060"


def _as_shown(escaped: str) -> str:
    """What Markdown shows for an md_escape result: escapes and word joiners gone."""
    return _ESCAPED.sub(r"\1", escaped).replace(_WORD_JOINER, "")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_shows_hostile_text_as_typed(text):
    escaped = md_escape(text)
    assert _as_shown(escaped) == text
    # No Markdown or HTML construct survives: each special character is escaped.
    unescaped = _ESCAPED.sub("", escaped)
    assert not re.search(r"[<>\[\]()*_`~$#|!:&/]", unescaped), unescaped
    for construct in ("](", "![", ":red[", "**", ":material/", "javascript:a", "http://"):
        assert construct not in escaped
    assert not re.search(r"(?<!\\)<", escaped)


@pytest.mark.parametrize("text", HOSTILE)
def test_md_escape_breaks_streamlit_short_codes(text):
    # Streamlit swaps :material/...:, :streamlit: and emoji codes after reading the
    # Markdown, escapes resolved: a word joiner after every colon stops the match.
    shown = _ESCAPED.sub(r"\1", md_escape(text))
    assert not re.search(r":[\w/+-]", shown)


@pytest.mark.parametrize("text", READABLE)
def test_md_escape_keeps_uzbek_and_cyrillic_readable(text):
    assert md_escape(text) == text
    assert plain(text) == text


def test_md_escape_keeps_the_text_on_one_line():
    assert md_escape("first line\n# heading?\n\n- item\r\n  1. list") == (
        "first line \\# heading? \\- item 1\\. list"
    )
    assert "\n" not in md_escape("a\nb\u2028c")


def test_md_escape_of_nothing_is_empty():
    assert md_escape(None) == ""
    assert md_escape("   ") == ""


def test_md_escape_breaks_a_heading_underline_and_a_bare_link():
    # After "**Label**  \n" a value starts a line: "===" would make the label a heading.
    assert md_escape("===") == "\\=\\=\\="
    assert "www.example.com" not in md_escape("see www.example.com")
    assert "https://" not in md_escape("https://example.com")


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_leaves_no_tag_for_plotly(text):
    escaped = plain(text)
    assert "<" not in escaped and ">" not in escaped
    assert escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_plain_keeps_an_entity_as_typed():
    assert plain("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_named_uses_the_catalog_word_or_the_escaped_value():
    labels = {"current": "In use", "": "Not set"}
    assert named(labels, "current") == "In use"
    assert named(labels, "") == "Not set"
    assert named(labels, "<b>old</b>") == "&lt;b&gt;old&lt;/b&gt;"
    # Catalog words are the app's own and pass unchanged, markup and all.
    assert named({"k": "<b>Bold</b>"}, "k") == "<b>Bold</b>"
