"""Text from users and data, made safe for the Streamlit calls that read Markdown.

``st.markdown``, ``st.caption``, ``st.info``/``st.warning``, widget labels and
the like read their text as Markdown with Streamlit's additions (``:red[...]``
colours, ``:material/...:`` icons, emoji short codes, ``$`` maths). A trend,
note, owner or value from a link is shown through :func:`md_escape`, so it
reads exactly as typed and never becomes a link, an image or formatting.
Streamlit never renders raw HTML here (``unsafe_allow_html`` is not used).

Pure Python, no Streamlit import: library code that builds Markdown (the
insight log) uses it too. Figures escape with :func:`cxdash.charts.text.plain`.
"""

from __future__ import annotations

import re

# Every character CommonMark or GitHub's extensions can read as syntax (emphasis,
# links, images, code, headings, lists, quotes, tables, strike-through, HTML,
# entities, bare links through ``@ . : /``), plus ``:`` (directives, icons),
# ``$`` (maths) and ``=`` (a heading underline). CommonMark shows any
# backslash-escaped punctuation as the character itself.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&/=@])")
# Streamlit swaps ``:material/name:``, ``:streamlit:`` and emoji short codes in
# the text after Markdown has been read, escapes and all. An invisible word
# joiner after each colon keeps those patterns from matching.
_WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """``text`` for a Markdown string: every special character backslash-escaped.

    Runs of whitespace, line breaks included, become one space, so the text
    stays inside the line, list item or card it is put in (a newline could
    start a heading, a list or a table). ``None`` is shown as an empty string.
    """
    if text is None:
        return ""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat).replace(":", ":" + _WORD_JOINER)
