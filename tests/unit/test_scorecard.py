import pytest

from cxdash.scorecard import AT_RISK, OFF_TARGET, ON_TARGET, target_status


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (100, 100, "higher", ON_TARGET),
        (96, 100, "higher", AT_RISK),
        (94, 100, "higher", OFF_TARGET),
        (20, 24, "lower", ON_TARGET),
        (25, 24, "lower", AT_RISK),
        (30, 24, "lower", OFF_TARGET),
        (None, 24, "lower", None),
        (30, None, "lower", None),
    ],
)
def test_target_status(value, target, direction, expected):
    assert target_status(value, target, direction) == expected
