"""Text from the data shown inside figures."""

from __future__ import annotations

from collections.abc import Mapping


def plain(text: object) -> str:
    """Data text (a campaign, trend or team name) shown exactly as typed.

    Plotly reads a few HTML tags in labels, titles and hover text (``<b>``,
    ``<a href>``, ``<br>``); escaping keeps a name like ``<a href=...>`` as text.
    Every string from the data that reaches a figure (tick labels of category
    axes, legend names, text, hover text and custom data) passes through here.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def named(labels: Mapping, key: object) -> str:
    """The page's word for ``key`` (catalog text, kept as is), else ``key`` itself as data text.

    For values a team or a data file may spell its own way (a status, a
    lifecycle, a role): known ones read in the reader's language, any other
    shows exactly as typed.
    """
    return labels[key] if key in labels else plain(key)
