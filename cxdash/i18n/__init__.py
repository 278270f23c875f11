"""The translation catalog: every user-facing string, by key and language.

Each language is a folder of JSON files (one per area of the product, merged
on load); every language must carry exactly the keys English has. A missing
key raises rather than falling back, so a gap shows up in tests, not on screen.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent
DEFAULT_LANGUAGE = "en"


@cache
def languages() -> tuple[str, ...]:
    """Languages with a catalog folder, English first."""
    found = sorted(p.name for p in _HERE.iterdir() if p.is_dir() and not p.name.startswith("_"))
    return tuple(sorted(found, key=lambda code: code != DEFAULT_LANGUAGE))


@cache
def catalog(language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """All keys of one language, merged from its files; a key defined twice is an error."""
    folder = _HERE / language
    if not folder.is_dir():
        raise KeyError(f"no catalog for language {language!r}")
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"{path.name}: key {key!r} is defined twice in {language}")
            merged[key] = text
    return merged


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """The text for ``key`` in ``language``, with ``{name}`` placeholders filled."""
    text = catalog(language)[key]
    return text.format(**values) if values else text
