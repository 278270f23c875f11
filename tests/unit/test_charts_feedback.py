"""Step 6 feedback figures: the NPS trend and the period's split."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from cxdash.charts import insights_views as views
from cxdash.charts.feedback import GROUP_COLORS, nps_split, nps_trend
from cxdash.charts.palette import BAD, GOOD
from cxdash.i18n import t

GROUPS = {"promoters": "Promoters", "passives": "Passives", "detractors": "Detractors"}

MONTHLY = pd.DataFrame(
    {
        "month": pd.to_datetime(["2024-05-01", "2024-06-01"]),
        "promoters": [0, 3],
        "passives": [0, 1],
        "detractors": [0, 1],
        "responses": [0, 5],
        "promoters_share": [np.nan, 60.0],
        "passives_share": [np.nan, 20.0],
        "detractors_share": [np.nan, 20.0],
        "nps": [np.nan, 40.0],
    }
)


def test_nps_trend_stacks_the_split_and_draws_nps_on_its_own_axis():
    fig = nps_trend(
        MONTHLY,
        title="NPS by month",
        group_labels=GROUPS,
        share_label="Share (%)",
        nps_label="NPS",
        responses_label="Responses",
    )
    bars = [tr for tr in fig.data if isinstance(tr, go.Bar)]
    line = [tr for tr in fig.data if isinstance(tr, go.Scatter)]
    assert [b.name for b in bars] == ["Promoters", "Passives", "Detractors"]
    assert [b.marker.color for b in bars] == [GOOD, GROUP_COLORS["passives"], BAD]
    assert list(bars[0].y)[1] == 60.0 and np.isnan(list(bars[0].y)[0])
    assert len(line) == 1 and line[0].yaxis == "y2" and list(line[0].y)[1] == 40.0
    assert fig.layout.barmode == "stack" and fig.layout.title.text == "NPS by month"
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert tuple(fig.layout.yaxis2.range) == (-100, 100)
    assert all(tr.hovertemplate for tr in fig.data)


SPLIT = pd.DataFrame(
    {
        "group": ["promoters", "passives", "detractors"],
        "responses": [6, 2, 2],
        "share": [60.0, 20.0, 20.0],
        "nps": [40.0] * 3,
    }
)


def test_nps_split_is_a_ring_with_the_score_inside():
    fig = nps_split(
        SPLIT,
        title="Split",
        group_labels=GROUPS,
        nps_label="NPS",
        responses_label="Responses",
        no_data="no data",
    )
    ring = fig.data[0]
    assert isinstance(ring, go.Pie) and ring.hole > 0
    assert list(ring.values) == [6, 2, 2] and list(ring.labels) == list(GROUPS.values())
    assert list(ring.marker.colors) == [GOOD, GROUP_COLORS["passives"], BAD]
    assert fig.layout.annotations[0].text == "<b>+40</b><br>NPS"


def test_nps_split_without_responses_says_no_data():
    empty = SPLIT.assign(responses=0, share=np.nan, nps=np.nan)
    fig = nps_split(
        empty, title="Split", group_labels=GROUPS, nps_label="NPS", responses_label="R", no_data="–"
    )
    assert fig.layout.annotations[0].text.startswith("<b>–</b>")


def test_feedback_views_use_the_catalog_texts():
    fig, caption = views.nps_trend(MONTHLY, "en")
    assert fig.layout.title.text == t("insights.nps.title") and caption
    fig, caption = views.nps_split(SPLIT, "en")
    assert caption == t("insights.nps.split_caption", responses="10")
    assert views.group_label("detractors", "en") == t("insights.nps.detractors")
    found = pd.DataFrame({"comment": ["a", "b"], "matches": [7, 7]})
    assert views.comments_caption(found, "en") == t("insights.comments.found", matches="7", shown=2)
    assert views.comments_caption(found.iloc[:0], "en") == t("insights.comments.none")


def test_feedback_views_without_responses_draw_nothing():
    fig, caption = views.nps_trend(MONTHLY.iloc[:1], "en")
    assert fig is None and caption == t("insights.nps.empty")
    fig, caption = views.nps_split(SPLIT.assign(responses=0), "en")
    assert fig is None and caption == t("insights.nps.split_empty")
