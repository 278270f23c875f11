import pandas as pd
import pytest

from cxdash import artefacts
from cxdash.evidence import technology

STACK = [
    # system, category, steps, touchpoints, owner, annual_cost, fit, lifecycle
    ("ERP", "ERP", "3,7", "store,web", "CIO", 250.0, 2, "legacy"),
    ("CRM", "CRM", "2, 3;6", "phone, Email", "Sales", 120.0, 2, "retire"),
    ("App", "Commerce", "2,6,7", "mobile_app", "E-com", 1200.0, 4, "current"),
    ("Bot", "Commerce", "6", "social", "E-com", 90.0, 4, None),
    ("Desk", "Service", "3,6,8,9,x", "chat,phone", "CS", 420.0, 5, "current"),
    ("Sheet", "Analytics", "", "", "Data", None, 1, "retire"),
]


def _saved(con, rows=STACK):
    columns = [
        "system",
        "category",
        "steps",
        "touchpoints",
        "owner",
        "annual_cost",
        "fit",
        "lifecycle",
    ]
    result = artefacts.save(con, "tech_stack", pd.DataFrame(rows, columns=columns))
    assert result is None or result.ok, result and result.report()
    return artefacts.read(con, "tech_stack")


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("3,6", (3, 6)),
        (" 6 , 3,3 ", (3, 6)),
        ("1;2/8 7", (1, 2, 7, 8)),
        ("0,9,x,4.5,-2", ()),
        ("", ()),
        (None, ()),
        (float("nan"), ()),
    ],
)
def test_parse_steps(text, steps):
    assert technology.parse_steps(text) == steps


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("web,store", ("web", "store")),
        (" Web ; store,web,, ", ("web", "store")),
        ("mobile_app", ("mobile_app",)),
        ("", ()),
        (None, ()),
    ],
)
def test_parse_touchpoints(text, channels):
    assert technology.parse_touchpoints(text) == channels


def test_step_coverage_is_the_full_matrix_of_steps_and_systems(con):
    frame = technology.step_coverage(_saved(con))
    assert list(frame.columns) == ["step", "system", "lifecycle", "fit", "covered"]
    assert len(frame) == 8 * len(STACK)
    covered = frame[frame["covered"]]
    by_step = covered.groupby("step")["system"].apply(sorted).to_dict()
    assert by_step == {
        2: ["App", "CRM"],
        3: ["CRM", "Desk", "ERP"],
        6: ["App", "Bot", "CRM", "Desk"],
        7: ["App", "ERP"],
        8: ["Desk"],
    }
    bot = covered[covered["system"] == "Bot"].iloc[0]
    assert bot["lifecycle"] == "" and bot["fit"] == 4.0


def test_touchpoint_coverage_counts_systems_and_shows_unserved_channels(con):
    frame = technology.touchpoint_coverage(_saved(con), ("web", "phone", "email", "sms"))
    assert list(frame.columns) == ["channel", "lifecycle", "systems", "names"]
    # The app's channel order (web, mobile_app, store, social, email, chat, phone), then others.
    assert list(dict.fromkeys(frame["channel"])) == [
        "web",
        "mobile_app",
        "store",
        "social",
        "email",
        "chat",
        "phone",
        "sms",
    ]
    phone = frame[frame["channel"] == "phone"].set_index("lifecycle")
    assert phone["systems"].to_dict() == {"current": 1, "retire": 1}
    assert phone.loc["current", "names"] == "Desk"
    sms = frame[frame["channel"] == "sms"]
    assert sms["systems"].tolist() == [0] and sms["lifecycle"].tolist() == [""]


def test_cost_fit_places_systems_in_quadrants_around_the_median(con):
    frame = technology.cost_fit(_saved(con))
    # Sheet has no cost: left out. Median of 250, 120, 1200, 90, 420 is 250.
    assert sorted(frame["system"]) == ["App", "Bot", "CRM", "Desk", "ERP"]
    assert frame["cost_median"].unique().tolist() == [250.0]
    quadrants = dict(zip(frame["system"], frame["quadrant"], strict=True))
    assert quadrants == {
        "ERP": "replace",  # at the median counts as cheap
        "CRM": "replace",
        "App": "review_cost",
        "Bot": "keep",
        "Desk": "review_cost",
    }
    assert technology.left_out(_saved(con)) == ["Sheet"]


def test_cost_fit_rethinks_costly_poor_fits(con):
    rows = [
        ("Old", "", "", "", "", 900.0, 1, "legacy"),
        ("New", "", "", "", "", 100.0, 3, "current"),
    ]
    frame = technology.cost_fit(_saved(con, rows)).set_index("system")
    assert frame.loc["Old", "quadrant"] == "rethink"  # fit 1, above the median of 500
    assert frame.loc["New", "quadrant"] == "keep"  # fit 3 is on the good side of the line


def test_technology_evidence_of_an_empty_inventory(con):
    saved = artefacts.read(con, "tech_stack")
    assert technology.step_coverage(saved).empty
    assert technology.touchpoint_coverage(saved).empty
    gaps = technology.touchpoint_coverage(saved, ("web",))
    assert gaps[["channel", "systems"]].values.tolist() == [["web", 0]]
    placed = technology.cost_fit(saved)
    assert placed.empty and "quadrant" in placed.columns
    assert technology.left_out(saved) == []
