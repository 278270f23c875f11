"""Numbers, amounts and dates as a reader of each language writes them.

Babel carries the Unicode CLDR rules (separators, compact units such as
"1,2 mln" / "1,2 млн", currency placement, month names), so the app follows
the language's conventions instead of English ones with translated words.
Every function takes ``lang`` (default English) and never raises on a
missing value: None and NaN become the caller's ``no_data`` text.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache

from babel import Locale, dates, numbers, units

from cxdash import i18n

# Units a KPI can have (see the KPI catalog).
CURRENCY, COUNT, PERCENT, RATIO, HOURS, SCORE = (
    "currency",
    "count",
    "percent",
    "ratio",
    "hours",
    "score",
)

# CLDR's symbol is kept except where readers of the language write the amount
# otherwise: Russian-speaking Uzbekistan writes "сум", Uzbek writes "$".
_SYMBOL_OVERRIDES = {("ru", "UZS"): "сум", ("uz", "USD"): "$"}
# Compact units Babel knows: thousand, million, billion, trillion.
_COMPACT_STEPS = (1e3, 1e6, 1e9, 1e12)


@cache
def _languages() -> tuple[str, ...]:
    return i18n.languages()  # reads the catalog folder: once per process is enough


def _known(lang: str) -> str:
    return lang if lang in _languages() else i18n.DEFAULT_LANGUAGE


def _locale(lang: str) -> Locale:
    return _parse(_known(lang))


@cache
def _parse(lang: str) -> Locale:
    return Locale.parse(lang)


def is_missing(value: float | None) -> bool:
    """None, NaN, pandas' NA and infinity (a ratio without a base) all mean "no data"."""
    if value is None:
        return True
    try:
        return not math.isfinite(value)
    except TypeError:  # pandas.NA refuses float conversion; anything else is a value
        return str(value) in ("<NA>", "NaT")


def _tidy(value: float, decimals: int) -> float:
    # A value that rounds to zero is shown as 0, never as "-0" or "-0.0".
    return 0.0 if round(float(value), decimals) == 0 else value


def number(value: float, *, lang: str = "en", decimals: int = 0) -> str:
    """``value`` with the language's grouping and decimal mark: 1,234.5 / 1 234,5."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return numbers.format_decimal(_tidy(value, decimals), format=pattern, locale=_locale(lang))


def _signed(text_of_size: str, value: float, lang: str, *, plus: bool) -> str:
    locale = _locale(lang)
    if value < 0:
        return numbers.get_minus_sign_symbol(locale) + text_of_size
    return (numbers.get_plus_sign_symbol(locale) if plus else "") + text_of_size


def compact(value: float, *, lang: str = "en") -> str:
    """Short enough for a card: 1234 -> "1.2K" (en), "1,2 ming" (uz), "1,2 тыс." (ru).

    Three significant digits at most (344,400 -> "344K"): the words for
    thousand and million are longer in Uzbek and Russian, and a KPI card has
    room for about nine characters. Below a thousand the number is shown
    whole, or with two decimals when it has a fraction (an average order of 45.50).
    """
    size = abs(value)
    if size < _COMPACT_STEPS[0]:
        text = number(size, lang=lang, decimals=0 if float(size).is_integer() else 2)
        return _signed(text, value, lang, plus=False)
    step = max(s for s in _COMPACT_STEPS if size >= s)
    rounded = _three_digits(size / step)
    # Round within the unit first, so 999,999 reads "1M" rather than "1000K".
    if rounded >= 1000 and step < _COMPACT_STEPS[-1]:
        step *= 1000
        rounded = _three_digits(size / step)
    text = numbers.format_compact_decimal(rounded * step, locale=_locale(lang), fraction_digits=1)
    return _signed(text, value, lang, plus=False)


def _three_digits(units: float) -> float:
    return round(units, 1 if units < 100 else 0)


def currency_symbol(code: str, *, lang: str = "en") -> str:
    """How the language writes the currency: soʻm, сум, UZS; ₽; $; €."""
    code = code.upper()
    override = _SYMBOL_OVERRIDES.get((lang, code))
    if override:
        return override
    return numbers.get_currency_symbol(code, locale=_locale(lang))


def money(value: float, currency: str, *, lang: str = "en") -> str:
    """A compact amount with its currency where the language puts it.

    English writes a sign before the number ($1.2M, €3K) and a code after it
    (1.2M UZS); Uzbek and Russian write both after it (1,2 mln soʻm, 1,2 млн ₽).
    """
    amount = compact(abs(value), lang=lang)
    if not currency:
        return _signed(amount, value, lang, plus=False)
    symbol = currency_symbol(currency, lang=lang)
    pattern = _locale(lang).currency_formats["standard"].pattern
    if pattern.startswith("¤") and not symbol.isalpha():
        text = symbol + amount
    elif pattern.endswith("¤"):
        # The language's own spacing (a no-break space in Uzbek and Russian).
        text = amount + pattern.rstrip("¤")[-1:].replace("0", "") + symbol
    else:
        text = f"{amount} {symbol}"  # a code after the number, as English reports write it
    return _signed(text, value, lang, plus=False)


def percent(value: float, *, lang: str = "en", decimals: int = 1, plus: bool = False) -> str:
    """``value`` already in percent (42.3 -> "42.3%", "42,3 %" in Russian)."""
    locale = _locale(lang)
    base = locale.percent_formats[None].pattern.split(";")[0]
    pattern = base.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)
    value = _tidy(value, decimals)
    text = numbers.format_percent(abs(value) / 100, format=pattern, locale=locale)
    return _signed(text, value, lang, plus=plus)


def hours(value: float, *, lang: str = "en") -> str:
    """Hours with the language's short unit: 5.2 hr, 5,2 soat, 5,2 ч."""
    return units.format_unit(
        _tidy(value, 1), "duration-hour", length="short", format="#,##0.0", locale=_locale(lang)
    )


def format_value(
    value: float | None, unit: str, *, currency: str = "", no_data: str, lang: str = "en"
) -> str:
    """A KPI value for display; ``no_data`` is shown for None or NaN."""
    if is_missing(value):
        return no_data
    if unit == CURRENCY:
        return money(value, currency, lang=lang)
    if unit == COUNT:
        return number(value, lang=lang)
    if unit == PERCENT:
        return percent(value, lang=lang)
    if unit == RATIO:
        return number(value, lang=lang, decimals=2) + "×"
    if unit == HOURS:
        return hours(value, lang=lang)
    return number(value, lang=lang, decimals=1)


def format_change(
    current: float | None, previous: float | None, unit: str, *, lang: str = "en"
) -> str | None:
    """Change against the previous period: points for percentages, else relative %.

    None when either side is missing or a relative change has no base. The
    sign is always written (+0.0% too), so the reader sees the direction.
    """
    if is_missing(current) or is_missing(previous):
        return None
    if unit in (PERCENT, SCORE):
        difference = _tidy(current - previous, 1)
        points = _signed(
            number(abs(difference), lang=lang, decimals=1), difference, lang, plus=True
        )
        return i18n.t("format.points", _known(lang), value=points)
    if previous == 0:
        return None
    return percent((current - previous) / abs(previous) * 100, lang=lang, plus=True)


def format_date(day: dt.date, *, lang: str = "en", length: str = "long") -> str:
    """A day as the language writes it: September 1, 2026 / 1-sentabr, 2026 / 1 сентября 2026 г."""
    return dates.format_date(day, format=length, locale=_locale(lang))


def format_period(start: dt.date, end: dt.date, *, lang: str = "en") -> str:
    """Both ends of a period, sharing what they share: "Sep 1 – Nov 30, 2026".

    Uzbek gets full month names: its abbreviations (sen, noy) read as typos.
    """
    if lang == "uz":
        if start == end:
            return format_date(start, lang=lang)
        first = (
            dates.format_date(start, "d-MMMM", locale=_locale(lang))
            if start.year == end.year
            else format_date(start, lang=lang)
        )
        return f"{first} – {format_date(end, lang=lang)}"
    return dates.format_interval(start, end, "yMMMd", locale=_locale(lang))


def plotly_separators(lang: str = "en") -> str:
    """Plotly's ``layout.separators``: the decimal mark, then the thousands separator."""
    locale = _locale(lang)
    return numbers.get_decimal_symbol(locale) + numbers.get_group_symbol(locale)


def plotly_locale(lang: str = "en") -> dict:
    """Month and day names for Plotly's date axes, from CLDR, so no locale file is fetched."""
    locale = _locale(lang)

    def names(table, width: str, order: range) -> list[str]:
        chosen = table["stand-alone"][width]
        return [str(chosen[i]) for i in order]

    months, days = range(1, 13), (6, 0, 1, 2, 3, 4, 5)  # Plotly's weeks start on Sunday
    return {
        "format": {
            "months": names(locale.months, "wide", months),
            "shortMonths": names(locale.months, "abbreviated", months),
            "days": [str(locale.days["stand-alone"]["wide"][i]) for i in days],
            "shortDays": [str(locale.days["stand-alone"]["abbreviated"][i]) for i in days],
            "decimal": numbers.get_decimal_symbol(locale),
            "thousands": numbers.get_group_symbol(locale),
        }
    }
