"""Stage 3, validate: every problem of the file, set-based, in few passes.

1. The records the reader set aside (wrong field count, broken quotes, bad
   encoding) become "line N" issues.
2. All row rules (rules.py) are counted in ONE aggregate scan of the staged
   rows (``count(*) FILTER (WHERE rule)`` per rule). Only a rule that fails
   costs another query: its first rows, in file order, for the report.
3. Keys: duplicates within the file (a one-column key is counted in the scan
   of step 2; one GROUP BY names the rows when there are any), and in append
   mode keys already in the table (one semi-join).
4. Table rules on the state the load would leave (RACI: per activity exactly
   one A and at least one R), once the rows themselves are clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb

from cxdash.ingest.mapping import WORKSHOP
from cxdash.ingest.result import ERROR, Issue, quote
from cxdash.ingest.rules import Plan, Rule
from cxdash.ingest.sqltext import bind
from cxdash.ingest.stage import REJECTS_LIMIT, Staged

_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+")
_DOT_DECIMAL = re.compile(r"[+-]?\d*\.\d+")

_REJECT_CODES = {
    "MISSING COLUMNS": "too_few_fields",
    "TOO MANY COLUMNS": "too_many_fields",
    "UNQUOTED VALUE": "bad_quote",
    "INVALID ENCODING": "bad_encoding",
    "INVALID UNICODE": "bad_encoding",
    "LINE SIZE OVER MAXIMUM": "line_too_long",
}


@dataclass
class Collector:
    """Issues in file order; keeps the first ``limit`` and counts all."""

    file_name: str
    limit: int
    error_count: int = 0
    warning_count: int = 0
    _items: list[tuple[tuple, int, Issue]] = field(default_factory=list)

    def add(self, issue: Issue, order: tuple = (0,)) -> None:
        if issue.is_error:
            self.error_count += 1
        else:
            self.warning_count += 1
        self._items.append((order, len(self._items), issue))

    def count_more(self, n: int) -> None:
        """Errors found but not fetched (beyond the limit of their rule)."""
        self.error_count += max(n, 0)

    def issues(self) -> list[Issue]:
        ordered = sorted(self._items, key=lambda item: (item[0], item[1]))
        return [issue for _, _, issue in ordered[: self.limit]]


# Sort groups: file-level problems, then the header, then by place in the file.
FILE, HEADER, BODY = 0, 1, 2


def header_order(columns: tuple[str, ...], issue: Issue) -> tuple:
    """Header issues in the data model's column order, file-level ones first."""
    if issue.column is None and issue.line is None:
        return (FILE,)
    position = columns.index(issue.column) if issue.column in columns else len(columns)
    return (HEADER, position)


class Validator:
    def __init__(self, cur: duckdb.DuckDBPyConnection, plan: Plan, staged: Staged, out: Collector):
        self.cur = cur
        self.plan = plan
        self.staged = staged
        self.out = out
        self.limit = max(out.limit, 1)
        self.order = plan.dataset.column_names
        self._extra_keys: int | None = None  # rows repeating a key, when row_rules counted them

    # -- helpers ---------------------------------------------------------------

    def _query(self, sql: str, **extra):
        params = {**self.plan.params, "limit": self.limit, **extra}
        return self.cur.execute(sql, bind(sql, params)).fetchall()

    def _at(self, row: int, column: str) -> tuple:
        position = self.order.index(column) if column in self.order else len(self.order)
        return (BODY, row, position)

    def _file_key_columns(self) -> tuple[str, ...]:
        """Key columns as the file shows them (a filled-in workshop is not in the file)."""
        key = self.plan.dataset.key
        if self.plan.cmap.fills_workshop and not self.plan.cmap.has(WORKSHOP):
            key = tuple(c for c in key if c != WORKSHOP)
        return key

    def _key_issue(self, code: str, rid: int, texts: tuple, **params) -> None:
        columns = self._file_key_columns()
        by_column = dict(zip(self.plan.dataset.key, texts, strict=True))
        shown = [by_column[c] for c in columns]
        row = self.staged.row_of(rid)
        self.out.add(
            Issue(
                ERROR,
                code,
                self.out.file_name,
                row=row,
                column=" / ".join(columns),
                value=" / ".join("" if t is None else str(t) for t in shown),
                params=params,
            ),
            self._at(row, columns[0] if columns else ""),
        )

    # -- 1. structure ------------------------------------------------------------

    def structure(self) -> None:
        width = self.plan.cmap.width
        for reject in self.staged.rejects[: self.limit]:
            code = _REJECT_CODES.get(reject.kind, "malformed")
            params = {
                "expected": width,
                "found": reject.found if reject.found is not None else "?",
                "encoding": self.plan.detected.encoding,
                "reason": reject.text,
            }
            self.out.add(
                Issue(ERROR, code, self.out.file_name, line=reject.line, params=params),
                (BODY, reject.row, -1),
            )
        self.out.count_more(len(self.staged.rejects) - self.limit)
        if self.staged.capped:
            self.out.add(
                Issue(
                    ERROR,
                    "too_many_malformed",
                    self.out.file_name,
                    params={
                        "limit": f"{REJECTS_LIMIT:,}",
                        "delimiter": _show_delimiter(self.plan.detected.delimiter),
                    },
                ),
                (FILE,),
            )

    # -- 2. row rules ------------------------------------------------------------

    def row_rules(self) -> int:
        """Count every rule in one scan; fetch the first rows of the failing ones.

        The same scan counts the rows that repeat a one-column key, for
        duplicate_keys. Returns the number of rows that are not blank.
        """
        rules = self.plan.rules()
        rows_sql = self.plan.rows_sql()
        counts = [f"count(*) FILTER (WHERE {rule.predicate})" for rule in rules]
        key = self.plan.dataset.key
        single_key = len(key) == 1 and self.plan.key_ready()
        if single_key:
            # Rows beyond the first of each key: sum(n - 1) over the keys, NULL keys aside.
            counts.append(f"count({key[0]}) - count(DISTINCT {key[0]})")
        totals = self._query(f"SELECT {', '.join(['count(*)', *counts])} FROM ({rows_sql})")[0]
        rows, failing = totals[0], totals[1 : 1 + len(rules)]
        if single_key:
            self._extra_keys = totals[-1]
        for rule, count in zip(rules, failing, strict=True):
            if count:
                self._rule_details(rule, rows_sql, count)
        return rows

    def _rule_details(self, rule: Rule, rows_sql: str, count: int) -> None:
        other = f", {self.plan.text_of(rule.other)}" if rule.other else ""
        found = self._query(
            f"SELECT _rid, {self.plan.text_of(rule.column)}{other} FROM ({rows_sql}) "
            f"WHERE {rule.predicate} ORDER BY _rid LIMIT $limit"
        )
        for rid, value, *rest in found:
            code = rule.code
            if code in ("not_number", "not_integer"):
                decimal = self.plan.detected.decimal
                if decimal == "." and _COMMA_DECIMAL.fullmatch(value or ""):
                    code = f"{code}_comma"
                elif decimal == "," and _DOT_DECIMAL.fullmatch(value or ""):
                    code = f"{code}_dot"
            params = dict(rule.params)
            if rest:
                params["other_value"] = quote(rest[0])
            row = self.staged.row_of(rid)
            self.out.add(
                Issue(
                    ERROR,
                    code,
                    self.out.file_name,
                    row=row,
                    column=rule.column,
                    value=value,
                    params=params,
                ),
                self._at(row, rule.column),
            )
        self.out.count_more(count - len(found))

    # -- 3. keys -------------------------------------------------------------------

    def _keys(self, alias: str = "") -> list[str]:
        return [f"{alias}{k}" for k in self.plan.dataset.key]

    def duplicate_keys(self) -> None:
        if not self.plan.key_ready():
            return
        rows_sql = self.plan.rows_sql()
        keys = ", ".join(self._keys())
        present = " AND ".join(f"{k} IS NOT NULL" for k in self._keys())
        groups = (
            f"SELECT {keys}, min(_rid) AS first_rid, count(*) AS n FROM ({rows_sql}) "
            f"WHERE {present} GROUP BY {keys} HAVING count(*) > 1"
        )
        extra = self._extra_keys
        if extra is None:
            (extra,) = self._query(f"SELECT coalesce(sum(n - 1), 0) FROM ({groups})")[0]
        if not extra:
            return
        join = " AND ".join(f"r.{k} = d.{k}" for k in self.plan.dataset.key)
        texts = ", ".join(f"r.{self.plan.text_of(k)}" for k in self.plan.dataset.key)
        found = self._query(
            f"SELECT r._rid, d.first_rid, {texts} FROM ({rows_sql}) r JOIN ({groups}) d ON {join} "
            f"WHERE r._rid > d.first_rid ORDER BY r._rid LIMIT $limit"
        )
        for rid, first_rid, *texts_found in found:
            self._key_issue(
                "duplicate_key", rid, tuple(texts_found), first_row=self.staged.row_of(first_rid)
            )
        self.out.count_more(int(extra) - len(found))

    def existing_keys(self, report: bool) -> int:
        """Rows whose key the table has already; each is an error when ``report``."""
        if not self.plan.key_ready():
            return 0
        rows_sql = self.plan.rows_sql()
        table = self.plan.table
        match = " AND ".join(f"t.{k} = r.{k}" for k in self.plan.dataset.key)
        where = f"EXISTS (SELECT 1 FROM {table} t WHERE {match})"
        (count,) = self._query(f"SELECT count(*) FROM ({rows_sql}) r WHERE {where}")[0]
        if count and report:
            texts = ", ".join(f"r.{self.plan.text_of(k)}" for k in self.plan.dataset.key)
            found = self._query(
                f"SELECT r._rid, {texts} FROM ({rows_sql}) r WHERE {where} "
                "ORDER BY r._rid LIMIT $limit"
            )
            for rid, *texts_found in found:
                self._key_issue("existing_key", rid, tuple(texts_found), dataset=table)
            self.out.count_more(count - len(found))
        return count

    # -- 4. table rules -----------------------------------------------------------

    def table_rules(self) -> None:
        check = TABLE_RULES.get(self.plan.dataset.name)
        if check is not None and self.plan.key_ready():
            check(self)


def _show_delimiter(delimiter: str) -> str:
    return {"\t": "tab", " ": "space"}.get(delimiter, delimiter)


def raci_rule(v: Validator) -> None:
    """Per activity touched by the load, on the table as the load would leave it:
    exactly one accountable (A) team and at least one responsible (R) team."""
    rows_sql = v.plan.rows_sql()
    mode = v.plan.options.mode
    if mode == "replace":
        # The file's workshops are emptied first: only the file's rows remain.
        kept_filter = "false"
    elif mode == "upsert":
        kept_filter = (
            "NOT EXISTS (SELECT 1 FROM incoming i WHERE i.workshop = t.workshop "
            "AND i.activity = t.activity AND i.team = t.team)"
        )
    else:
        kept_filter = "true"
    sql = f"""
        WITH incoming AS (
            SELECT _rid, workshop, activity, team, role FROM ({rows_sql})
        ),
        affected AS (
            SELECT workshop, activity, min(_rid) AS first_rid, arg_min(activity, _rid) AS text
            FROM incoming GROUP BY workshop, activity
        ),
        kept AS (
            SELECT t.workshop, t.activity, t.team, t.role
            FROM raci t JOIN affected a ON a.workshop = t.workshop AND a.activity = t.activity
            WHERE {kept_filter}
        ),
        resulting AS (
            SELECT workshop, activity, team, role FROM kept
            UNION ALL
            SELECT workshop, activity, team, role FROM incoming
        )
        SELECT a.first_rid, a.text,
               count(*) FILTER (WHERE r.role = 'A') AS accountable,
               count(*) FILTER (WHERE r.role = 'R') AS responsible,
               string_agg(r.team, ', ' ORDER BY r.team) FILTER (WHERE r.role = 'A') AS a_teams
        FROM affected a JOIN resulting r ON r.workshop = a.workshop AND r.activity = a.activity
        GROUP BY a.first_rid, a.text
        HAVING count(*) FILTER (WHERE r.role = 'A') <> 1 OR count(*) FILTER (WHERE r.role = 'R') < 1
        ORDER BY a.first_rid
    """
    for first_rid, text, accountable, responsible, a_teams in v._query(sql):
        row = v.staged.row_of(first_rid)
        problems = []
        if accountable == 0:
            problems.append(("raci_no_accountable", {}))
        elif accountable > 1:
            problems.append(("raci_many_accountable", {"count": accountable, "teams": a_teams}))
        if responsible == 0:
            problems.append(("raci_no_responsible", {}))
        for code, params in problems:
            v.out.add(
                Issue(
                    ERROR,
                    code,
                    v.out.file_name,
                    row=row,
                    column="activity",
                    value=text,
                    params=params,
                ),
                v._at(row, "activity"),
            )


# Rules on the table state a load would leave, per dataset.
TABLE_RULES = {"raci": raci_rule}
