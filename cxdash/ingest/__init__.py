"""CSV ingest: load a file into a dataset of the data model, all or nothing.

    from cxdash.ingest import LoadOptions, load_file
    result = load_file(con, "orders.csv", "orders", LoadOptions(mode="upsert"))
    print(result.summary() if result.ok else result.report())

The pipeline, one module per stage:

    detect    detect.py    encoding / BOM, delimiter, header, from the first bytes
              encoding.py  UTF-8 or the likeliest code page; UTF-8 copy for DuckDB
              formats.py   decimal separator, date format (from the sample)
    map       mapping.py   header texts -> canonical columns (synonyms.py), dataset guess
    validate  stage.py     DuckDB read_csv -> staging table (VARCHAR), malformed lines set aside
              rules.py     typed conversions and row rules, as SQL
              validate.py  every problem, set-based: one scan for all row rules, keys, RACI
    stage     pipeline.py  the counts the load would produce (dry_run stops here)
    commit    commit.py    one transaction: undo backup, rows, load_history, data version
              direct.py    an append into an empty table: the file straight in, one pass
              history.py   the load history; undo of the last load of a dataset

Pages and the CLI only present the ``LoadResult``.
"""

from cxdash.ingest.history import UndoResult, history, undo_last, undoable
from cxdash.ingest.mapping import guess_dataset
from cxdash.ingest.options import MODES, LoadOptions
from cxdash.ingest.pipeline import Inspection, inspect, load_bytes, load_file, spool
from cxdash.ingest.result import ERROR, WARNING, Detected, Issue, LoadResult

__all__ = [
    "ERROR",
    "MODES",
    "WARNING",
    "Detected",
    "Inspection",
    "Issue",
    "LoadOptions",
    "LoadResult",
    "UndoResult",
    "guess_dataset",
    "history",
    "inspect",
    "load_bytes",
    "load_file",
    "spool",
    "undo_last",
    "undoable",
]
