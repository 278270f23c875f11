import datetime as dt
import math

import pandas as pd
import pytest

from cxdash.formatting import (
    compact,
    currency_symbol,
    format_change,
    format_date,
    format_period,
    format_value,
    plotly_locale,
    plotly_separators,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (0, "en", "0"),
        (999, "en", "999"),
        (12.5, "en", "12.50"),
        (1234, "en", "1.2K"),
        (3_400_000, "en", "3.4M"),
        (-2_500_000_000, "en", "-2.5B"),
        # Rounding inside a unit moves to the next one instead of showing "1000K".
        (999_999, "en", "1M"),
        (1234, "uz", f"1,2{NBSP}ming"),
        (1_234_567, "uz", f"1,2{NBSP}mln"),
        (3_400_000_000, "uz", f"3,4{NBSP}mlrd"),
        (1234, "ru", f"1,2{NBSP}тыс."),
        (1_234_567, "ru", f"1,2{NBSP}млн"),
        (-2_500_000_000, "ru", f"-2,5{NBSP}млрд"),
        (12.5, "ru", "12,50"),
    ],
)
def test_compact(value, lang, expected):
    assert compact(value, lang=lang) == expected


def test_compact_keeps_english_when_no_language_is_given():
    assert compact(1234) == "1.2K"


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_huge_amounts_stay_in_the_largest_unit(lang):
    text = compact(4.2e16, lang=lang)
    assert text.startswith("42")
    assert {"en": "T", "uz": "trln", "ru": "трлн"}[lang] in text


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (None, "percent", "en", "no data"),
        (math.nan, "count", "uz", "no data"),
        (pd.NA, "currency", "ru", "no data"),
        (0, "count", "ru", "0"),
        (1234567, "count", "en", "1,234,567"),
        (1234567, "count", "uz", f"1{NBSP}234{NBSP}567"),
        (1234567, "count", "ru", f"1{NBSP}234{NBSP}567"),
        (42.345, "percent", "en", "42.3%"),
        (42.345, "percent", "uz", "42,3%"),
        (42.345, "percent", "ru", f"42,3{NBSP}%"),
        (-7.25, "percent", "ru", f"-7,2{NBSP}%"),
        (3.456, "ratio", "en", "3.46×"),
        (3.456, "ratio", "ru", "3,46×"),
        (5.25, "hours", "en", "5.2 hr"),
        (5.25, "hours", "uz", "5,2 soat"),
        (5.25, "hours", "ru", "5,2 ч"),
        (-12.34, "score", "uz", "-12,3"),
    ],
)
def test_format_value(value, unit, lang, expected):
    assert format_value(value, unit, currency="UZS", no_data="no data", lang=lang) == expected


@pytest.mark.parametrize(
    ("value", "currency", "lang", "expected"),
    [
        (1_500_000, "UZS", "en", "1.5M UZS"),
        (1_500_000, "UZS", "uz", f"1,5{NBSP}mln{NBSP}soʻm"),
        (1_500_000, "UZS", "ru", f"1,5{NBSP}млн{NBSP}сум"),
        (1_500_000, "RUB", "en", "1.5M RUB"),
        (1_500_000, "RUB", "ru", f"1,5{NBSP}млн{NBSP}₽"),
        (45.5, "USD", "en", "$45.50"),
        (45.5, "USD", "uz", f"45,50{NBSP}$"),
        (45.5, "USD", "ru", f"45,50{NBSP}$"),
        (-3200, "EUR", "en", "-€3.2K"),
        (-3200, "EUR", "ru", f"-3,2{NBSP}тыс.{NBSP}€"),
        (0, "EUR", "uz", f"0{NBSP}€"),
        (2_500_000, "", "en", "2.5M"),
    ],
)
def test_amounts_carry_the_currency_where_the_language_puts_it(value, currency, lang, expected):
    assert format_value(value, "currency", currency=currency, no_data="-", lang=lang) == expected


def test_currency_symbols_per_language():
    assert currency_symbol("uzs", lang="uz") == "soʻm"  # U+02BB, as Uzbek Latin writes it
    assert currency_symbol("UZS", lang="ru") == "сум"
    assert currency_symbol("UZS", lang="en") == "UZS"
    assert currency_symbol("RUB", lang="ru") == "₽"
    assert currency_symbol("EUR", lang="uz") == "€"


def test_an_unknown_language_falls_back_to_english():
    assert format_value(1234567, "count", no_data="-", lang="xx") == "1,234,567"


@pytest.mark.parametrize(
    ("current", "previous", "unit", "lang", "expected"),
    [
        (110, 100, "count", "en", "+10.0%"),
        (90, 100, "currency", "en", "-10.0%"),
        (110, 100, "count", "ru", f"+10,0{NBSP}%"),
        (90, 100, "currency", "uz", "-10,0%"),
        (100, 100, "count", "en", "+0.0%"),
        (45.0, 40.0, "percent", "en", f"+5.0{NBSP}pt"),
        (40.0, 45.5, "score", "uz", f"-5,5{NBSP}f.p."),
        (45.0, 40.0, "percent", "ru", f"+5,0{NBSP}п.{NBSP}п."),
        (5, 0, "count", "en", None),
        (None, 3, "count", "ru", None),
        (3, math.nan, "count", "uz", None),
    ],
)
def test_format_change(current, previous, unit, lang, expected):
    assert format_change(current, previous, unit, lang=lang) == expected


def test_format_change_keeps_its_english_default():
    assert format_change(110, 100, "count") == "+10.0%"


def test_dates_read_in_the_language():
    day = dt.date(2026, 9, 1)
    assert format_date(day, lang="en") == "September 1, 2026"
    assert format_date(day, lang="uz") == "1-sentabr, 2026"
    assert format_date(day, lang="ru") == "1 сентября 2026\u202fг."


@pytest.mark.parametrize(
    ("start", "end", "lang", "expected"),
    [
        (dt.date(2026, 9, 1), dt.date(2026, 11, 30), "en", "Sep 1\u2009–\u2009Nov 30, 2026"),
        (dt.date(2026, 9, 1), dt.date(2026, 11, 30), "uz", "1-sentabr – 30-noyabr, 2026"),
        (
            dt.date(2025, 12, 1),
            dt.date(2026, 2, 28),
            "uz",
            "1-dekabr, 2025 – 28-fevral, 2026",
        ),
        (dt.date(2026, 9, 1), dt.date(2026, 11, 30), "ru", "1 сент. – 30 нояб. 2026\u202fг."),
        (dt.date(2026, 9, 1), dt.date(2026, 9, 1), "uz", "1-sentabr, 2026"),
    ],
)
def test_period_captions(start, end, lang, expected):
    assert format_period(start, end, lang=lang) == expected


def test_plotly_separators_follow_the_language():
    assert plotly_separators("en") == ".,"
    assert plotly_separators("uz") == f",{NBSP}"
    assert plotly_separators("ru") == f",{NBSP}"


def test_plotly_locale_names_months_and_days_in_the_language():
    russian = plotly_locale("ru")["format"]
    assert len(russian["months"]) == 12 and russian["months"][8] == "сентябрь"
    assert russian["shortDays"][0] == "вс"  # Plotly's week starts on Sunday
    uzbek = plotly_locale("uz")["format"]
    assert uzbek["months"][0] == "Yanvar"
    assert uzbek["decimal"] == ","


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_infinity_is_no_data_rather_than_an_error(value):
    assert format_value(value, "currency", currency="UZS", no_data="-", lang="ru") == "-"
    assert format_change(value, 3, "count", lang="uz") is None


@pytest.mark.parametrize("unit", ["count", "percent", "hours", "score"])
def test_a_value_that_rounds_to_zero_has_no_minus(unit):
    text = format_value(-0.001, unit, no_data="-", lang="ru")
    assert not text.startswith("-"), text
    assert format_change(40.0, 40.04, "percent") == "+0.0\u00a0pt"


def test_numpy_numbers_format_like_python_ones():
    import numpy as np

    assert format_value(np.int64(1234567), "count", no_data="-", lang="uz") == "1\u00a0234\u00a0567"
    assert format_value(np.float64(42.345), "percent", no_data="-", lang="en") == "42.3%"
