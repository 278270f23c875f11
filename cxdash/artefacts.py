"""Workshop artefacts (trend radar, barrier register, RASCI, ...) read and saved as tables.

Saving goes through the same ingest pipeline as a CSV load, so an edit in the
app obeys exactly the rules a file does (ranges, vocabularies, dates in order,
one A and at least one R per RASCI activity), gets the same row-by-row
messages, and is recorded in the load history.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cxdash import store
from cxdash.ingest import LoadOptions, LoadResult, load_bytes
from cxdash.schema import DATE, DEFAULT_WORKSHOP, INTEGER, Dataset, dataset

_WORKSHOP_COLUMN = "workshop"


def columns(ds: Dataset) -> tuple[str, ...]:
    """The columns a team edits: every column but the workshop bookkeeping."""
    return tuple(c for c in ds.column_names if c != _WORKSHOP_COLUMN)


def read(
    con: duckdb.DuckDBPyConnection, name: str, workshop: str = DEFAULT_WORKSHOP
) -> pd.DataFrame:
    """The artefact's rows for ``workshop``, in a stable order, without the workshop column."""
    ds = dataset(name)
    cols = ", ".join(columns(ds))
    order = ", ".join(k for k in ds.key if k != _WORKSHOP_COLUMN)
    # Identifiers come from the data model; the workshop is a bound value.
    frame = con.execute(
        f"SELECT {cols} FROM {ds.name} WHERE workshop = $workshop ORDER BY {order}",
        {"workshop": workshop},
    ).df()
    for column in ds.columns:
        if column.type == INTEGER and column.name in frame:
            frame[column.name] = frame[column.name].astype("Int64")
    # A key from a fixed vocabulary (journey stages) sorts in the vocabulary's
    # order, so the grid reads awareness, consideration, ... like the journey.
    ordered = [ds.column(k) for k in ds.key if k != _WORKSHOP_COLUMN]
    if ordered and ordered[0].choices:
        rank = {value: i for i, value in enumerate(ordered[0].choices)}
        frame = frame.sort_values(
            ordered[0].name, key=lambda values: values.map(rank), kind="stable"
        ).reset_index(drop=True)
    return frame


def _as_csv(ds: Dataset, frame: pd.DataFrame) -> bytes:
    out = pd.DataFrame(index=frame.index)
    for column in columns(ds):
        values = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        spec = ds.column(column)
        if spec.type == DATE:
            values = pd.to_datetime(values, errors="coerce").dt.strftime("%Y-%m-%d")
        elif spec.type == INTEGER:
            # An integer edited in a grid may arrive as 3.0; 3.5 stays and is refused.
            numbers = pd.to_numeric(values, errors="coerce")
            whole = numbers.notna() & (numbers % 1 == 0)
            values = values.astype("object").where(~whole, numbers.astype("Float64").round())
            values = values.map(lambda v: int(v) if isinstance(v, float) and v.is_integer() else v)
        out[column] = values
    # Rows left entirely empty in the grid are not rows.
    out = out.dropna(how="all")
    return out.to_csv(index=False).encode("utf-8")


def save(
    con: duckdb.DuckDBPyConnection,
    name: str,
    frame: pd.DataFrame,
    *,
    workshop: str = DEFAULT_WORKSHOP,
    by: str | None = None,
) -> LoadResult | None:
    """Replace ``workshop``'s rows of artefact ``name`` with ``frame``, all or nothing.

    Returns the load result (``ok`` false with row-level issues when refused), or
    None when the frame is empty and the workshop's rows were simply cleared.
    """
    ds = dataset(name)
    payload = _as_csv(ds, frame)
    if payload.count(b"\n") <= 1:  # header only: the team removed every row
        with store.transaction(con):
            con.execute(f"DELETE FROM {ds.name} WHERE workshop = $workshop", {"workshop": workshop})
            store.bump_data_version(con)
        return None
    options = LoadOptions(mode="replace", workshop=workshop, loaded_by=by)
    return load_bytes(con, payload, f"{name}.csv", name, options)
