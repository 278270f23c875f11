"""The insight log artefact (insight, evidence, action, owner) as a reader sees it.

Works on the saved rows the artefact editor returns; no database access.
"""

from __future__ import annotations

import pandas as pd

# Team text is shown as typed: the app's one Markdown escape (pure Python, no Streamlit).
from cxdash.markdown import md_escape


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def as_markdown(
    saved: pd.DataFrame, *, evidence: str, action: str, owner: str, missing: str
) -> str:
    """The log as a numbered Markdown list, one item of three lines per insight.

    The insight in bold with its owner, then the evidence, then the action.
    ``evidence``, ``action`` and ``owner`` are the field labels; ``missing`` is
    shown for an empty field. Every value is escaped, so nothing a team types
    becomes a link, HTML or formatting. Empty log: an empty string.
    """

    def field(row, column: str) -> str:
        value = _text(getattr(row, column, None))
        return md_escape(value) if value else f"*{md_escape(missing)}*"

    items = []
    for number, row in enumerate(saved.itertuples(index=False), start=1):
        items.append(
            f"{number}. **{md_escape(_text(row.insight))}** · "
            f"{md_escape(owner)}: {field(row, 'owner')}  \n"
            f"   {md_escape(evidence)}: {field(row, 'evidence')}  \n"
            f"   {md_escape(action)}: {field(row, 'action')}"
        )
    return "\n".join(items)


def owner_counts(saved: pd.DataFrame, no_owner: str) -> pd.DataFrame:
    """Insights per owner, with and without an action; most insights first.

    Columns: ``owner`` (``no_owner`` for rows without one), ``insights``,
    ``with_action``, ``without_action``. Empty log: no rows.
    """
    columns = ["owner", "insights", "with_action", "without_action"]
    if saved.empty:
        return pd.DataFrame(columns=columns)
    owners = saved["owner"].map(_text).replace("", no_owner)
    has_action = saved["action"].map(_text) != ""
    frame = (
        pd.DataFrame({"owner": owners, "with_action": has_action, "without_action": ~has_action})
        .groupby("owner", as_index=False)
        .sum()
    )
    frame["insights"] = frame["with_action"] + frame["without_action"]
    frame = frame.sort_values(["insights", "owner"], ascending=[False, True])
    return frame[columns].reset_index(drop=True).astype(dict.fromkeys(columns[1:], "int64"))


def worth_a_chart(counts: pd.DataFrame, no_owner: str) -> bool:
    """True when the owner chart says something: an owner carries several insights,
    an insight has no owner, or one has no action yet."""
    if counts.empty:
        return False
    return bool(
        (counts["insights"] > 1).any()
        or (counts["owner"] == no_owner).any()
        or (counts["without_action"] > 0).any()
    )
