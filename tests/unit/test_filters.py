import pytest

from cxdash.filters import Filters, predicate


@pytest.fixture
def rows(con):
    con.execute(
        "INSERT INTO customers (customer_id, signup_date, segment, region) VALUES "
        "('c1', DATE '2024-01-01', 'VIP', 'Tashkent'), "
        "('c2', DATE '2024-01-01', 'Retail', 'Fergana')"
    )
    con.execute(
        "INSERT INTO orders (order_id, customer_id, order_date, amount, channel) VALUES "
        "('o1', 'c1', DATE '2024-02-01', 10, 'web'), ('o2', 'c2', DATE '2024-02-01', 20, 'store'), "
        "('o3', 'ghost', DATE '2024-02-01', 40, 'web')"
    )
    return con


def _selected(con, dataset, filters):
    where, params = predicate(dataset, filters, "x")
    key = {"orders": "order_id", "customers": "customer_id", "campaigns": "campaign_id"}[dataset]
    sql = f"SELECT {key} FROM {dataset} AS x WHERE {where} ORDER BY 1"
    return [r[0] for r in con.execute(sql, params).fetchall()]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["o1", "o2", "o3"]),
        (Filters(segments=("VIP",)), ["o1"]),
        (Filters(regions=("Fergana",)), ["o2"]),
        (Filters(segments=("VIP", "Retail")), ["o1", "o2"]),
        (Filters(channels=("web",)), ["o1", "o3"]),
        (Filters(segments=("Retail",), channels=("web",)), []),
    ],
)
def test_filters_select_orders(rows, filters, expected):
    assert _selected(rows, "orders", filters) == expected


def test_rows_of_unknown_customers_drop_out_under_a_segment_filter(rows):
    selected = _selected(rows, "orders", Filters(segments=("VIP", "Retail")))
    assert "o3" not in selected


def test_filter_values_are_bound_never_spliced(rows):
    hostile = "x' OR '1'='1"
    where, params = predicate("orders", Filters(segments=(hostile,)), "o")
    assert hostile not in where
    assert hostile in params.values()
    assert _selected(rows, "orders", Filters(segments=(hostile,))) == []


def test_campaigns_take_only_the_channel_filter(con):
    con.execute(
        "INSERT INTO campaigns (campaign_id, channel, start_date, end_date, spend) VALUES "
        "('k1', 'social', DATE '2024-01-01', DATE '2024-01-31', 100), "
        "('k2', 'email', DATE '2024-01-01', DATE '2024-01-31', 100)"
    )
    assert _selected(con, "campaigns", Filters(channels=("social",))) == ["k1"]
    assert _selected(con, "campaigns", Filters(segments=("VIP",))) == ["k1", "k2"]
    assert Filters(segments=("VIP",)).by_customer
    assert not Filters(channels=("social",)).by_customer
