"""The workshop in the report: who met and when, and per step the scores, notes and decisions.

Reads the workshop records (:mod:`cxdash.workshops`) and the maturity scores
(:func:`cxdash.maturity.scores`). The default workshop always exists: its
artefacts and scores are there before anyone records a session for it; any
other name must be a recorded workshop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import duckdb
import pandas as pd

from cxdash import maturity, workshops
from cxdash.formatting import format_date, number
from cxdash.i18n import t
from cxdash.report import markup
from cxdash.schema import DEFAULT_WORKSHOP

DASH = "—"  # a fact nobody recorded


class UnknownWorkshopError(ValueError):
    """A workshop name with no record."""


@dataclass(frozen=True)
class Session:
    """What the report needs of one workshop."""

    name: str
    record: workshops.Workshop | None  # None for a default workshop nobody recorded
    states: dict[int, workshops.StepState] = field(default_factory=dict)
    scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # step, participant, score


def load(con: duckdb.DuckDBPyConnection, name: str) -> Session:
    """The workshop ``name``; raises :class:`UnknownWorkshopError` for a name with no record."""
    try:
        record, known = workshops.get(con, name), workshops.names(con)
    except duckdb.CatalogException:
        # A database from before workshops were recorded (opened read-only, not migrated).
        record, known = None, ()
    if record is None and name != DEFAULT_WORKSHOP:
        listing = ", ".join(known) or DEFAULT_WORKSHOP
        raise UnknownWorkshopError(f"no workshop named {name!r}; known workshops: {listing}")
    states = workshops.step_states(con, name) if record is not None else {}
    return Session(name, record, states, maturity.scores(con, name))


def _text(value: object) -> str:
    return "" if value is None else markup.cell(value)


def summary_html(session: Session, lang: str) -> str:
    """The workshop's facts: name, date, facilitator, participants, team."""
    record = session.record
    items = [(t("report.workshop.name", lang), session.name)]
    if record is not None:
        items += [
            (
                t("report.workshop.date", lang),
                "" if record.held_on is None else format_date(record.held_on, lang=lang),
            ),
            (t("report.workshop.facilitator", lang), _text(record.facilitator)),
            (t("report.workshop.participants", lang), ", ".join(record.participants)),
            (t("report.workshop.team", lang), _text(record.team)),
        ]
    rows = ((label, value or DASH) for label, value in items)
    return markup.heading(2, t("report.workshop", lang)) + markup.facts(rows)


def scores_html(session: Session, step: int, lang: str) -> str:
    """Each participant's maturity score for ``step`` and their average, or a note of none."""
    scores = session.scores
    mine = scores[scores["step"] == step] if not scores.empty else scores
    if mine.empty:
        return markup.paragraph(t("overview.chart.no_scores", lang), "note")
    rows = [(str(p), str(int(s))) for p, s in zip(mine["participant"], mine["score"], strict=True)]
    average = t(
        "report.maturity.value",
        lang,
        average=number(float(mine["score"].mean()), lang=lang, decimals=1),
        participants=len(mine),
    )
    headers = (t("report.column.participant", lang), t("report.column.score", lang))
    return markup.table(headers, rows, "narrow") + f"<p><strong>{escape(average)}</strong></p>"


def notes_html(session: Session, step: int, lang: str) -> str:
    """The step's notes and decisions (and the time it took), when the session recorded any."""
    state = session.states.get(step)
    if state is None:
        return ""
    parts = []
    for label, text in (("report.notes", state.notes), ("report.decisions", state.decisions)):
        if text and str(text).strip():
            parts.append(markup.heading(3, t(label, lang)) + markup.paragraph(str(text), "text"))
    elapsed, planned = state.elapsed_seconds, state.planned_minutes
    if elapsed and planned:
        minutes = number(elapsed / 60, lang=lang)
        parts.append(
            markup.paragraph(t("report.time", lang, minutes=minutes, planned=planned), "muted")
        )
    return "".join(parts)
