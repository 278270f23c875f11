import io

import pandas as pd
import pytest

from cxdash.export import safe_csv


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("cell", ["=1+2", "+998901234567", "-2+3", "@SUM(A1)", "\t=1"])
def test_formula_cells_are_neutralised(cell):
    out = _read(safe_csv(pd.DataFrame({"comment": [cell]})))
    assert out["comment"][0] == "'" + cell


def test_plain_text_numbers_and_unicode_pass_unchanged():
    frame = pd.DataFrame({"comment": ["Oʻzbekiston — zoʻr", "Отлично"], "amount": [-5.5, 12.0]})
    out = _read(safe_csv(frame))
    assert list(out["comment"]) == ["Oʻzbekiston — zoʻr", "Отлично"]
    assert list(out["amount"]) == ["-5.5", "12.0"]


def test_a_formula_in_a_header_is_neutralised():
    out = _read(safe_csv(pd.DataFrame({"=cmd": ["x"]})))
    assert list(out.columns) == ["'=cmd"]
