"""Text from the data shown inside figures."""

from __future__ import annotations


def plain(text: object) -> str:
    """Data text (a campaign, trend or team name) shown exactly as typed.

    Plotly reads a few HTML tags in labels, titles and hover text (``<b>``,
    ``<a href>``, ``<br>``); escaping keeps a name like ``<a href=...>`` as text.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
