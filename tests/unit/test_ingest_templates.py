"""Templates and the data dictionary: one for every dataset, every word in the catalog."""

from __future__ import annotations

import pytest

from cxdash import i18n
from cxdash.ingest import LoadOptions, load_bytes
from cxdash.ingest.options import MODES, PROGRESS_STAGES
from cxdash.ingest.templates import dictionary, template_columns, template_csv
from cxdash.schema import DATASETS
from cxdash.ui.data_loading import _HISTORY_COLUMNS


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_template_is_a_header_that_loads(con, name):
    data = template_csv(name)
    assert data.decode().strip().split(",") == list(template_columns(DATASETS[name]))
    result = load_bytes(con, data, f"{name}.csv", name, LoadOptions())
    assert result.ok, result.report()
    assert result.report() == f"{name}.csv: the file has no data rows; nothing to add"


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_dataset_has_a_dictionary(name):
    rows = dictionary(name)
    assert [r["column"] for r in rows] == list(template_columns(DATASETS[name]))
    assert all(r["description"] and r["type"] for r in rows)
    assert i18n.t(f"dictionary.{name}")


def test_dictionary_rules_in_words():
    by_column = {r["column"]: r for r in dictionary("surveys")}
    assert by_column["response_id"]["rules"] == "key: unique"
    assert by_column["nps"]["rules"] == "0 to 10"
    assert by_column["nps"]["type"] == "whole number"
    campaigns = {r["column"]: r for r in dictionary("campaigns")}
    assert campaigns["end_date"]["rules"] == "not before start_date"
    assert campaigns["spend"]["required"] == "required"
    raci = {r["column"]: r for r in dictionary("raci")}
    assert raci["role"]["rules"] == (
        "one of: R, A, S, C, I; per activity exactly one A and at least one R"
    )
    assert raci["activity"]["rules"] == "part of the key (activity + team): unique together"
    assert {r["column"]: r for r in dictionary("trends")}["trend"]["rules"] == "key: unique"


def test_every_key_the_data_screen_builds_exists():
    """Keys composed at run time (not caught by the literal-key check in test_i18n)."""
    keys = [f"data.mode.{m}" for m in MODES]
    keys += [f"ingest.progress.{s}" for s in PROGRESS_STAGES]
    keys += [f"data.history.{c}" for c in _HISTORY_COLUMNS]
    keys += [f"data.dictionary.{c}" for c in ("column", "type", "required", "rules", "description")]
    keys += [f"data.delimiter.{d}" for d in ("comma", "semicolon", "tab", "pipe")]
    keys += [f"dictionary.type.{c.type}" for ds in DATASETS.values() for c in ds.columns]
    catalog = i18n.catalog("en")
    assert [k for k in keys if k not in catalog] == []
