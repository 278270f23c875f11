"""The insight log as a readable list and its owner counts."""

import re

import pandas as pd

from cxdash.evidence.insight_log import as_markdown, owner_counts, worth_a_chart
from cxdash.markdown import md_escape

LABELS = {"evidence": "Evidence", "action": "Action", "owner": "Owner", "missing": "not set"}


def _log(rows):
    return pd.DataFrame(rows, columns=["insight", "evidence", "action", "owner"])


def test_as_markdown_lists_every_insight_with_its_fields():
    text = as_markdown(
        _log(
            [
                ("Chat is fastest", "Median minutes", "Chat first", "CX Lead"),
                ("Returns hurt", None, "", None),
            ]
        ),
        **LABELS,
    )
    lines = text.splitlines()
    assert lines[0].startswith("1. **Chat is fastest** · Owner: CX Lead")
    assert lines[1].strip() == "Evidence: Median minutes"
    assert lines[3].startswith("2. **Returns hurt** · Owner: *not set*")
    assert "Action: *not set*" in lines[5]


def test_as_markdown_shows_team_text_as_typed_never_as_markup():
    typed = "<img src=x onerror=alert(1)> [link](http://x) **bold** $x$"
    text = as_markdown(_log([(typed, "a\nb", "-", "#1")]), **LABELS)
    # Every markup character is backslash-escaped, so Markdown shows it as a character.
    assert not re.search(r"(?<!\\)[<>\[\]()$]", text.replace("**", ""))
    assert "\\<img" in text and "\\[link\\]\\(http\\:" in text and "\\*\\*bold" in text
    assert md_escape("[link](http://x)") in text  # the one Markdown escape of the app
    assert "Evidence: a b" in text  # a line break in a cell does not break the list


def test_escape_markdown_keeps_plain_text():
    assert md_escape("Oʻzbekiston, доставка") == "Oʻzbekiston, доставка"


def test_owner_counts_split_by_action():
    counts = owner_counts(
        _log(
            [
                ("a", None, "do", "CMO"),
                ("b", None, None, "CMO"),
                ("c", None, "do", " "),
                ("d", None, "do", "CX Lead"),
            ]
        ),
        "No owner",
    )
    assert counts.to_dict("records") == [
        {"owner": "CMO", "insights": 2, "with_action": 1, "without_action": 1},
        {"owner": "CX Lead", "insights": 1, "with_action": 1, "without_action": 0},
        {"owner": "No owner", "insights": 1, "with_action": 1, "without_action": 0},
    ]
    assert worth_a_chart(counts, "No owner")


def test_a_chart_of_one_insight_per_owner_says_nothing():
    counts = owner_counts(_log([("a", "e", "do", "CMO"), ("b", "e", "do", "CX Lead")]), "-")
    assert not worth_a_chart(counts, "-")
    assert not worth_a_chart(owner_counts(_log([]), "-"), "-")
    assert owner_counts(_log([]), "-").empty
