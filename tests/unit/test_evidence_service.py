import datetime as dt

import pandas as pd
import pytest

from cxdash import artefacts
from cxdash.evidence import service
from cxdash.filters import Filters
from cxdash.period import Period

MARCH = Period(dt.date(2024, 3, 1), dt.date(2024, 3, 31))


@pytest.fixture
def tickets(con):
    """Seven tickets, hand-timed around the edges of March 2024.

    t1 phone 0.5 h, same day, first contact     t2 phone 2 h, over midnight
    t3 email 96 h, first-contact flag NULL      t4 chat never resolved (31 March)
    t5 chat exactly 8 h, on 1 April             t6 phone 29 Feb 23:59:59, resolved 1 March
    t7 store never resolved (10 January)
    c2 (t3, t4) is the only VIP customer.
    """
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment) VALUES "
        "('c1', DATE '2023-01-01', 'Retail'), ('c2', DATE '2023-01-01', 'VIP')"
    )
    con.execute(
        """
        INSERT INTO tickets (ticket_id, customer_id, opened_at, resolved_at, channel,
                             first_contact_resolution) VALUES
        ('t1', 'c1', TIMESTAMP '2024-03-05 10:00', TIMESTAMP '2024-03-05 10:30', 'phone', TRUE),
        ('t2', 'c1', TIMESTAMP '2024-03-05 23:00', TIMESTAMP '2024-03-06 01:00', 'phone', FALSE),
        ('t3', 'c2', TIMESTAMP '2024-03-10 09:00', TIMESTAMP '2024-03-14 09:00', 'email', NULL),
        ('t4', 'c2', TIMESTAMP '2024-03-31 23:59', NULL, 'chat', FALSE),
        ('t5', 'c1', TIMESTAMP '2024-04-01 00:00', TIMESTAMP '2024-04-01 08:00', 'chat', TRUE),
        ('t6', 'c1', TIMESTAMP '2024-02-29 23:59:59', TIMESTAMP '2024-03-01 00:00:30', 'phone',
         TRUE),
        ('t7', 'c1', TIMESTAMP '2024-01-10 12:00', NULL, 'store', FALSE)
        """
    )
    return con


def _cells(frame: pd.DataFrame, *keys: str, value: str) -> dict:
    return {tuple(row[k] for k in keys): row[value] for _, row in frame.iterrows()}


def test_tickets_by_month_fills_every_month_per_channel_by_volume(tickets):
    frame = service.tickets_by_month(tickets, dt.date(2024, 4, 15), Filters(), months=3)
    assert list(frame.columns) == ["month", "channel", "tickets"]
    # phone 3, chat 2, email 1; t7 (January) is before the window.
    assert list(dict.fromkeys(frame["channel"])) == ["phone", "chat", "email"]
    months = [m.strftime("%Y-%m") for m in frame["month"][frame["channel"] == "phone"]]
    assert months == ["2024-02", "2024-03", "2024-04"]
    cells = {(m.strftime("%m"), c): n for m, c, n in frame.itertuples(index=False)}
    assert cells[("02", "phone")] == 1 and cells[("03", "phone")] == 2
    assert cells[("04", "phone")] == 0
    assert cells[("03", "chat")] == 1 and cells[("04", "chat")] == 1


def test_tickets_by_month_stops_at_the_end_day_and_follows_filters(tickets):
    frame = service.tickets_by_month(tickets, dt.date(2024, 3, 31), Filters(), months=1)
    assert frame["tickets"].sum() == 4  # t1-t4; t5 opens at midnight after the end day
    chat = service.tickets_by_month(
        tickets, dt.date(2024, 4, 30), Filters(channels=("chat",)), months=2
    )
    assert set(chat["channel"]) == {"chat"} and chat["tickets"].sum() == 2
    vip = service.tickets_by_month(
        tickets, dt.date(2024, 4, 30), Filters(segments=("VIP",)), months=2
    )
    assert vip["tickets"].sum() == 2 and set(vip["channel"]) == {"chat", "email"}


def test_resolution_times_buckets_by_exact_hours(tickets):
    frame = service.resolution_times(tickets, MARCH, Filters())
    assert list(frame.columns) == ["channel", "bucket", "tickets", "share"]
    # Every bucket for every channel with tickets in March: phone, then chat and email.
    assert len(frame) == 3 * len(service.RESOLUTION_BUCKETS)
    counts = _cells(frame[frame["tickets"] > 0], "channel", "bucket", value="tickets")
    assert counts == {
        ("phone", "under_1h"): 1,
        ("phone", "1_4h"): 1,
        ("email", "over_3d"): 1,
        ("chat", "unresolved"): 1,
    }
    shares = frame.groupby("channel")["share"].sum()
    assert shares.round(6).tolist() == [100.0, 100.0, 100.0]
    assert frame.set_index(["channel", "bucket"]).loc[("phone", "1_4h"), "share"] == 50.0


def test_resolution_times_includes_a_bucket_s_lower_bound(tickets):
    april = Period(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    frame = service.resolution_times(tickets, april, Filters())
    assert _cells(frame[frame["tickets"] > 0], "channel", "bucket", value="tickets") == {
        ("chat", "8_24h"): 1  # exactly 8 hours is 8-24 h, not 4-8 h
    }


def test_resolution_rates_match_the_kpi_definitions_per_channel(tickets):
    frame = service.resolution_rates(tickets, MARCH, Filters())
    assert list(frame.columns) == ["channel", "tickets", "fcr", "same_day_resolution_rate"]
    assert list(frame["channel"]) == ["phone", "chat", "email"]
    rows = frame.set_index("channel")
    assert rows.loc["phone"].tolist() == [2, 50.0, 50.0]  # t2 is resolved the next day
    assert rows.loc["email", "fcr"] == 0.0  # a NULL flag counts in the denominator
    assert rows.loc["chat", "same_day_resolution_rate"] == 0.0  # unresolved counts too


def test_resolution_rates_follow_the_segment_filter(tickets):
    frame = service.resolution_rates(tickets, MARCH, Filters(segments=("VIP",)))
    assert sorted(frame["channel"]) == ["chat", "email"]
    assert frame["tickets"].sum() == 2


def test_open_backlog_counts_tickets_open_at_each_month_end_by_age(tickets):
    frame = service.open_backlog(tickets, dt.date(2024, 4, 15), Filters(), months=3)
    assert list(frame.columns) == ["month", "age", "tickets"]
    assert len(frame) == 3 * len(service.BACKLOG_AGES)
    cells = {(m.strftime("%m"), a): n for m, a, n in frame.itertuples(index=False) if n}
    assert cells == {
        # End of February: t6 (opened that day, resolved 30 s after midnight), t7 (50 days).
        ("02", "under_7d"): 1,
        ("02", "over_30d"): 1,
        # End of March: t4 (opened on the 31st); t5 opens exactly at the snapshot.
        ("03", "under_7d"): 1,
        ("03", "over_30d"): 1,
        # April's snapshot is the end day, 15 April: t4 is 15 days old.
        ("04", "7_30d"): 1,
        ("04", "over_30d"): 1,
    }


def test_open_backlog_follows_filters(tickets):
    frame = service.open_backlog(
        tickets, dt.date(2024, 4, 15), Filters(channels=("store",)), months=3
    )
    assert frame.groupby("age")["tickets"].sum().to_dict() == {
        "7_30d": 0,
        "over_30d": 3,
        "under_7d": 0,
    }


def test_ticket_evidence_on_an_empty_table(con):
    assert service.tickets_by_month(con, dt.date(2024, 3, 31), Filters()).empty
    times = service.resolution_times(con, MARCH, Filters())
    assert times.empty and list(times.columns) == ["channel", "bucket", "tickets", "share"]
    rates = service.resolution_rates(con, MARCH, Filters())
    assert rates.empty and "same_day_resolution_rate" in rates.columns
    backlog = service.open_backlog(con, dt.date(2024, 3, 31), Filters(), months=2)
    assert backlog.empty and list(backlog.columns) == ["month", "age", "tickets"]


def test_open_backlog_is_empty_when_nothing_was_ever_open_at_a_month_end(tickets):
    # t1 and t2 of March were resolved within March; nothing open at its end but t4, t7.
    frame = service.open_backlog(tickets, dt.date(2024, 3, 31), Filters(channels=("phone",)), 1)
    assert frame.empty


def _barriers(con, rows):
    frame = pd.DataFrame(
        rows, columns=["process", "area", "barrier", "severity", "owner", "action", "status"]
    )
    result = artefacts.save(con, "barriers", frame)
    assert result is None or result.ok, result and result.report()
    return artefacts.read(con, "barriers")


def test_barrier_matrix_counts_and_takes_the_highest_severity(con):
    saved = _barriers(
        con,
        [
            ("Refunds", "Policy", "Director signs refunds", 4, "Ops", "", "in progress"),
            ("Consent", "Policy", "Paper consent", 2, "Legal", "", "in progress"),
            ("Consent", "Policy", "No digital record", None, "Legal", "", "open"),
            ("Data", "Systems", "No shared ID", 5, "CIO", "", "open"),
            ("Email", "Process", "72-hour SLA", 3, "CS", "", "done"),
            ("Misc", None, "Nobody owns it", 1, None, None, None),
        ],
    )
    frame = service.barrier_matrix(saved, blank="-")
    assert list(frame.columns) == ["area", "status", "barriers", "max_severity"]
    # Policy has most barriers; statuses in workflow order; blanks get the label.
    assert list(zip(frame["area"], frame["status"], strict=True)) == [
        ("Policy", "open"),
        ("Policy", "in progress"),
        ("-", "-"),
        ("Process", "done"),
        ("Systems", "open"),
    ]
    cells = frame.set_index(["area", "status"])
    assert cells.loc[("Policy", "in progress")].tolist() == [2, 4.0]
    assert pd.isna(cells.loc[("Policy", "open"), "max_severity"])


def test_barrier_matrix_of_no_barriers(con):
    frame = service.barrier_matrix(artefacts.read(con, "barriers"))
    assert frame.empty and list(frame.columns) == ["area", "status", "barriers", "max_severity"]
