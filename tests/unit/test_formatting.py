import math

import pytest

from cxdash.formatting import compact, format_change, format_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [(999, "999"), (1234, "1.2K"), (3_400_000, "3.4M"), (-2_500_000_000, "-2.5B"), (12.5, "12.50")],
)
def test_compact(value, expected):
    assert compact(value) == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, "percent", "no data"),
        (math.nan, "count", "no data"),
        (1234567, "count", "1,234,567"),
        (42.345, "percent", "42.3%"),
        (3.456, "ratio", "3.46×"),
        (5.25, "hours", "5.2 h"),
        (1_500_000, "currency", "1.5M UZS"),
    ],
)
def test_format_value(value, unit, expected):
    assert format_value(value, unit, currency="UZS", no_data="no data") == expected


@pytest.mark.parametrize(
    ("current", "previous", "unit", "expected"),
    [
        (110, 100, "count", "+10.0%"),
        (90, 100, "currency", "-10.0%"),
        (45.0, 40.0, "percent", "+5.0 pt"),
        (5, 0, "count", None),
        (None, 3, "count", None),
        (3, None, "count", None),
    ],
)
def test_format_change(current, previous, unit, expected):
    assert format_change(current, previous, unit) == expected
