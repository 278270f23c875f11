"""Run the benchmark and write BENCHMARKS.md.

    python -m cxdash.bench [--scale large] [--db PATH] [--out BENCHMARKS.md] [--repeat 3]

The demo database of the scale is built at --db, or reused when it holds that
demo already. See cxdash/bench/__init__.py for what is measured.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from cxdash import store
from cxdash.bench import browser, load, report
from cxdash.ui import bench_pages as pages

SEED = 42
LOAD_ROWS = {"small": 100_000, "medium": 1_000_000, "large": 1_000_000}


def _demo(db: Path, scale: str) -> float | None:
    """Build the demo at ``db`` unless it is there already; the seconds it took, or None."""
    from cxdash.demo import build

    if db.exists():
        with store.connect(db) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
            if row and row[0] == f"{scale}:{SEED}":
                return None
    started = time.perf_counter()
    with store.connect(db) as con:
        build(con, scale=scale, seed=SEED)
    return time.perf_counter() - started


def _rebuild_facts(db: Path) -> dict[str, float]:
    """Rebuild every fact table of the demo (kpis/facts.py); the seconds each took.

    Always rebuilt, also on a reused database, so the report shows what a load
    of orders, touchpoints or customers costs on top of the load itself.
    """
    from cxdash.kpis import facts
    from cxdash.ui.database import SERVER_MEMORY_LIMIT

    with store.connect(db) as con:
        # The app rebuilds under its memory limit after an upload; measure the same.
        con.execute("SET memory_limit = $limit", {"limit": SERVER_MEMORY_LIMIT})
        return {table.name: facts.refresh(con, table) for table in facts.TABLES}


def _versions() -> dict[str, str]:
    names = ("streamlit", "duckdb", "pandas", "plotly", "playwright")
    found = {"python": sys.version.split()[0]}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cxdash.bench", description=__doc__)
    parser.add_argument("--scale", choices=("small", "medium", "large"), default="large")
    parser.add_argument("--db", type=Path, help="demo database (default data/bench-SCALE.duckdb)")
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--load-rows", type=int, help="rows of the CSV load (default by scale)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium part")
    args = parser.parse_args(argv)
    # AppTest runs pages outside a server: Streamlit warns about that on every call.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    db = (args.db or Path("data") / f"bench-{args.scale}.duckdb").resolve()
    command = "python -m cxdash.bench " + shlex.join(
        ["--scale", args.scale, "--repeat", str(args.repeat)]
        + (["--db", str(args.db)] if args.db else [])
        + (["--no-browser"] if args.no_browser else [])
    )
    say = lambda text: print(text, flush=True)  # noqa: E731

    started_load = os.getloadavg()
    say(f"demo database ({args.scale}) at {db}")
    built = _demo(db, args.scale)
    say("fact tables, rebuilt as a load of their sources would")
    facts_seconds = _rebuild_facts(db)
    # The rebuild leaves a gigabyte of writes for the kernel to flush; flushed now,
    # they do not land on the timings that follow.
    os.sync()
    say("  " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in facts_seconds.items()))
    with store.connect(db, read_only=True) as con:
        counts = store.dataset_counts(con)
        last = con.execute("SELECT max(order_date) FROM orders").fetchone()[0]

    times = None
    if args.no_browser:
        say("browser: skipped")
    elif not browser.available():
        say("browser: Chromium or Playwright missing, not measured")
    else:
        say("browser: first view, link with a new range (cxdash and pandas), memory")
        with tempfile.TemporaryDirectory(prefix="cxdash-bench-") as work:
            times = browser.measure(db, last, Path(work), args.repeat)
        say(
            f"  first view {times.first_view:.2f} s, link {times.link_ratio:.2f}x faster, "
            f"memory {times.rss_mb:.0f} MB"
        )

    say("page script times")
    trivial = pages.trivial_baseline(args.repeat)
    page_times = pages.measure(db, args.repeat, progress=say)
    pages.release_connection()

    rows = args.load_rows or LOAD_ROWS[args.scale]
    say(f"CSV load of {rows:,} rows against read_csv")
    load_times = load.measure(rows, args.repeat)
    say(f"  {load_times.ratio:.2f}x of read_csv")

    run = report.Run(
        scale=args.scale,
        command=command,
        counts=counts,
        db_mb=db.stat().st_size / 1024 / 1024,
        build_seconds=built,
        facts_seconds=facts_seconds,
        trivial=trivial,
        pages=page_times,
        load=load_times,
        browser=times,
        load_average=(started_load, os.getloadavg()),
        versions=_versions(),
    )
    args.out.write_text(report.markdown(run), encoding="utf-8")
    say(f"wrote {args.out}")
    for name, limit, measured, ok in report.budgets(run):
        mark = "-" if ok is None else ("met" if ok else "NOT MET")
        say(f"  {name}: {measured} (budget {limit}) {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
