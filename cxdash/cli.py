"""``python -m cxdash``: the command line, a thin layer over the library.

Machine-readable output goes to standard output and nothing else does;
progress and errors go to standard error. Exit codes: 0 success, 1 refused
input (the database unchanged), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cxdash import store
from cxdash.filters import Filters
from cxdash.schema import DATASETS

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help=f"database file (default: ${store.ENV_DB}, else {store.DEFAULT_DB})",
    )


def _scope_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=_date, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=_date, help="last day, YYYY-MM-DD")
    parser.add_argument("--segment", action="append", default=[], help="repeat for several")
    parser.add_argument("--region", action="append", default=[], help="repeat for several")
    parser.add_argument("--channel", action="append", default=[], help="repeat for several")
    parser.add_argument("--format", choices=("json",), default="json")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m cxdash", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="build the demo database (deterministic for a seed)")
    demo.add_argument("--scale", choices=("small", "medium", "large"), default="small")
    demo.add_argument("--seed", type=int, default=42)
    _db_option(demo)

    kpi = sub.add_parser("kpi", help="print every KPI as one JSON object {id: value}")
    _scope_options(kpi)
    _db_option(kpi)

    cohorts = sub.add_parser("cohorts", help="print the cohort retention matrix as JSON")
    _scope_options(cohorts)
    _db_option(cohorts)

    report = sub.add_parser(
        "report",
        help="write the shareable report as one offline HTML file",
        description="Write the shareable report: KPIs, charts and the eight steps, "
        "as one HTML file that opens offline.",
    )
    report.add_argument(
        "--out", type=Path, required=True, help="the HTML file to write, e.g. report.html"
    )
    report.add_argument("--lang", choices=("en", "uz", "ru"), default="en")
    _scope_options(report)
    _db_option(report)

    load = sub.add_parser(
        "load",
        help="load a CSV file into a dataset, all or nothing",
        description="Load a CSV file into a dataset, all or nothing. Every setting is "
        "detected from the file; each option below overrides one detection.",
    )
    load.add_argument("file", type=Path)
    load.add_argument(
        "--dataset",
        choices=tuple(DATASETS),
        metavar="NAME",
        help="the dataset to load into (default: detected from the header)",
    )
    load.add_argument("--mode", choices=("append", "replace", "upsert"), default="append")
    load.add_argument(
        "--skip-existing",
        action="store_true",
        help="append: skip rows whose key is already there instead of refusing the file",
    )
    load.add_argument("--encoding", help="e.g. utf-8, windows-1251, windows-1252, koi8-r")
    load.add_argument("--delimiter", help="one character, or tab, semicolon, comma, pipe")
    load.add_argument(
        "--decimal", choices=(".", ","), metavar="SEP", help='the decimal separator, "." or ","'
    )
    load.add_argument(
        "--date-format", help="e.g. dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy (or %%d.%%m.%%Y)"
    )
    load.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping,
        metavar="SRC=DST",
        help="load header SRC into column DST (SRC= ignores it); repeat for several",
    )
    load.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    load.add_argument("--by", help="who loads, for the history (default: the system user)")
    _db_option(load)

    undo = sub.add_parser("undo", help="undo the last load of a dataset")
    undo.add_argument("--dataset", required=True, choices=tuple(DATASETS), metavar="NAME")
    undo.add_argument("--by", help="who undoes, for the history (default: the system user)")
    _db_option(undo)

    history = sub.add_parser("history", help="print the load history as JSON lines")
    history.add_argument("--dataset", choices=tuple(DATASETS), metavar="NAME")
    history.add_argument("--limit", type=int, default=50)
    _db_option(history)

    template = sub.add_parser("template", help="print a dataset's CSV template")
    template.add_argument("dataset", choices=tuple(DATASETS), metavar="NAME")
    template.add_argument(
        "--dictionary", action="store_true", help="print the data dictionary as JSON instead"
    )
    return parser


def _mapping(text: str) -> tuple[str, str]:
    source, sep, target = text.partition("=")
    if not sep or not source.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not SRC=DST (e.g. --map Total=amount)")
    return source, target


def _scope(con, args):
    from cxdash.period import resolve

    period = resolve(con, args.start, args.end)
    filters = Filters(tuple(args.segment), tuple(args.region), tuple(args.channel))
    return period, filters


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def _cmd_demo(args) -> int:
    from cxdash.demo import build

    def progress(fraction: float, message: str) -> None:
        print(f"[{fraction:4.0%}] {message}", file=sys.stderr)

    with store.connect(args.db) as con:
        counts = build(con, scale=args.scale, seed=args.seed, progress=progress)
    path = args.db or store.default_db_path()
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items() if n)
    print(f"demo database written to {path}: {summary}", file=sys.stderr)
    return EXIT_OK


def _open_for_reading(db: Path | None):
    """A read-only connection: reports never need to write, and must not block a writer."""
    path = db or store.default_db_path()
    if not Path(path).exists():
        raise FileNotFoundError(
            f"no database at {path}; build one with `python -m cxdash demo` or load a CSV"
        )
    return store.connect(path, read_only=True)


def _cmd_kpi(args) -> int:
    from cxdash.kpis import kpi_values

    with _open_for_reading(args.db) as con:
        period, filters = _scope(con, args)
        _print_json(kpi_values(con, period, filters))
    return EXIT_OK


def _cmd_cohorts(args) -> int:
    from cxdash.kpis import cohort_matrix

    with _open_for_reading(args.db) as con:
        period, filters = _scope(con, args)
        _print_json(cohort_matrix(con, period, filters))
    return EXIT_OK


def _cmd_report(args) -> int:
    from cxdash.report import write

    if args.out.suffix.lower() == ".pdf":
        print(
            "cxdash report: PDF output is not available yet; write an .html file "
            "(e.g. --out report.html) and print it from the browser",
            file=sys.stderr,
        )
        return EXIT_USAGE
    with _open_for_reading(args.db) as con:
        period, filters = _scope(con, args)
        write(con, args.out, period, filters, lang=args.lang)
    print(f"report written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _user(given: str | None) -> str | None:
    if given:
        return given
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system
        return None


def _cmd_load(args) -> int:
    from cxdash.ingest import LoadOptions, load_file

    options = LoadOptions(
        mode=args.mode,
        encoding=args.encoding,
        delimiter=args.delimiter,
        decimal=args.decimal,
        date_format=args.date_format,
        mapping=dict(args.map),
        skip_existing=args.skip_existing,
        dry_run=args.dry_run,
        loaded_by=_user(args.by),
    )
    with store.connect(args.db) as con:
        result = load_file(con, args.file, args.dataset, options)
    if not result.ok:
        print(result.report(), file=sys.stderr)
        return EXIT_REFUSED
    if result.issues:  # warnings, e.g. ignored columns
        print(result.report(), file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return EXIT_OK


def _cmd_undo(args) -> int:
    from cxdash.ingest import undo_last

    with store.connect(args.db) as con:
        outcome = undo_last(con, args.dataset, by=_user(args.by))
    print(outcome.message(), file=sys.stderr)
    return EXIT_OK if outcome.ok else EXIT_REFUSED


def _cmd_history(args) -> int:
    from cxdash.ingest import history

    with _open_for_reading(args.db) as con:
        for entry in history(con, args.dataset, args.limit):
            _print_json({k: _plain(v) for k, v in entry.items()})
    return EXIT_OK


def _plain(value):
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value


def _cmd_template(args) -> int:
    from cxdash.ingest.templates import dictionary, template_csv

    if args.dictionary:
        _print_json(dictionary(args.dataset))
    else:
        sys.stdout.write(template_csv(args.dataset).decode("utf-8"))
    return EXIT_OK


_COMMANDS = {
    "demo": _cmd_demo,
    "kpi": _cmd_kpi,
    "cohorts": _cmd_cohorts,
    "report": _cmd_report,
    "load": _cmd_load,
    "undo": _cmd_undo,
    "history": _cmd_history,
    "template": _cmd_template,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except Exception as exc:  # a message, never a traceback, reaches the user
        print(f"cxdash {args.command}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
