"""The demo generator: deterministic, within every schema rule, and telling its story."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from cxdash import store
from cxdash.demo import END, START, TX_START, build, generator
from cxdash.schema import (
    ARTEFACT_DATASETS,
    CUSTOMER_DATASETS,
    DATASETS,
    DEFAULT_WORKSHOP,
    HORIZONS,
    LIFECYCLES,
    ROADMAP_STATUSES,
    STAGES,
)

CHANNELS = {"web", "mobile_app", "store", "social", "email", "phone", "chat"}
ORDER_CHANNELS = {"web", "mobile_app", "store", "social", "phone"}
TICKET_CHANNELS = {"phone", "email", "chat", "social", "store"}
CAMPAIGN_CHANNELS = {"web", "mobile_app", "store", "social"}
DEVICES = {"desktop", "mobile", "tablet"}
INTENTS = {"browse", "compare", "buy", "support", "renew", "refer"}
SEGMENTS = {"Retail", "Premium", "SMB", "VIP"}
REGIONS = {
    "Tashkent",
    "Tashkent region",
    "Samarkand",
    "Fergana",
    "Andijan",
    "Namangan",
    "Kashkadarya",
    "Bukhara",
    "Khorezm",
    "Surkhandarya",
    "Karakalpakstan",
    "Navoi",
    "Jizzakh",
    "Syrdarya",
}
GENERATED = (*CUSTOMER_DATASETS, "kpi_targets")


def _digest(con) -> dict[str, tuple]:
    """Row count and an order-independent hash of every row, per dataset."""
    return {
        name: con.execute(f"SELECT count(*), sum(hash(t)) FROM {name} AS t").fetchone()
        for name in DATASETS
    }


def _one(con, sql: str, params: dict | None = None):
    return con.execute(sql, params or {}).fetchone()[0]


@pytest.fixture(scope="module")
def built():
    """The small demo, built once for the module, with what build() returned and reported."""
    connection = store.connect(":memory:")
    progress: list[tuple[float, str]] = []
    counts = build(connection, "small", 42, progress=lambda f, m: progress.append((f, m)))
    yield SimpleNamespace(con=connection, counts=counts, progress=progress)
    connection.close()


@pytest.fixture
def demo(built):
    return built.con


# --- the build itself -------------------------------------------------------------


def test_counts_match_tables_and_every_dataset_has_rows(built):
    counts = built.counts
    assert set(counts) == set(DATASETS)
    assert counts == store.dataset_counts(built.con)
    assert all(n > 0 for n in counts.values()), counts
    assert counts["customers"] == 20_000
    assert 200 <= counts["campaigns"] <= 400


def test_rows_per_customer_meet_the_large_scale_promises(built):
    # large = 1M customers must give >= 5M orders, 10M touchpoints, 500k tickets and surveys;
    # the per-customer ratios are the same at every scale.
    n = built.counts["customers"]
    assert 5.1 <= built.counts["orders"] / n <= 6.5
    assert 10.3 <= built.counts["touchpoints"] / n <= 13
    assert 0.51 <= built.counts["tickets"] / n <= 0.7
    assert 0.51 <= built.counts["surveys"] / n <= 0.7


def test_progress_is_reported_from_zero_to_one(built):
    fractions = [f for f, _ in built.progress]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(isinstance(m, str) and m for _, m in built.progress)


def test_meta_records_the_demo_and_the_version_moves(demo):
    assert _one(demo, "SELECT value FROM meta WHERE key = 'demo'") == "small:42"
    assert store.data_version(demo) >= 1


def test_nothing_temporary_is_left_behind(demo):
    assert _one(demo, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'demo%'") == 0
    assert (
        _one(demo, "SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'demo%'") == 0
    )
    assert _one(demo, "SELECT getvariable('demo_seed')") is None


def test_same_seed_same_data_other_seed_other_data_and_rebuild_replaces(con, demo):
    reference = _digest(demo)
    first = build(con, "small", 42)
    assert _digest(con) == reference  # byte-identical rows in a fresh database
    version = store.data_version(con)
    con.execute("CREATE INDEX orders_by_day ON orders (order_date)")  # someone's own index
    second = build(con, "small", 7)  # a rebuild replaces, never appends
    assert (
        _one(con, "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'orders_by_day'") == 1
    )
    assert second["customers"] == first["customers"] == 20_000
    assert abs(second["orders"] - first["orders"]) < 0.05 * first["orders"]
    assert store.data_version(con) == version + 1
    other = _digest(con)
    for name in GENERATED:
        assert other[name] != reference[name], name
    for name in ARTEFACT_DATASETS:  # the artefacts are fixed data, rewritten each time
        assert other[name] == reference[name], name
    assert _one(con, "SELECT value FROM meta WHERE key = 'demo'") == "small:7"


def test_a_failed_build_leaves_the_database_as_it_was(con, monkeypatch):
    con.execute("INSERT INTO customers (customer_id, signup_date) VALUES ('K1', DATE '2020-01-01')")
    con.execute("INSERT INTO trends (workshop, trend) VALUES ('default', 'Our own trend')")
    before = _digest(con)
    version = store.data_version(con)

    def boom(_con):
        raise RuntimeError("disk full")

    monkeypatch.setattr(generator, "_insert_artefacts", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        build(con, "small", 4)
    assert _digest(con) == before
    assert store.data_version(con) == version
    assert _one(con, "SELECT count(*) FROM meta WHERE key = 'demo'") == 0
    assert _one(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'demo%'") == 0
    assert _one(con, "SELECT getvariable('demo_seed')") is None


@pytest.mark.parametrize(
    ("scale", "seed"), [("huge", 1), ("small", "42"), ("small", 1.5), ("small", True)]
)
def test_bad_scale_or_seed_is_refused_before_touching_data(con, scale, seed):
    with pytest.raises(ValueError):
        build(con, scale, seed)
    assert store.dataset_counts(con) == dict.fromkeys(DATASETS, 0)


# --- schema rules -----------------------------------------------------------------


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_schema_rule_holds(demo, name):
    ds = DATASETS[name]
    for col in ds.columns:
        if col.required:
            assert _one(demo, f"SELECT count(*) FROM {name} WHERE {col.name} IS NULL") == 0, col
        if col.min is not None:
            assert (
                _one(demo, f"SELECT count(*) FROM {name} WHERE {col.name} < $v", {"v": col.min})
                == 0
            ), col
        if col.max is not None:
            assert (
                _one(demo, f"SELECT count(*) FROM {name} WHERE {col.name} > $v", {"v": col.max})
                == 0
            ), col
        if col.choices:
            values = {
                r[0]
                for r in demo.execute(
                    f"SELECT DISTINCT {col.name} FROM {name} WHERE {col.name} IS NOT NULL"
                ).fetchall()
            }
            assert values <= set(col.choices), (col, values)
    for later, earlier in ds.ordered:
        assert _one(demo, f"SELECT count(*) FROM {name} WHERE {later} < {earlier}") == 0
    key = ", ".join(ds.key)
    assert (
        _one(
            demo,
            f"SELECT count(*) FROM (SELECT {key} FROM {name} GROUP BY ALL HAVING count(*) > 1)",
        )
        == 0
    )


def test_every_stage_appears_and_the_funnel_narrows(demo):
    rows = dict(demo.execute("SELECT stage, count(*) FROM touchpoints GROUP BY stage").fetchall())
    assert set(rows) == set(STAGES)
    assert rows["awareness"] > rows["consideration"] > rows["purchase"]
    assert rows["purchase"] > rows["loyalty"] > rows["advocacy"]


def test_ids_look_like_ids(demo):
    patterns = {
        ("customers", "customer_id"): r"C\d{6}",
        ("orders", "order_id"): r"O\d{7}",
        ("campaigns", "campaign_id"): r"CMP\d{4}",
        ("touchpoints", "event_id"): r"E\d{8}",
        ("tickets", "ticket_id"): r"T\d{7}",
        ("surveys", "response_id"): r"S\d{7}",
    }
    for (table, column), pattern in patterns.items():
        bad = _one(
            demo,
            f"SELECT count(*) FROM {table} WHERE NOT regexp_full_match({column}, $p)",
            {"p": pattern},
        )
        assert bad == 0, (table, column)
    assert _one(demo, "SELECT min(customer_id) FROM customers") == "C000001"
    assert _one(demo, "SELECT min(order_id) FROM orders") == "O0000001"


def test_dates_stay_inside_the_fixed_calendar(demo):
    bounds = {
        "customers": "signup_date",
        "orders": "order_date",
        "campaigns": "start_date",
        "touchpoints": "ts",
        "tickets": "opened_at",
        "surveys": "responded_at",
    }
    for table, column in bounds.items():
        low, high = demo.execute(
            f"SELECT CAST(min({column}) AS DATE), CAST(max({column}) AS DATE) FROM {table}"
        ).fetchone()
        assert START <= low and high <= END, table
    assert _one(demo, "SELECT max(end_date) FROM campaigns") <= END
    assert _one(demo, "SELECT CAST(max(resolved_at) AS DATE) FROM tickets") <= END
    assert _one(demo, "SELECT max(order_date) FROM orders") == END


def test_customer_rows_point_at_existing_customers(demo):
    for table in ("orders", "touchpoints", "tickets", "surveys"):
        dangling = _one(
            demo,
            f"SELECT count(*) FROM {table} AS t WHERE t.customer_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM customers AS c WHERE c.customer_id = t.customer_id)",
        )
        assert dangling == 0, table


def test_referrals_point_to_earlier_customers(demo):
    referred, earlier, share = demo.execute(
        """
        SELECT count(*), count(*) FILTER (WHERE r.signup_date < c.signup_date),
               100.0 * count(*) / (SELECT count(*) FROM customers)
        FROM customers AS c LEFT JOIN customers AS r ON r.customer_id = c.referred_by
        WHERE c.referred_by IS NOT NULL
        """
    ).fetchone()
    assert referred == earlier
    assert 8 <= share <= 15
    assert (
        _one(
            demo,
            "SELECT count(*) FROM customers WHERE referred_by IS NOT NULL "
            "AND acquisition_channel <> 'referral'",
        )
        == 0
    )


def test_vocabularies(demo):
    def values(sql):
        return {r[0] for r in demo.execute(sql).fetchall()}

    assert values("SELECT DISTINCT segment FROM customers") == SEGMENTS
    assert values("SELECT DISTINCT region FROM customers") == REGIONS
    assert values("SELECT DISTINCT channel FROM orders") == ORDER_CHANNELS
    assert values("SELECT DISTINCT channel FROM tickets") == TICKET_CHANNELS
    assert values("SELECT DISTINCT channel FROM campaigns") == CAMPAIGN_CHANNELS
    assert values("SELECT DISTINCT channel FROM touchpoints") == CHANNELS
    assert values("SELECT DISTINCT channel FROM surveys") <= CHANNELS
    assert values("SELECT DISTINCT intent FROM touchpoints") == INTENTS
    for table in ("orders", "touchpoints"):
        assert values(f"SELECT DISTINCT device FROM {table} WHERE device IS NOT NULL") == DEVICES
        # no device for a store visit or a phone call, always one online
        assert (
            _one(
                demo,
                f"SELECT count(*) FROM {table} WHERE (device IS NULL) <> "
                "(channel IN ('store', 'phone'))",
            )
            == 0
        )


def test_campaign_orders_fall_inside_their_campaign(demo):
    total, credited, mismatched = demo.execute(
        """
        SELECT count(*), count(o.campaign_id),
               count(*) FILTER (WHERE o.campaign_id IS NOT NULL AND (c.campaign_id IS NULL
                   OR o.order_date NOT BETWEEN c.start_date AND c.end_date
                   OR o.channel <> c.channel))
        FROM orders AS o LEFT JOIN campaigns AS c ON c.campaign_id = o.campaign_id
        """
    ).fetchone()
    assert mismatched == 0
    assert 0.08 <= credited / total <= 0.25
    assert _one(demo, "SELECT count(DISTINCT name) FROM campaigns") == _one(
        demo, "SELECT count(*) FROM campaigns"
    )


# --- the story --------------------------------------------------------------------


def test_nps_improves_after_the_transformation(demo):
    before, after = demo.execute(
        """
        SELECT 100.0 * (count(*) FILTER (WHERE nps >= 9 AND responded_at < $tx)
                        - count(*) FILTER (WHERE nps <= 6 AND responded_at < $tx))
                     / count(nps) FILTER (WHERE responded_at < $tx),
               100.0 * (count(*) FILTER (WHERE nps >= 9 AND responded_at >= $tx)
                        - count(*) FILTER (WHERE nps <= 6 AND responded_at >= $tx))
                     / count(nps) FILTER (WHERE responded_at >= $tx)
        FROM surveys
        """,
        {"tx": TX_START},
    ).fetchone()
    assert after > before + 15, (before, after)


def test_orders_move_to_mobile_and_contacts_to_chat_and_social(demo):
    first_year = {"a": START, "b": dt.date(2024, 9, 30)}
    last_year = {"a": dt.date(2025, 10, 1), "b": END}
    share_app = (
        "SELECT 100.0 * count(*) FILTER (WHERE channel = 'mobile_app') / count(*) "
        "FROM orders WHERE order_date BETWEEN $a AND $b"
    )
    share_mobile = (
        "SELECT 100.0 * count(*) FILTER (WHERE device = 'mobile') / count(*) "
        "FROM orders WHERE order_date BETWEEN $a AND $b"
    )
    share_chat = (
        "SELECT 100.0 * count(*) FILTER (WHERE channel IN ('chat', 'social')) / count(*) "
        "FROM tickets WHERE CAST(opened_at AS DATE) BETWEEN $a AND $b"
    )
    assert _one(demo, share_app, last_year) > _one(demo, share_app, first_year) + 15
    assert _one(demo, share_mobile, last_year) > _one(demo, share_mobile, first_year) + 15
    assert _one(demo, share_chat, last_year) > _one(demo, share_chat, first_year) + 15


def test_chat_resolves_fastest_and_email_slowest(demo):
    medians = dict(
        demo.execute(
            "SELECT channel, median(date_diff('second', opened_at, resolved_at)) FROM tickets "
            "GROUP BY channel"
        ).fetchall()
    )
    assert min(medians, key=medians.get) == "chat"
    assert max(medians, key=medians.get) == "email"
    assert medians["email"] > 10 * medians["chat"]


def test_service_gets_faster_and_more_satisfying(demo):
    rows = demo.execute(
        """
        SELECT opened_at >= $full AS after,
               100.0 * count(*) FILTER (WHERE CAST(resolved_at AS DATE) = CAST(opened_at AS DATE))
                   / count(*) AS same_day,
               100.0 * count(*) FILTER (WHERE first_contact_resolution) / count(*) AS fcr
        FROM tickets WHERE opened_at < $tx OR opened_at >= $full
        GROUP BY ALL
        """,
        {"tx": TX_START, "full": generator.TX_FULL},
    ).fetchall()
    by = {after: (same_day, fcr) for after, same_day, fcr in rows}
    assert by[True][0] > by[False][0] + 10
    assert by[True][1] > by[False][1] + 5
    quick, slow = demo.execute(
        "SELECT avg(satisfaction) FILTER (WHERE first_contact_resolution), "
        "avg(satisfaction) FILTER (WHERE NOT first_contact_resolution) FROM tickets"
    ).fetchone()
    assert quick > slow + 0.3


def test_some_tickets_stay_open_and_some_close_after_midnight(demo):
    still_open, overnight, total = demo.execute(
        "SELECT count(*) FILTER (WHERE resolved_at IS NULL), "
        "count(*) FILTER (WHERE CAST(resolved_at AS DATE) > CAST(opened_at AS DATE)), count(*) "
        "FROM tickets"
    ).fetchone()
    assert 0 < still_open < 0.1 * total
    assert 0 < overnight < total


def test_cohorts_decay_and_later_cohorts_keep_more(demo):
    rows = demo.execute(
        """
        WITH firsts AS (
            SELECT customer_id, date_trunc('month', min(order_date)) AS cohort
            FROM orders GROUP BY customer_id
        ), months AS (
            SELECT DISTINCT customer_id, date_trunc('month', order_date) AS month FROM orders
        )
        SELECT cohort, cohort >= $tx AS after,
               date_diff('month', cohort, month) AS k,
               100.0 * count(*) / any_value(size) AS rate
        FROM (SELECT *, count(*) OVER (PARTITION BY cohort) AS size FROM firsts) AS f
        JOIN months USING (customer_id)
        WHERE cohort < $last_cohort
        GROUP BY cohort, after, k
        """,
        {"tx": TX_START, "last_cohort": dt.date(2025, 10, 1)},
    ).fetchall()
    # the mean retention of cohorts before / after the transformation, per month k
    by: dict[tuple[bool, int], list[float]] = {}
    for _cohort, after, k, rate in rows:
        by.setdefault((after, k), []).append(rate)

    def mean(after, k):
        values = by[(after, k)]
        return sum(values) / len(values)

    for after in (False, True):
        assert mean(after, 0) == 100
        assert mean(after, 1) < 60
        assert mean(after, 1) > mean(after, 6) > 0
    assert mean(False, 3) > mean(False, 12)
    assert mean(True, 6) > mean(False, 6) + 3


def test_seasonality_peaks_before_navruz_and_new_year_and_dips_in_summer(demo):
    rows = dict(
        demo.execute(
            "SELECT month(order_date), count(*) FROM orders "
            "WHERE order_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31' GROUP BY 1"
        ).fetchall()
    )
    assert rows[3] > rows[2] and rows[3] > rows[4]
    assert rows[12] == max(rows.values())
    assert rows[7] < rows[6] and rows[7] < rows[9]


def test_conversion_is_realistic(demo):
    rates = [
        r[0]
        for r in demo.execute(
            """
        SELECT 100.0 * count(*) FILTER (WHERE aware AND bought) / count(*) FILTER (WHERE aware)
        FROM (SELECT customer_id, date_trunc('quarter', ts) AS q,
                     bool_or(stage = 'awareness') AS aware, bool_or(stage = 'purchase') AS bought
              FROM touchpoints WHERE ts >= DATE '2024-04-01' GROUP BY ALL)
        GROUP BY q
        """
        ).fetchall()
    ]
    assert rates and all(20 <= r <= 42 for r in rates), rates


def test_comments_are_multilingual_and_follow_the_score(demo):
    uzbek, russian, distinct = demo.execute(
        "SELECT count(*) FILTER (WHERE comment LIKE '%ʻ%'), "
        "count(*) FILTER (WHERE regexp_matches(comment, '[а-яА-Я]')), count(DISTINCT comment) "
        "FROM surveys"
    ).fetchone()
    assert uzbek > 0 and russian > 0
    assert 35 <= distinct <= 45
    assert _one(demo, "SELECT count(*) FROM surveys WHERE comment LIKE '%Payme%'") > 0
    happy = _one(
        demo,
        "SELECT avg(nps) FROM surveys WHERE comment = 'Chat support fixed my "
        "issue in five minutes.'",
    )
    unhappy = _one(
        demo, "SELECT avg(nps) FROM surveys WHERE comment = 'Email support is far too slow.'"
    )
    assert happy > unhappy + 3


def test_kpi_targets_cover_quarters_and_are_sometimes_met(demo):
    kpis = {r[0] for r in demo.execute("SELECT DISTINCT kpi FROM kpi_targets").fetchall()}
    assert len(kpis) >= 15
    assert {"revenue", "nps", "fcr", "same_day_resolution_rate", "cac"} <= kpis
    assert (
        _one(
            demo,
            "SELECT count(*) FROM kpi_targets WHERE period_end <> "
            "CAST(period_start + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)",
        )
        == 0
    )
    assert (
        _one(
            demo,
            "SELECT count(*) FROM kpi_targets WHERE month(period_start) % 3 <> 1 "
            "OR day(period_start) <> 1",
        )
        == 0
    )
    met, total = demo.execute(
        """
        WITH actual AS (
            SELECT CAST(date_trunc('quarter', responded_at) AS DATE) AS q,
                   100.0 * (count(*) FILTER (WHERE nps >= 9) - count(*) FILTER (WHERE nps <= 6))
                       / count(nps) AS nps
            FROM surveys GROUP BY 1
        )
        SELECT count(*) FILTER (WHERE a.nps >= t.target), count(*)
        FROM kpi_targets AS t JOIN actual AS a ON a.q = t.period_start
        WHERE t.kpi = 'nps'
        """
    ).fetchone()
    assert total >= 8
    assert 0 < met < total


# --- workshop artefacts -----------------------------------------------------------


def test_every_artefact_has_a_worked_example(demo):
    for name in ARTEFACT_DATASETS:
        n, workshops = demo.execute(
            f"SELECT count(*), count(DISTINCT workshop) FROM {name}"
        ).fetchone()
        assert n >= 5, name
        assert workshops == 1, name
        assert _one(demo, f"SELECT any_value(workshop) FROM {name}") == DEFAULT_WORKSHOP


def test_artefacts_cover_their_vocabularies(demo):
    def values(sql):
        return {r[0] for r in demo.execute(sql).fetchall()}

    assert values("SELECT stage FROM journey_notes") == set(STAGES)
    assert values("SELECT horizon FROM milestones") == set(HORIZONS)
    assert values("SELECT lifecycle FROM tech_stack") == set(LIFECYCLES)
    assert values("SELECT roadmap_status FROM trends") == set(ROADMAP_STATUSES)
    assert values("SELECT step FROM maturity") == set(range(1, 9))
    assert 4 <= _one(demo, "SELECT count(DISTINCT participant) FROM maturity") <= 5
    assert len(values("SELECT status FROM milestones")) >= 3


def test_raci_has_one_accountable_and_a_responsible_per_activity(demo):
    rows = demo.execute(
        "SELECT activity, count(*) FILTER (WHERE role = 'A'), count(*) FILTER (WHERE role = 'R') "
        "FROM raci GROUP BY activity"
    ).fetchall()
    assert len(rows) >= 5
    for activity, accountable, responsible in rows:
        assert accountable == 1, activity
        assert responsible >= 1, activity


def test_tech_stack_steps_and_touchpoints_use_the_vocabularies(demo):
    for steps, touchpoints in demo.execute("SELECT steps, touchpoints FROM tech_stack").fetchall():
        assert steps and all(re.fullmatch(r"[1-8]", s) for s in steps.split(","))
        if touchpoints:
            assert set(touchpoints.split(",")) <= CHANNELS
