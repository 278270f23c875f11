"""Files people download: CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import pandas as pd

# A text cell starting with one of these is read as a formula by spreadsheet
# programs (CSV injection); a leading apostrophe makes it plain text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _neutralise(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads Cyrillic and Uzbek right) of ``frame``.

    Text cells that a spreadsheet would run as a formula are neutralised; numbers
    are written as numbers.
    """
    clean = frame.copy()
    for column in clean.columns:
        if clean[column].dtype == object or pd.api.types.is_string_dtype(clean[column]):
            clean[column] = clean[column].map(_neutralise)
    clean.columns = [_neutralise(str(c)) for c in clean.columns]
    return clean.to_csv(index=False).encode("utf-8-sig")
