"""Load speed: a validated CSV load against DuckDB's own read_csv on the same file.

Both run in the same process on the same orders file, each into a fresh
database file, alternating (at least five of each), and the medians are
compared: the ratio is read_csv time / load time (1.0 = as fast as DuckDB's own read; the budget is
0.8 or more). The load is ``cxdash.ingest.load_file`` in append mode: detection,
checksum, staging, every row rule, key checks, the insert, undo keys, history.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cxdash import store
from cxdash.ingest import LoadOptions, load_file


def write_orders(path: Path, rows: int) -> None:
    """An orders CSV of ``rows`` rows, the same every time, written by DuckDB itself."""
    con = duckdb.connect()
    # rows is an int and the path ours (a temporary folder): COPY takes no parameters.
    con.execute(
        f"""
        COPY (
            SELECT 'O' || i AS order_id,
                   'C' || (i % 50000) AS customer_id,
                   DATE '2023-01-01' + CAST(i % 700 AS INTEGER) AS order_date,
                   round((i * 7919 % 100000) / 100.0, 2) AS amount,
                   ['web', 'store', 'app'][1 + i % 3] AS channel,
                   ['mobile', 'desktop'][1 + i % 2] AS device,
                   CASE WHEN i % 5 = 0 THEN 'CMP' || (i % 40) END AS campaign_id
            FROM range({int(rows)}) t(i)
        ) TO '{path.as_posix()}' (HEADER)
        """
    )
    con.close()


# A load takes about half a second at the large scale, so one run more or less
# on a busy machine moves a median of three by a tenth of the ratio: five each.
MIN_RUNS = 5


@dataclass(frozen=True)
class LoadTimes:
    rows: int
    read_csv: float  # median seconds, CREATE TABLE AS SELECT * FROM read_csv(file)
    load: float  # median seconds, the validated load
    runs: int = MIN_RUNS  # of each

    @property
    def ratio(self) -> float:
        return self.read_csv / self.load


def measure(rows: int, repeat: int = 3) -> LoadTimes:
    with tempfile.TemporaryDirectory(prefix="cxdash-bench-load-") as folder:
        work = Path(folder)
        csv_path = work / "orders.csv"
        write_orders(csv_path, rows)
        counter = iter(range(1_000_000))

        def fresh() -> duckdb.DuckDBPyConnection:
            path = work / f"db{next(counter)}.duckdb"
            con = store.connect(path)
            con.execute("SET enable_progress_bar = false")
            return con

        def read_csv() -> float:
            with fresh() as con:
                started = time.perf_counter()
                con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p)", {"p": str(csv_path)})
                return time.perf_counter() - started

        def load() -> float:
            with fresh() as con:
                started = time.perf_counter()
                result = load_file(con, csv_path, "orders", LoadOptions(mode="append"))
                elapsed = time.perf_counter() - started
            if not result.ok or result.rows_added != rows:
                raise RuntimeError(result.report())
            return elapsed

        baseline: list[float] = []
        loads: list[float] = []
        for _ in range(max(repeat, MIN_RUNS)):
            baseline.append(read_csv())
            loads.append(load())
    return LoadTimes(rows, statistics.median(baseline), statistics.median(loads), len(loads))
