"""The Data screen's parts: upload, detection and mapping, check, load, history, undo, templates.

Everything a load decides happens in ``cxdash.ingest``; this module only lays
out widgets and keeps per-session state:

- each upload is written once to a temporary file (DuckDB reads files, and a
  large export should not be copied at every rerun); the file goes when the
  upload leaves the uploader;
- the full check (a dry run) of each file is remembered with the settings it
  ran with, so a rerun that changes nothing costs nothing;
- loads and undos in this server process take one lock: DuckDB has one writer
  per process, and two loads at once would only collide on the history.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from cxdash import ingest
from cxdash.i18n import DEFAULT_LANGUAGE
from cxdash.ingest import LoadOptions, LoadResult
from cxdash.ingest.encoding import COMMON as ENCODINGS
from cxdash.ingest.formats import COMMON_DATE_FORMATS, to_human
from cxdash.ingest.options import DELIMITERS, MODES
from cxdash.ingest.templates import dictionary, template_columns, template_csv
from cxdash.kpis import facts
from cxdash.markdown import md_escape
from cxdash.schema import DATASETS
from cxdash.ui import access, cached
from cxdash.ui.database import cursor, data_version, write_lock
from cxdash.ui.text import language, tr

_AUTO = "auto"
_SPOOL = "_data_spool"  # file_id -> Spooled
_CHECKS = "_data_checks"  # file_id -> (settings, LoadResult)
_INSPECTIONS = "_data_inspections"  # file_id -> {(dataset, encoding, delimiter): Inspection}
_DONE = "_data_done"  # file_id -> LoadResult of the committed load
_FLASH = "_data_flash"
_UNDO_PENDING = "_data_undo_pending"
_UPLOADER = "data_upload"
_BY = "data_loaded_by"
# Issues a screen lists; the rest are counted.
_MAX_ISSUES = 500
_PREVIEW_ROWS = 20
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@functools.cache
def _folder() -> Path:
    """Where this server process keeps its uploads; removed when the process ends."""
    folder = Path(tempfile.mkdtemp(prefix="cxdash-uploads-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@dataclass(frozen=True)
class Spooled:
    path: Path
    checksum: str
    name: str
    size: int


# -- uploads ---------------------------------------------------------------------------


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string or the style element."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def _localise_dropzone(limit: str) -> None:
    """Streamlit writes the dropzone's button and size hint in English only; relabel them.

    Streamlit offers no parameter for these two texts (streamlit/streamlit#13500),
    so the page's style swaps them for the catalog's; the uploader works as before.
    """
    if language() == DEFAULT_LANGUAGE:
        return
    button = _css_string(tr("data.upload.button"))
    hint = _css_string(tr("data.upload.per_file", limit=limit))
    zone = '[data-testid="stFileUploaderDropzone"]'
    st.html(
        "<style>"
        f'{zone} [data-testid="stBaseButton-secondary"] p {{ font-size: 0; }}'
        f'{zone} [data-testid="stBaseButton-secondary"] p::after '
        f"{{ content: {button}; font-size: 0.875rem; }}"
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] span::after '
        f"{{ content: {hint}; font-size: 0.875rem; }}"
        "</style>"
    )


def uploads() -> list:
    """The uploader; files that left it are forgotten (and their copies deleted)."""
    if not access.allowed(access.LOAD_DATA):
        access.explain(access.LOAD_DATA)
        return []
    files = st.file_uploader(
        tr("data.upload.label"),
        accept_multiple_files=True,
        key=_UPLOADER,
        help=tr("data.upload.help"),
    )
    limit = tr("data.upload.megabytes", size=f"{st.get_option('server.maxUploadSize'):g}")
    _localise_dropzone(limit)
    # Streamlit refuses larger files itself, marking them only with an icon: say what the limit is.
    st.caption(tr("data.upload.limit", limit=limit))
    files = list(files or [])
    current = {f.file_id for f in files}
    spool = st.session_state.setdefault(_SPOOL, {})
    for file_id in [k for k in spool if k not in current]:
        _delete(spool.pop(file_id).path)
        for kept in (_CHECKS, _INSPECTIONS, _DONE):
            st.session_state.get(kept, {}).pop(file_id, None)
    return files


def _delete(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _spooled(upload) -> Spooled:
    spool = st.session_state.setdefault(_SPOOL, {})
    found = spool.get(upload.file_id)
    if found is None or not found.path.exists():
        upload.seek(0)
        path, checksum = ingest.spool(upload, folder=str(_folder()))
        found = Spooled(path, checksum, Path(upload.name).name, upload.size)
        spool[upload.file_id] = found
    return found


def loaded_by() -> str | None:
    """Who loads, for the history: the signed-in user, else what the reader typed."""
    if (signed_in := access.user_name()) is not None:
        return signed_in  # with sign-in on, the history names the account, never a typed name
    try:
        email = st.user.get("email")
    except Exception:  # no authentication configured
        email = None
    typed = st.columns(3)[0].text_input(
        tr("data.loaded_by"), value=email or "", key=_BY, help=tr("data.loaded_by.help")
    )
    return typed.strip() or None


# -- one uploaded file ------------------------------------------------------------------------


def file_panel(upload, by: str | None) -> None:
    """Detection, mapping, preview, the check's report, the mode and the load of one file."""
    spooled = _spooled(upload)
    with st.container(border=True, key=f"data_file_{upload.file_id}"):
        st.subheader(md_escape(spooled.name), anchor=False)
        st.caption(tr("data.file.size", size=_size(spooled.size)))
        done = st.session_state.get(_DONE, {}).get(upload.file_id)
        if done is not None:
            st.success(md_escape(done.summary(language())), icon=":material/check_circle:")
            if done.issues:
                _report(done)
            return
        base = _inspect(upload.file_id, spooled, None, None, None)
        settings = _settings(upload.file_id, base)
        current = _inspect(
            upload.file_id,
            spooled,
            settings["dataset"],
            settings["encoding"],
            settings["delimiter"],
        )
        if current.refused is not None:
            st.error(md_escape(current.refused.message(language())), icon=":material/block:")
            return
        settings.update(_formats(upload.file_id, current))
        mapping = _mapping_editor(upload.file_id, current, settings)
        mode, skip = _mode(upload.file_id)
        options = LoadOptions(
            mode=mode,
            encoding=settings["encoding"],
            delimiter=settings["delimiter"],
            decimal=settings["decimal"],
            date_format=settings["date_format"],
            mapping=mapping,
            skip_existing=skip,
            loaded_by=by,
            max_issues=_MAX_ISSUES,
        )
        result = _check(upload.file_id, spooled, settings["dataset"], options)
        _outcome(result)
        # A refused file shows what to fix first; a good one, what will be stored.
        if result.issues and not result.ok:
            _report(result)
        _preview(result)
        if result.issues and result.ok:
            _report(result)
        _confirm(upload.file_id, spooled, result, options)


def _inspect(file_id: str, spooled: Spooled, dataset, encoding, delimiter) -> ingest.Inspection:
    """What detection makes of the file's head with these settings, remembered per file."""
    found = st.session_state.setdefault(_INSPECTIONS, {}).setdefault(file_id, {})
    key = (dataset, encoding, delimiter)
    if key not in found:
        options = LoadOptions(encoding=encoding, delimiter=delimiter)
        found[key] = ingest.inspect(spooled.path, dataset, options, file_name=spooled.name)
    return found[key]


def _preview(result: LoadResult) -> None:
    if result.preview is None or result.preview.empty:
        return
    st.markdown(f"**{tr('data.preview.title')}**")
    st.caption(tr("data.preview.caption", rows=min(_PREVIEW_ROWS, len(result.preview))))
    st.dataframe(result.preview, hide_index=True)


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "B" else f"{size:,.1f} {unit}"
        size /= 1024
    return str(size)


def _auto_label(value: str | None) -> str:
    return tr("data.auto", value=value) if value else tr("data.auto_none")


def _choice(label: str, key: str, choices: list[str], detected: str | None, show=str, help=None):
    """A selectbox whose first option is "auto" (the detected value); returns None for auto."""
    options = [_AUTO, *choices]
    picked = st.selectbox(
        label,
        options,
        key=key,
        help=help,
        format_func=lambda v: (
            _auto_label(show(detected) if detected else None) if v == _AUTO else show(v)
        ),
    )
    return None if picked == _AUTO else picked


def _show_delimiter(value: str) -> str:
    name = _DELIMITER_NAMES.get(value)
    return tr(f"data.delimiter.{name}") if name else repr(value)


def _settings(file_id: str, base) -> dict:
    """Dataset, encoding and delimiter; the choices still show when detection failed."""
    detected = base.detected
    left, middle, right = st.columns(3)
    with left:
        dataset = _choice(
            tr("data.setting.dataset"),
            f"data_dataset_{file_id}",
            list(DATASETS),
            base.dataset,
            help=tr("data.setting.dataset.help"),
        )
    with middle:
        encoding = _choice(
            tr("data.setting.encoding"),
            f"data_encoding_{file_id}",
            list(ENCODINGS),
            detected.encoding if detected else None,
            help=tr("data.setting.encoding.help"),
        )
    with right:
        delimiter = _choice(
            tr("data.setting.delimiter"),
            f"data_delimiter_{file_id}",
            list(DELIMITERS),
            detected.delimiter if detected else None,
            show=_show_delimiter,
        )
    return {"dataset": dataset, "encoding": encoding, "delimiter": delimiter}


def _formats(file_id: str, current) -> dict:
    detected = current.detected
    left, right, _ = st.columns(3)
    with left:
        decimal = _choice(
            tr("data.setting.decimal"),
            f"data_decimal_{file_id}",
            [".", ","],
            detected.decimal if current.dataset else None,
            show=lambda v: tr("data.decimal.dot") if v == "." else tr("data.decimal.comma"),
        )
    with right:
        date_format = _choice(
            tr("data.setting.date_format"),
            f"data_date_format_{file_id}",
            list(COMMON_DATE_FORMATS),
            to_human(detected.date_format) if current.dataset else None,
            help=tr("data.setting.date_format.help"),
        )
    return {"decimal": decimal, "date_format": date_format}


def _mapping_editor(file_id: str, current, settings: dict) -> dict[str, str | None]:
    """The header -> column table the reader may correct; returns the corrections only."""
    if current.dataset is None:
        return {}
    ignore = tr("data.map.ignore")
    columns = template_columns(DATASETS[current.dataset])
    sample = current.detected.sample[:1]
    frame = pd.DataFrame(
        {
            "source": [h for h, _ in current.mapping],
            "target": [t or ignore for _, t in current.mapping],
            "example": [
                sample[0][i] if sample and i < len(sample[0]) else ""
                for i in range(len(current.mapping))
            ],
        }
    )
    st.markdown(f"**{tr('data.map.title')}**")
    st.caption(tr("data.map.caption", dataset=current.dataset))
    parts = [file_id, current.dataset, settings["encoding"], settings["delimiter"]]
    key = "data_map_" + "_".join(str(p) for p in parts)
    # The container's key names it on the page (st-key-data_mapping_...), for tests.
    edited = st.container(key=f"data_mapping_{file_id}").data_editor(
        frame,
        key=key,
        hide_index=True,
        disabled=["source", "example"],
        column_config={
            "source": st.column_config.TextColumn(tr("data.map.source")),
            "target": st.column_config.SelectboxColumn(
                tr("data.map.target"), options=[ignore, *columns], required=True
            ),
            "example": st.column_config.TextColumn(tr("data.map.example")),
        },
    )
    corrections: dict[str, str | None] = {}
    for (source, auto), target in zip(current.mapping, edited["target"], strict=True):
        chosen = None if target in (ignore, None) else target
        if chosen != auto:
            corrections[source] = chosen or ""
    return corrections


def _mode(file_id: str) -> tuple[str, bool]:
    mode = st.radio(
        tr("data.mode.label"),
        list(MODES),
        key=f"data_mode_{file_id}",
        horizontal=True,
        format_func=lambda m: tr(f"data.mode.{m}"),
        help=tr("data.mode.help"),
    )
    skip = False
    if mode == "append":
        skip = st.checkbox(tr("data.mode.skip_existing"), key=f"data_skip_{file_id}")
    return mode, skip


def _settings_key(dataset: str | None, options: LoadOptions) -> tuple:
    return (
        dataset,
        options.mode,
        options.encoding,
        options.delimiter,
        options.decimal,
        options.date_format,
        tuple(sorted(options.mapping.items())),
        options.skip_existing,
        data_version(),
    )


def _check(file_id: str, spooled: Spooled, dataset: str | None, options: LoadOptions):
    """The dry run of ``options``, remembered until a setting or the data changes."""
    checks = st.session_state.setdefault(_CHECKS, {})
    key = _settings_key(dataset, options)
    found = checks.get(file_id)
    if found is not None and found[0] == key:
        return found[1]
    dry = dataclasses.replace(options, dry_run=True, preview_rows=_PREVIEW_ROWS)
    with st.spinner(tr("data.checking", file=spooled.name)), cursor() as cur:
        result = ingest.load_file(
            cur, spooled.path, dataset, dry, file_name=spooled.name, checksum=spooled.checksum
        )
    checks[file_id] = (key, result)
    return result


def _outcome(result: LoadResult) -> None:
    detected = result.detected
    if detected is not None and result.dataset:
        st.caption(
            tr(
                "data.detected",
                dataset=result.dataset,
                encoding=detected.encoding + (" (BOM)" if detected.bom else ""),
                delimiter=_show_delimiter(detected.delimiter),
                decimal=detected.decimal,
                date_format=detected.date_format_text,
            )
        )
    if result.ok:
        st.info(md_escape(result.summary(language())), icon=":material/fact_check:")
    else:
        st.error(
            tr("data.refused", errors=f"{result.error_count:,}", file=md_escape(result.file_name)),
            icon=":material/block:",
        )


def _report(result: LoadResult) -> None:
    rows = result.issue_rows(language())
    frame = pd.DataFrame(
        {
            tr("data.report.severity"): [
                tr("data.report.error") if r["severity"] == "error" else tr("data.report.warning")
                for r in rows
            ],
            tr("data.report.where"): [_where(r) for r in rows],
            tr("data.report.column"): [r["column"] or "" for r in rows],
            tr("data.report.value"): [r["value"] if r["value"] is not None else "" for r in rows],
            tr("data.report.reason"): [r["reason"] for r in rows],
        }
    )
    st.markdown(f"**{tr('data.report.title')}**")
    if result.hidden_count > 0:
        st.caption(tr("data.report.more", count=f"{result.hidden_count:,}"))
    st.dataframe(frame, hide_index=True)
    with st.expander(tr("data.report.as_text"), icon=":material/content_copy:"):
        st.code(result.report(language()), language=None, wrap_lines=True)


def _where(row: dict) -> str:
    if row["row"] is not None:
        return tr("data.report.row", row=row["row"])
    if row["line"] is not None:
        return tr("data.report.line", line=row["line"])
    if row["column"] is not None:
        return tr("data.report.header")
    return tr("data.report.file")


def _confirm(file_id: str, spooled: Spooled, checked: LoadResult, options: LoadOptions) -> None:
    label = tr("data.confirm", dataset=checked.dataset or "?", mode=tr(f"data.mode.{options.mode}"))
    if not st.button(
        label,
        key=f"data_confirm_{file_id}",
        type="primary",
        disabled=not checked.ok,
        icon=":material/upload:",
    ):
        return
    detected = checked.detected
    # Load exactly what was checked: the detected settings are pinned.
    final = dataclasses.replace(
        options,
        encoding=detected.encoding,
        delimiter=detected.delimiter,
        decimal=detected.decimal,
        date_format=detected.date_format_text,
    )
    result = run_load(spooled, checked.dataset, final)
    if result.ok:
        st.session_state.setdefault(_DONE, {})[file_id] = result
        st.rerun()
    _report(result)


def run_load(spooled: Spooled, dataset: str, options: LoadOptions) -> LoadResult:
    """The load itself, with its stages shown as it goes."""
    with st.status(tr("data.loading", file=md_escape(spooled.name)), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, stage: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=tr(f"ingest.progress.{stage}"))

        with write_lock, cursor() as cur:
            result = ingest.load_file(
                cur,
                spooled.path,
                dataset,
                dataclasses.replace(options, progress=progress),
                file_name=spooled.name,
                checksum=spooled.checksum,
            )
            if result.ok:
                bar.progress(1.0, text=tr("data.preparing_figures"))
                facts.refresh_if_stale(cur)
        if result.ok:
            status.update(
                label=md_escape(result.summary(language())), state="complete", expanded=False
            )
        else:
            status.update(label=tr("data.load_failed", file=md_escape(spooled.name)), state="error")
            # The report quotes file names and cell values: shown as plain text, never Markdown.
            st.code(result.report(language()), language=None, wrap_lines=True)
    return result


def flash() -> None:
    """The message of the load or undo the last run did."""
    if message := st.session_state.pop(_FLASH, None):
        st.success(md_escape(message), icon=":material/check_circle:")


# -- what the database holds, history, undo --------------------------------------------------------


def dataset_table() -> None:
    counts = cached.dataset_counts(data_version())
    st.dataframe(
        pd.DataFrame({tr("data.dataset"): list(counts), tr("data.rows"): list(counts.values())}),
        hide_index=True,
    )


_HISTORY_COLUMNS = (
    "load_id",
    "loaded_at",
    "dataset",
    "file_name",
    "mode",
    "rows_added",
    "rows_updated",
    "rows_skipped",
    "rows_removed",
    "loaded_by",
    "undone_at",
    "checksum",
)


def history_table() -> list[dict]:
    entries = cached.query(ingest.history, data_version())
    if not entries:
        st.info(tr("data.history.empty"), icon=":material/history:")
        return entries
    frame = pd.DataFrame(entries)[list(_HISTORY_COLUMNS)]
    frame["checksum"] = frame["checksum"].str[:12]
    for column in ("loaded_at", "undone_at"):
        frame[column] = [
            str(v)[:19] if v is not None and not pd.isna(v) else "" for v in frame[column]
        ]
    frame["loaded_by"] = frame["loaded_by"].fillna("")
    frame.columns = [tr(f"data.history.{c}") for c in _HISTORY_COLUMNS]
    st.dataframe(frame, hide_index=True)
    return entries


def undo_panel(entries: list[dict], by: str | None) -> None:
    """Undo the last load of a dataset, after a confirmation."""
    last = {e["dataset"]: e for e in entries if e["undoable"]}
    st.markdown(f"**{tr('data.undo.title')}**")
    if not access.allowed(access.LOAD_DATA):
        access.explain(access.LOAD_DATA)
        return
    if not last:
        st.caption(tr("data.undo.none"))
        return
    st.caption(tr("data.undo.caption"))
    dataset = st.selectbox(
        tr("data.undo.pick"),
        list(last),
        key="data_undo_dataset",
        format_func=lambda d: tr(
            "data.undo.option",
            dataset=d,
            load_id=last[d]["load_id"],
            file=last[d]["file_name"],
            when=str(last[d]["loaded_at"])[:16],
        ),
    )
    if st.button(tr("data.undo.button"), key="data_undo_ask", icon=":material/undo:"):
        st.session_state[_UNDO_PENDING] = dataset
    pending = st.session_state.get(_UNDO_PENDING)
    if pending not in last:
        return
    entry = last[pending]
    st.warning(
        tr(
            "data.undo.confirm",
            dataset=md_escape(pending),
            load_id=entry["load_id"],
            file=md_escape(entry["file_name"]),
            added=f"{entry['rows_added']:,}",
            updated=f"{entry['rows_updated']:,}",
            removed=f"{entry['rows_removed']:,}",
        ),
        icon=":material/warning:",
    )
    yes, no, _ = st.columns([1, 1, 3])
    if yes.button(tr("data.undo.yes"), key="data_undo_yes", type="primary"):
        with write_lock, cursor() as cur:
            outcome = ingest.undo_last(cur, pending, by=by)
            if outcome.ok:
                with st.spinner(tr("data.preparing_figures")):
                    facts.refresh_if_stale(cur)
        st.session_state.pop(_UNDO_PENDING, None)
        st.session_state[_FLASH] = outcome.message(language())
        st.rerun()
    if no.button(tr("data.undo.no"), key="data_undo_no"):
        st.session_state.pop(_UNDO_PENDING, None)
        st.rerun()


# -- templates ----------------------------------------------------------------------------------


def templates_panel() -> None:
    name = st.selectbox(tr("data.templates.dataset"), list(DATASETS), key="data_template")
    st.markdown(tr(f"dictionary.{name}"))
    st.download_button(
        tr("data.templates.download", dataset=name),
        template_csv(name),
        file_name=f"{name}.csv",
        mime="text/csv",
        key="data_template_download",
        icon=":material/download:",
    )
    rows = dictionary(name, language())
    frame = pd.DataFrame(rows)
    frame.columns = [tr(f"data.dictionary.{c}") for c in frame.columns]
    st.dataframe(frame, hide_index=True)
