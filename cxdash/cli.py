"""``python -m cxdash``: the command line, a thin layer over the library.

Machine-readable output goes to standard output and nothing else does;
progress and errors go to standard error. Exit codes: 0 success, 1 refused
input (the database unchanged), 2 usage error, 3 database busy (another
process, e.g. the dashboard in a load, kept the file for the whole --wait).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cxdash import locking, store
from cxdash.auth import cli as users_cli
from cxdash.filters import Filters
from cxdash.schema import DATASETS

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
EXIT_BUSY = 3
# How long a command waits for the database while another process holds it (--wait).
_wait = {"seconds": locking.DEFAULT_WAIT}


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
    parser.add_argument(
        "--wait",
        type=float,
        default=locking.DEFAULT_WAIT,
        metavar="SECONDS",
        help="while the dashboard or another command holds the database, wait up to this "
        f"long for it, then give up with exit code {EXIT_BUSY} (default: %(default)g)",
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
        help="write the shareable report as an offline HTML file or a PDF",
        description="Write the shareable report: the KPI summary for the period and filters, "
        "the workshop, then the eight steps with their charts, artefacts, maturity scores, "
        "notes and decisions. FILE.html opens offline; FILE.pdf is printed through Chromium.",
    )
    report.add_argument(
        "--out",
        type=Path,
        required=True,
        help="the file to write: report.html, or report.pdf (needs chromium)",
    )
    report.add_argument("--lang", choices=("en", "uz", "ru"), default="en")
    report.add_argument(
        "--workshop", default="default", help="the workshop to report (default: default)"
    )
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
    load.add_argument(
        "--progress",
        action="store_true",
        help="print each stage (detecting, reading, checking, writing) to standard error",
    )
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
    _backup_parsers(sub)
    _settings_parser(sub)

    users_cli.add_parser(sub)
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

    with _open_for_writing(args.db) as con:
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
    return locking.claim(path, read_only=True, wait=_wait["seconds"], on_wait=_say_waiting)


def _open_for_writing(db: Path | None):
    """The database for a command that writes, once the dashboard has let go of it."""
    path = db or store.default_db_path()
    return locking.claim(path, wait=_wait["seconds"], on_wait=_say_waiting)


def _say_waiting(holder: str) -> None:
    print(
        f"cxdash: the database is in use by {holder} (the dashboard, or another command); "
        f"waiting up to {_wait['seconds']:g} s for it",
        file=sys.stderr,
    )


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

    if args.out.suffix.lower() not in (".html", ".htm", ".pdf"):
        print("cxdash report: --out must name an .html or a .pdf file", file=sys.stderr)
        return EXIT_USAGE
    with _open_for_reading(args.db) as con:
        period, filters = _scope(con, args)
        write(con, args.out, period, filters, lang=args.lang, workshop=args.workshop)
    print(f"report written to {args.out}", file=sys.stderr)
    return EXIT_OK


def _user(given: str | None) -> str | None:
    if given:
        return given
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system
        return None


def _print_stage(fraction: float, stage: str) -> None:
    print(f"[{fraction:4.0%}] {stage}", file=sys.stderr, flush=True)


def _cmd_load(args) -> int:
    from cxdash.ingest import LoadOptions, load_file
    from cxdash.kpis import facts

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
        progress=_print_stage if args.progress else None,
    )
    with _open_for_writing(args.db) as con:
        result = load_file(con, args.file, args.dataset, options)
        if result.ok and not args.dry_run:
            facts.refresh_if_stale(con)
    if not result.ok:
        print(result.report(), file=sys.stderr)
        return EXIT_REFUSED
    if result.issues:  # warnings, e.g. ignored columns
        print(result.report(), file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return EXIT_OK


def _cmd_undo(args) -> int:
    from cxdash.ingest import undo_last
    from cxdash.kpis import facts

    with _open_for_writing(args.db) as con:
        outcome = undo_last(con, args.dataset, by=_user(args.by))
        if outcome.ok:
            facts.refresh_if_stale(con)
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


def _settings_parser(sub) -> None:
    from cxdash.settings import CURRENCIES, ENV_CURRENCY

    settings = sub.add_parser(
        "settings",
        help="show or change a setting of the database (the currency amounts are in)",
        description="Show or change the currency the database's amounts are in. Amounts "
        "are stored as loaded and never converted; the currency only labels them. "
        f"The database's choice wins over ${ENV_CURRENCY}, which is the default.",
    )
    settings.add_argument("name", choices=("currency",))
    settings.add_argument(
        "value",
        nargs="?",
        type=str.upper,
        choices=CURRENCIES,
        metavar="CODE",
        help=f"the new currency, one of {', '.join(CURRENCIES)}; omit to print the current one",
    )
    _db_option(settings)


def _cmd_settings(args) -> int:
    from cxdash import settings

    if args.value is None:
        with _open_for_reading(args.db) as con:
            print(settings.currency(con))
        return EXIT_OK
    with _open_for_writing(args.db) as con:
        chosen = settings.set_currency(con, args.value)
    print(f"currency set to {chosen}; amounts are unchanged, only their label", file=sys.stderr)
    return EXIT_OK


def _cmd_template(args) -> int:
    from cxdash.ingest.templates import dictionary, template_csv

    if args.dictionary:
        _print_json(dictionary(args.dataset))
    else:
        sys.stdout.write(template_csv(args.dataset).decode("utf-8"))
    return EXIT_OK


def _backup_parsers(sub) -> None:
    backup = sub.add_parser(
        "backup",
        help="write a consistent backup of the database to a new folder",
        description="Write a consistent backup (Parquet files and a manifest) to a new "
        "folder. Safe while the dashboard runs: it lets go of the database for a moment.",
    )
    backup.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new folder")
    _db_option(backup)
    restore = sub.add_parser(
        "restore",
        help="replace the database with a backup, all or nothing",
        description="Replace the database with the backup in DIR, all or nothing. The "
        "database it replaces is kept beside it as <database>.before-restore.",
    )
    restore.add_argument("folder", type=Path, metavar="DIR", help="a folder written by backup")
    _db_option(restore)


def _cmd_backup(args) -> int:
    from cxdash.backup import backup

    with _open_for_reading(args.db) as con:
        manifest = backup(con, args.out)
    rows = sum(manifest["counts"].values())
    print(
        f"backup written to {args.out}: {len(manifest['counts'])} tables, {rows:,} rows, "
        f"data version {manifest['data_version']}",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_restore(args) -> int:
    from cxdash.backup import BEFORE_RESTORE, restore

    path = args.db or store.default_db_path()
    manifest = restore(args.folder, path, wait=_wait["seconds"], on_wait=_say_waiting)
    print(
        f"{path} restored from {args.folder} (backup of {manifest['created_at']}); "
        f"the database it replaced is kept as {path}{BEFORE_RESTORE}",
        file=sys.stderr,
    )
    return EXIT_OK


_COMMANDS = {
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "demo": _cmd_demo,
    "kpi": _cmd_kpi,
    "cohorts": _cmd_cohorts,
    "report": _cmd_report,
    "load": _cmd_load,
    "undo": _cmd_undo,
    "history": _cmd_history,
    "template": _cmd_template,
    "settings": _cmd_settings,
    "users": users_cli.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _wait["seconds"] = max(getattr(args, "wait", locking.DEFAULT_WAIT), 0.0)
    try:
        return _COMMANDS[args.command](args)
    except locking.DatabaseBusyError as busy:
        print(f"cxdash {args.command}: {busy}", file=sys.stderr)
        return EXIT_BUSY
    except Exception as exc:  # a message, never a traceback, reaches the user
        print(f"cxdash {args.command}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
