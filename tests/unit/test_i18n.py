import json
import re
from pathlib import Path

import pytest

from cxdash import i18n
from cxdash.opposite import STEPS

ROOT = Path(__file__).resolve().parents[2]


def test_every_language_has_exactly_the_english_keys():
    english = set(i18n.catalog("en"))
    for language in i18n.languages():
        assert set(i18n.catalog(language)) == english, language


def test_a_missing_key_fails_rather_than_falling_back():
    with pytest.raises(KeyError):
        i18n.t("no.such.key")


def test_placeholders_are_filled():
    assert i18n.t("filters.compared_with", "en", period="P") == "Compared with P"


def test_every_step_has_its_texts():
    for step in STEPS:
        for part in ("title", "purpose", "artefact", "maturity"):
            assert i18n.t(step.text_key(part))
        assert all(i18n.t(k) for k in step.question_keys())


def test_every_key_used_in_the_code_exists():
    used = set()
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("cxdash/**/*.py")]:
        used |= set(re.findall(r"""\btr\(\s*["']([a-z0-9_.]+)["']\s*[,)]""", path.read_text()))
    missing = used - set(i18n.catalog("en"))
    assert not missing


def test_catalog_files_are_flat_string_maps():
    for path in (ROOT / "cxdash" / "i18n").glob("*/*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all(isinstance(v, str) for v in data.values()), path
