"""The baseline Overview: the usual way a Streamlit dashboard is written.

Whole tables are read into pandas once and kept under ``st.cache_data``; every
KPI and chart of the period is computed in pandas on each run. The benchmark
opens it from a link with a date range, as it opens cxdash's Overview, and
compares how long a real browser takes to draw the charts. It draws the same
kinds of charts (KPI bars, revenue by month, a KPI against its target, the
maturity radar) from the same database, read-only.

    CXDASH_DB=path streamlit run cxdash/ui/bench_baseline.py
"""

from __future__ import annotations

import datetime as dt
import os

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

_TABLES = ("orders", "customers", "surveys", "tickets", "campaigns", "kpi_targets", "maturity")


@st.cache_data
def tables(path: str) -> dict[str, pd.DataFrame]:
    with duckdb.connect(path, read_only=True) as con:
        return {name: con.execute(f"SELECT * FROM {name}").df() for name in _TABLES}


def _day(name: str, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(st.query_params.get(name, ""))
    except ValueError:
        return default


def _between(frame: pd.DataFrame, column: str, start: dt.date, end: dt.date) -> pd.DataFrame:
    days = frame[column].dt.normalize()
    return frame[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))]


def kpis(data: dict[str, pd.DataFrame], start: dt.date, end: dt.date) -> dict[str, float]:
    orders = data["orders"]
    inside = _between(orders, "order_date", start, end)
    days = (end - start).days + 1
    before = _between(
        orders, "order_date", start - dt.timedelta(days=days), start - dt.timedelta(days=1)
    )
    revenue = inside["amount"].sum()
    active = inside["customer_id"].nunique()
    per_customer = inside.groupby("customer_id").size()
    first = orders.groupby("customer_id")["order_date"].min()
    new = first[(first >= pd.Timestamp(start)) & (first <= pd.Timestamp(end))]
    earlier = set(before["customer_id"])
    churned = len(earlier - set(inside["customer_id"]))
    year = _between(orders, "order_date", end - dt.timedelta(days=364), end)
    surveys = _between(data["surveys"], "responded_at", start, end)
    nps = surveys["nps"].dropna()
    tickets = _between(data["tickets"], "opened_at", start, end)
    resolved = tickets.dropna(subset=["resolved_at"])
    referred = data["customers"].set_index("customer_id")["referred_by"].reindex(new.index)
    return {
        "revenue": revenue,
        "orders": len(inside),
        "aov": revenue / len(inside) if len(inside) else None,
        "active_customers": active,
        "new_customers": len(new),
        "repeat_purchase_rate": (per_customer >= 2).mean() * 100 if active else None,
        "churn_rate": churned / len(earlier) * 100 if earlier else None,
        "arpc_12m": year["amount"].sum() / year["customer_id"].nunique() if len(year) else None,
        "nps": ((nps >= 9).sum() - (nps <= 6).sum()) / len(nps) * 100 if len(nps) else None,
        "csat": (surveys["csat"].dropna() >= 4).mean() * 100,
        "ces": surveys["ces"].mean(),
        "fcr": tickets["first_contact_resolution"].fillna(False).mean() * 100,
        "avg_resolution_hours": (
            (resolved["resolved_at"] - resolved["opened_at"]).dt.total_seconds().mean() / 3600
        ),
        "same_day_resolution_rate": (
            resolved["resolved_at"].dt.normalize() == resolved["opened_at"].dt.normalize()
        ).sum()
        / max(len(tickets), 1)
        * 100,
        "referral_rate": referred.notna().mean() * 100 if len(new) else None,
    }


def main() -> None:
    st.set_page_config(page_title="Baseline overview", layout="wide")
    data = tables(os.environ["CXDASH_DB"])
    orders = data["orders"]
    last = orders["order_date"].max().date()
    end = _day("to", last)
    start = _day("from", end - dt.timedelta(days=89))
    st.title("Overview (pandas baseline)")
    values = kpis(data, start, end)
    columns = st.columns(5)
    for i, (name, value) in enumerate(values.items()):
        columns[i % 5].metric(name, "no data" if value is None else f"{value:,.1f}")

    months = orders[orders["order_date"] <= pd.Timestamp(end)]
    monthly = months.groupby(months["order_date"].dt.to_period("M"))["amount"].sum().tail(24)
    st.plotly_chart(go.Figure(go.Bar(x=monthly.index.astype(str), y=monthly.values)))
    shown = {k: v for k, v in values.items() if v is not None}
    st.plotly_chart(go.Figure(go.Bar(x=list(shown), y=list(shown.values()))))
    targets = data["kpi_targets"]
    revenue_targets = targets[targets["kpi"] == "revenue"]
    st.plotly_chart(
        go.Figure(
            [
                go.Scatter(x=monthly.index.astype(str), y=monthly.values, name="revenue"),
                go.Scatter(
                    x=revenue_targets["period_start"].astype(str),
                    y=revenue_targets["target"] / 3,
                    name="target",
                ),
            ]
        )
    )
    maturity = data["maturity"].groupby("step")["score"].mean()
    st.plotly_chart(go.Figure(go.Scatterpolar(r=maturity.values, theta=maturity.index)))


if __name__ == "__main__":  # as `streamlit run` runs it; importing it draws nothing
    main()
